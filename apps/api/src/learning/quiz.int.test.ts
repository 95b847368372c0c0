// Quizzes on MariaDB: authoring rights and validation, no correctness data before submission (raw
// HTTP JSON), server-side grading and its partial-credit rule, the time limit, max_attempts under
// concurrent submissions, feedback in the history.
import { QuizAttempt } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type BuiltCourse, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;
let otherTeacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
  otherTeacher = await h.user('instructor');
});
afterAll(async () => h?.close());

/** A course whose final quiz has one question of each kind, built through the authoring API. */
async function courseWithAuthoredQuiz(opts: { maxAttempts?: number; timeLimitMinutes?: number | null } = {}) {
  const course = await h.course(teacher, { modules: [{ lessons: [{}] }] });
  const as = h.caller(teacher);
  const quiz = await as.quizzes.create({
    courseId: course.id,
    isFinal: true,
    title: 'Évaluation finale',
    passingScore: 75,
    maxAttempts: opts.maxAttempts ?? 3,
    timeLimitMinutes: opts.timeLimitMinutes ?? null,
    isPublished: true,
  });
  const single = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'multiple_choice',
    questionText: 'Qui élit le conseil d’administration ?',
    options: [
      { text: 'L’assemblée générale', correct: true },
      { text: 'Le trésorier', correct: false },
    ],
  });
  const several = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'multiple_choice',
    questionText: 'Lesquels relèvent de la redevabilité ?',
    options: [
      { text: 'Publier les comptes', correct: true },
      { text: 'Tenir une AG annuelle', correct: true },
      { text: 'Décider seul', correct: false },
    ],
  });
  const tf = await as.quizzes.addQuestion({ quizId: quiz.id, questionType: 'true_false', questionText: 'L’assemblée générale vote le budget.', correctAnswer: true });
  const short = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'short_answer',
    questionText: 'Quel document fixe le cadre d’une association ?',
    acceptedAnswers: ['les statuts', 'statuts'],
  });
  return { course, quizId: quiz.id, q: { single: single.id, several: several.id, tf: tf.id, short: short.id } };
}

async function readyLearner(course: BuiltCourse) {
  const student = await h.user();
  const as = h.caller(student);
  await as.enrollments.enroll({ courseId: course.id });
  for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
  return { student, as };
}

describe('authoring', () => {
  it('lets only the course’s instructor (or an admin) write quizzes, and validates questions naming the field', async () => {
    const { quizId, q } = await courseWithAuthoredQuiz();
    await expectTrpcError(h.caller(otherTeacher).quizzes.editor({ id: quizId }), 'FORBIDDEN');
    await expectTrpcError(
      h.caller(otherTeacher).quizzes.addQuestion({ quizId, questionType: 'true_false', questionText: 'x', correctAnswer: true }),
      'FORBIDDEN',
    );
    await expectTrpcError(h.caller(await h.user()).quizzes.update({ id: quizId, title: 'Volé' }), 'FORBIDDEN');
    const admin = await h.user('admin');
    expect((await h.caller(admin).quizzes.editor({ id: quizId })).questions).toHaveLength(4);

    const bad = h.caller(teacher).quizzes.addQuestion({
      quizId,
      questionType: 'multiple_choice',
      questionText: 'Aucune bonne réponse',
      options: [
        { text: 'a', correct: false },
        { text: 'b', correct: false },
      ],
    });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ path: ['options'] }] } });
    const editor = await h.caller(teacher).quizzes.editor({ id: quizId });
    expect(editor.questions.map((x) => x.id)).toEqual([q.single, q.several, q.tf, q.short]);
    expect(editor.questions[3].acceptedAnswers).toEqual(['les statuts', 'statuts']);

    await h.caller(teacher).quizzes.reorderQuestions({ quizId, questionIds: [q.short, q.tf, q.several, q.single] });
    await h.caller(teacher).quizzes.deleteQuestion({ id: q.tf });
    expect((await h.caller(teacher).quizzes.editor({ id: quizId })).questions.map((x) => x.id)).toEqual([q.short, q.several, q.single]);
    await expectTrpcError(
      h.caller(teacher).quizzes.reorderQuestions({ quizId, questionIds: [q.short, q.single] }),
      'BAD_REQUEST',
      'questionIds',
    );
  });

  it('allows one final quiz per course and one quiz per lesson', async () => {
    const { course } = await courseWithAuthoredQuiz();
    const as = h.caller(teacher);
    await expectTrpcError(as.quizzes.create({ courseId: course.id, isFinal: true, title: 'Deuxième finale' }), 'CONFLICT', 'isFinal');
    const lessonId = course.lessonIds[0];
    await as.quizzes.create({ courseId: course.id, lessonId, title: 'Quiz de leçon' });
    await expectTrpcError(as.quizzes.create({ courseId: course.id, lessonId, title: 'Encore' }), 'CONFLICT', 'lessonId');
    await expect(as.quizzes.create({ courseId: course.id, title: 'Ni leçon ni finale' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [{ path: ['lessonId'] }] },
    });
  });
});

describe('taking a quiz', () => {
  it('never sends correct flags or accepted answers before submission (raw JSON over HTTP)', async () => {
    const { course, quizId } = await courseWithAuthoredQuiz();
    const { student } = await readyLearner(course);
    const { base, bearer } = await h.http();
    const token = await bearer(student);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const started = await fetch(`${base}/trpc/quizzes.startAttempt`, { method: 'POST', headers, body: JSON.stringify({ quizId }) });
    expect(started.status).toBe(200);
    const raw = await started.text();
    expect(raw).toContain('Lesquels relèvent de la redevabilité ?');
    expect(raw).toContain('Publier les comptes');
    for (const secret of ['correct', 'statuts', 'acceptedAnswers', 'correctAnswer', 'expected']) expect(raw).not.toContain(secret);
    const overview = await (await fetch(`${base}/trpc/quizzes.overview?input=${encodeURIComponent(JSON.stringify({ quizId }))}`, { headers })).text();
    for (const secret of ['correct', 'statuts']) expect(overview).not.toContain(secret);
    const view = await (await fetch(`${base}/trpc/progress.course?input=${encodeURIComponent(JSON.stringify({ slug: course.slug }))}`, { headers })).text();
    expect(view).not.toMatch(/correct|statuts/);
  });

  it('grades on the server: a multi-answer question scores only when the chosen set is exactly the correct set', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz();
    const { as } = await readyLearner(course);
    const a1 = await as.quizzes.startAttempt({ quizId });
    expect(a1.questions.map((x) => x.questionType)).toEqual(['multiple_choice', 'multiple_choice', 'true_false', 'short_answer']);
    const r1 = await as.quizzes.submitAttempt({
      attemptId: a1.attemptId,
      answers: [
        { questionId: q.single, answer: [0] },
        { questionId: q.several, answer: [0] }, // one of two correct options: no credit
        { questionId: q.tf, answer: true },
        { questionId: q.short, answer: '  LES Statûts ' }, // case, accent, spaces ignored
      ],
    });
    expect(r1).toMatchObject({ score: 3, totalPoints: 4, percentage: 75, passed: true, late: false });
    expect(r1.questions.map((x) => x.correct)).toEqual([true, false, true, true]);
    expect(r1.revealed).toBe(true); // passed: the expected answers are shown
    expect(r1.questions[1].expected?.optionIndexes).toEqual([0, 1]);
    // Passing the final quiz after every lesson completes the course.
    const view = await as.progress.course({ slug: course.slug });
    expect(view.finalQuiz).toMatchObject({ passed: true, attemptsUsed: 1 });
    expect(view.enrollment?.status).toMatch(/completed|certified/);
  });

  it('keeps expected answers hidden in the feedback while attempts remain and the quiz is not passed', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz({ maxAttempts: 2 });
    const { as } = await readyLearner(course);
    const a = await as.quizzes.startAttempt({ quizId });
    const r = await as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: q.tf, answer: false }] });
    expect(r).toMatchObject({ passed: false, revealed: false, score: 0 });
    expect(JSON.stringify(r)).not.toContain('statuts');
    expect(r.questions.every((x) => x.expected === null)).toBe(true);
    const history = await as.quizzes.attempts({ quizId });
    expect(history).toHaveLength(1);
    expect(history[0].questions.map((x) => x.answer)).toEqual([null, null, false, null]);
    await expectTrpcError(as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [] }), 'CONFLICT', 'already_submitted');
    // Last attempt used: now the answers are shown.
    const b = await as.quizzes.startAttempt({ quizId });
    const rb = await as.quizzes.submitAttempt({ attemptId: b.attemptId, answers: [] });
    expect(rb.revealed).toBe(true);
    expect(rb.questions[3].expected?.acceptedAnswers).toEqual(['les statuts', 'statuts']);
    await expectTrpcError(as.quizzes.startAttempt({ quizId }), 'FORBIDDEN', 'no_attempts_left');
  });

  it('refuses answers of the wrong shape or to another quiz’s questions, writing nothing', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz();
    const { as } = await readyLearner(course);
    const a = await as.quizzes.startAttempt({ quizId });
    await expectTrpcError(as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: q.single, answer: [7] }] }), 'BAD_REQUEST', 'answers');
    await expectTrpcError(as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: q.tf, answer: 'oui' }] }), 'BAD_REQUEST', 'answers');
    await expectTrpcError(as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: 999_999_999, answer: true }] }), 'BAD_REQUEST', 'answers');
    expect((await QuizAttempt.findByPk(a.attemptId))!.status).toBe('in_progress');
    // Someone else's attempt does not exist for me.
    const other = await readyLearner(course);
    await expectTrpcError(other.as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [] }), 'NOT_FOUND');
  });

  it('locks the final quiz until every required lesson is completed', async () => {
    const { course, quizId } = await courseWithAuthoredQuiz();
    const student = await h.user();
    await h.caller(student).enrollments.enroll({ courseId: course.id });
    await expectTrpcError(h.caller(student).quizzes.startAttempt({ quizId }), 'FORBIDDEN', 'quiz_locked');
    expect((await h.caller(student).quizzes.overview({ quizId })).lockedReason).toBe('quiz_locked');
    await expectTrpcError(h.caller(await h.user()).quizzes.startAttempt({ quizId }), 'FORBIDDEN', 'not_enrolled');
  });
});

describe('time limit', () => {
  it('does not count a submission after the time limit (server clock, small grace)', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz({ timeLimitMinutes: 10 });
    const { as, student } = await readyLearner(course);
    const all = [
      { questionId: q.single, answer: [0] },
      { questionId: q.several, answer: [0, 1] },
      { questionId: q.tf, answer: true },
      { questionId: q.short, answer: 'statuts' },
    ];
    h.setNow(new Date('2026-06-01T10:00:00Z'));
    try {
      const a = await as.quizzes.startAttempt({ quizId });
      expect(a.deadlineAt).toBe('2026-06-01T10:10:00.000Z');
      h.setNow(new Date('2026-06-01T10:10:05Z')); // within the grace: counted
      const onTime = await as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: all });
      expect(onTime).toMatchObject({ late: false, percentage: 100 });

      h.setNow(new Date('2026-06-02T10:00:00Z'));
      const b = await as.quizzes.startAttempt({ quizId });
      h.setNow(new Date('2026-06-02T10:11:00Z'));
      const late = await as.quizzes.submitAttempt({ attemptId: b.attemptId, answers: all });
      expect(late).toMatchObject({ late: true, status: 'expired', score: 0, percentage: 0, passed: false });
      const row = (await QuizAttempt.findByPk(b.attemptId))!;
      expect(row.answers).toEqual({});
      expect(h.events('quiz_failed').some((e) => e.payload.sourceId === b.attemptId && e.payload.userId === student.id)).toBe(true);
    } finally {
      h.setNow(null);
    }
  });

  it('expires an abandoned attempt when the next one starts; it counts as used', async () => {
    const { course, quizId } = await courseWithAuthoredQuiz({ timeLimitMinutes: 5, maxAttempts: 2 });
    const { as } = await readyLearner(course);
    h.setNow(new Date('2026-06-03T10:00:00Z'));
    try {
      const a = await as.quizzes.startAttempt({ quizId });
      const again = await as.quizzes.startAttempt({ quizId }); // still running: resumed
      expect(again).toMatchObject({ attemptId: a.attemptId, resumed: true });
      h.setNow(new Date('2026-06-03T11:00:00Z'));
      const b = await as.quizzes.startAttempt({ quizId });
      expect(b.attemptId).not.toBe(a.attemptId);
      expect((await QuizAttempt.findByPk(a.attemptId))!.status).toBe('expired');
      expect((await as.quizzes.overview({ quizId })).attemptsLeft).toBe(0);
    } finally {
      h.setNow(null);
    }
  });
});

describe('max_attempts under concurrency', () => {
  it('holds when 12 learners’ tabs keep starting and submitting a quiz allowing 3 attempts', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz({ maxAttempts: 3 });
    const { as, student } = await readyLearner(course);
    let submitted = 0;
    const tab = async (): Promise<string> => {
      for (;;) {
        try {
          const a = await as.quizzes.startAttempt({ quizId });
          await as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: q.tf, answer: false }] });
          submitted++;
        } catch (err) {
          const e = err as { code: string; cause?: { details?: { reason?: string } } };
          if (e.code === 'CONFLICT') continue; // another tab submitted the attempt we resumed
          return e.cause?.details?.reason ?? e.code;
        }
      }
    };
    const endings = await Promise.all(Array.from({ length: 12 }, tab));
    expect(endings).toEqual(Array(12).fill('no_attempts_left'));
    expect(submitted).toBe(3);
    expect(await QuizAttempt.count({ where: { userId: student.id, quizId } })).toBe(3);
    expect(await QuizAttempt.count({ where: { userId: student.id, quizId, status: 'graded' } })).toBe(3);
  });

  it('grades one attempt once when it is submitted many times at once', async () => {
    const { course, quizId, q } = await courseWithAuthoredQuiz();
    const { as } = await readyLearner(course);
    const a = await as.quizzes.startAttempt({ quizId });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: q.tf, answer: true }] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(h.events('quiz_failed').filter((e) => e.payload.sourceId === a.attemptId)).toHaveLength(1);
  });
});
