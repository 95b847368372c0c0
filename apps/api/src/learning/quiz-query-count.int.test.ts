// The number of SQL statements of quizzes.submitAttempt, fixed: the submission path is hot (a whole
// class submits the final exam at once), and each statement is a round trip to the database.
// Statements of the outbox relay (reading and marking the rows of earlier transactions) are not
// the submission's; its own outbox INSERTs are counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;

beforeAll(async () => {
  h = await createLearningHarness();
});
afterAll(async () => h?.close());

async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const opts = h.db.sequelize.options as { logging: unknown };
  const saved = opts.logging;
  opts.logging = (sql: string) => {
    const s = sql.replace(/^Executing \([^)]*\): /, '');
    if (/\boutbox\b/i.test(s) && !/^INSERT INTO `?outbox`?/i.test(s)) return; // the relay's reads and marks
    statements.push(s);
  };
  try {
    const result = await fn();
    // Up to the submission's COMMIT: later statements are after-commit work (relay, jobs).
    return { result, statements: statements.slice(0, statements.indexOf('COMMIT;') + 1) };
  } finally {
    opts.logging = saved;
  }
}

describe('quizzes.submitAttempt statement count', () => {
  it('grades a failing attempt and a course-completing one in a fixed number of statements', async () => {
    const teacher = await h.user('instructor');
    const course = await h.course(teacher, { modules: [{ lessons: [{}, {}] }], finalQuiz: { maxAttempts: 3 } });
    const { quizId, questionId } = course.finalQuiz!;
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
    await h.jobs.idle();

    // Warm: the grading data of this quiz version is cached after the first submission.
    const first = await as.quizzes.startAttempt({ quizId });
    const failed = await counted(() => as.quizzes.submitAttempt({ attemptId: first.attemptId, answers: [{ questionId, answer: false }] }));
    expect(failed.result).toMatchObject({ passed: false, percentage: 0 });

    const second = await as.quizzes.startAttempt({ quizId });
    const failedAgain = await counted(() =>
      as.quizzes.submitAttempt({ attemptId: second.attemptId, answers: [{ questionId, answer: false }] }),
    );
    const third = await as.quizzes.startAttempt({ quizId });
    const passed = await counted(() => as.quizzes.submitAttempt({ attemptId: third.attemptId, answers: [{ questionId, answer: true }] }));
    expect(passed.result).toMatchObject({ passed: true, percentage: 100 });
    await h.jobs.idle();
    // One connection for the whole submission (issue 18): SET TRANSACTION ISOLATION LEVEL
    // READ COMMITTED, START TRANSACTION, quiz context, questions (first submission of this quiz
    // version only), enrolment FOR UPDATE, attempts, attempt UPDATE, notification INSERT, one
    // outbox INSERT, COMMIT.
    expect(failed.statements).toHaveLength(10);
    expect(failedAgain.statements).toHaveLength(9);
    expect(failedAgain.statements[0]).toMatch(/ISOLATION LEVEL READ COMMITTED/);
    expect(failedAgain.statements.filter((s) => /FOR UPDATE/.test(s))).toHaveLength(1);
    // Passing completes the course: + completed lessons, enrolment UPDATE, certificate lookup,
    // yearly counter, certificate INSERT (events and the rendering job ride in the same single
    // outbox INSERT). The course structure comes from the per-version cache (the quiz context
    // reads courses.structure_version): no query.
    expect(passed.statements).toHaveLength(14);
    expect(passed.statements.filter((s) => /FROM `?(modules|lessons|quizzes)`? /.test(s))).toHaveLength(0);
    expect(passed.statements.filter((s) => /^INSERT INTO `?outbox`? /.test(s))).toHaveLength(1);
  });

  it('grades against the edited questions once a question changes (the cache follows the quiz version)', async () => {
    const teacher = await h.user('instructor');
    const course = await h.course(teacher, { modules: [{ lessons: [{}] }], finalQuiz: { maxAttempts: 3 } });
    const { quizId, questionId } = course.finalQuiz!;
    const submit = async (answer: boolean) => {
      const as = h.caller(await h.user());
      await as.enrollments.enroll({ courseId: course.id });
      for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
      const a = await as.quizzes.startAttempt({ quizId });
      return as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId, answer }] });
    };
    expect(await submit(true)).toMatchObject({ passed: true }); // cached: "true" is right
    await h.caller(teacher).quizzes.updateQuestion({ id: questionId, questionType: 'true_false', questionText: 'Inversée', correctAnswer: false });
    expect(await submit(true)).toMatchObject({ passed: false });
    const r = await submit(false);
    expect(r).toMatchObject({ passed: true });
    expect(r.questions[0].questionText).toBe('Inversée');
    // A write that bypasses the service (another process, a script) bumps the version as well.
    const { QuizQuestion } = await import('@mdsc/db');
    await QuizQuestion.update({ correctAnswer: 'true' }, { where: { id: questionId } });
    expect(await submit(true)).toMatchObject({ passed: true });
  });

  it('follows authoring changes to the course (the structure cache follows the course version)', async () => {
    const teacher = await h.user('instructor');
    const course = await h.course(teacher, { modules: [{ lessons: [{}] }], finalQuiz: { maxAttempts: 3 } });
    const { quizId } = course.finalQuiz!;
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId }); // structure cached
    // A new required lesson, through the authoring service: the final quiz is locked again.
    const added = await h.caller(teacher).lessons.create({
      courseId: course.id,
      moduleId: course.moduleIds[0],
      title: 'Ajoutée',
      contentType: 'text',
      contentText: 'Nouveau',
      isPublished: true,
    });
    await expectTrpcError(as.quizzes.startAttempt({ quizId }), 'FORBIDDEN', 'quiz_locked');
    // A write that bypasses the service (another process, a script) bumps the version as well.
    const { Lesson } = await import('@mdsc/db');
    await Lesson.update({ isPublished: false }, { where: { id: added.id } });
    expect(await as.quizzes.startAttempt({ quizId })).toMatchObject({ resumed: false });
  });
});
