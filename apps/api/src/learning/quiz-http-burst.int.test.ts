// The HTTP driver of bench/quiz-submit (testing/quiz-burst.ts) on a small class: every submission
// is answered 200 with a graded attempt, the database agrees, and a refused call (a bad session)
// is reported as a problem instead of passing for a fast submission.
import { QuizAttempt } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, type LearningHarness } from '../testing/learning-harness';
import { burstProblems, submitBurstOverHttp, type BurstLearner } from '../testing/quiz-burst';

let h: LearningHarness;
beforeAll(async () => {
  h = await createLearningHarness();
});
afterAll(async () => h?.close());

describe('bench/quiz-submit over HTTP', () => {
  it('grades every submission of a burst of learners, each with their own session', async () => {
    const teacher = await h.user('instructor');
    const course = await h.course(teacher, { modules: [{ lessons: [{}] }], finalQuiz: { maxAttempts: 3 } });
    const { quizId, questionId } = course.finalQuiz!;
    const http = await h.http();
    const learners: BurstLearner[] = [];
    for (let i = 0; i < 12; i++) {
      const student = await h.user();
      const as = h.caller(student);
      await as.enrollments.enroll({ courseId: course.id });
      for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
      const { attemptId } = await as.quizzes.startAttempt({ quizId });
      learners.push({ bearer: await http.bearer(student), attemptId, answers: [{ questionId, answer: i % 2 === 0 }] });
    }
    const outcome = await submitBurstOverHttp(http.base, learners);
    expect(burstProblems(outcome)).toEqual([]);
    expect(outcome.answers.map((a) => a.result!.passed)).toEqual(learners.map((_, i) => i % 2 === 0));
    const rows = await QuizAttempt.findAll({ where: { id: learners.map((l) => l.attemptId) } });
    expect(rows.map((r) => r.status)).toEqual(learners.map(() => 'graded'));

    // The checker is not blind: a second submission (409) and a bad session (401) are problems.
    const again = await submitBurstOverHttp(http.base, [learners[0], { ...learners[1], bearer: 'a'.repeat(40) }]);
    const problems = burstProblems(again);
    expect(problems).toHaveLength(2);
    expect(again.answers.map((a) => a.status)).toEqual([409, 401]);
  });
});
