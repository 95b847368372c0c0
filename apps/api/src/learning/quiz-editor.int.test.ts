// The quiz editor's own calls on MariaDB: duplicating a question (placed right after it, counted in
// the quiz's points) and "preview as a student" (graded like an attempt, explanations shown, nothing
// recorded). Only the course's instructor or an admin; bad input names the field and writes nothing.
import { QuizAttempt, QuizQuestion } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;
let otherTeacher: Actor;
let admin: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
  otherTeacher = await h.user('instructor');
  admin = await h.user('admin');
});
afterAll(async () => h?.close());

/** A draft final quiz (unpublished: preview works before learners can see it) with three questions. */
async function draftQuiz() {
  const course = await h.course(teacher, { modules: [{ lessons: [{}] }] });
  const as = h.caller(teacher);
  const quiz = await as.quizzes.create({ courseId: course.id, isFinal: true, title: 'Brouillon', passingScore: 60 });
  const mc = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'multiple_choice',
    questionText: 'Lesquels relèvent de la redevabilité ?',
    points: 2,
    explanation: 'Publier et réunir.',
    options: [
      { text: 'Publier les comptes', correct: true },
      { text: 'Tenir une AG', correct: true },
      { text: 'Décider seul', correct: false },
    ],
  });
  const tf = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'true_false',
    questionText: 'L’AG vote le budget.',
    correctAnswer: true,
  });
  const sa = await as.quizzes.addQuestion({
    quizId: quiz.id,
    questionType: 'short_answer',
    questionText: 'Le document fondateur ?',
    acceptedAnswers: ['statuts'],
    explanation: 'Les statuts.',
  });
  return { course, quizId: quiz.id, mc: mc.id, tf: tf.id, sa: sa.id };
}

const order = async (quizId: number) =>
  (await h.caller(teacher).quizzes.editor({ id: quizId })).questions.map((q) => q.id);

describe('quizzes.duplicateQuestion', () => {
  it('copies every field of the question right after it and renumbers the rest', async () => {
    const { quizId, mc, tf, sa } = await draftQuiz();
    const copy = await h.caller(teacher).quizzes.duplicateQuestion({ id: mc });
    expect(copy.id).not.toBe(mc);
    expect(await order(quizId)).toEqual([mc, copy.id, tf, sa]);
    const editor = await h.caller(teacher).quizzes.editor({ id: quizId });
    const { id: _a, orderIndex: _b, ...original } = editor.questions[0];
    const { id: _c, orderIndex: _d, ...duplicated } = editor.questions[1];
    expect(duplicated).toEqual(original);
    expect(editor.questions.map((q) => q.orderIndex)).toEqual([1, 2, 3, 4]);
    // The last question's copy goes last.
    const last = await h.caller(admin).quizzes.duplicateQuestion({ id: sa });
    expect(await order(quizId)).toEqual([mc, copy.id, tf, sa, last.id]);
  });

  it('refuses a copy that would take the quiz past its points limit, writing nothing', async () => {
    const { quizId } = await draftQuiz();
    const heavy = await h.caller(teacher).quizzes.addQuestion({
      quizId,
      questionType: 'true_false',
      questionText: 'Lourde',
      correctAnswer: true,
      points: 100,
    });
    for (let i = 0; i < 8; i++) await h.caller(teacher).quizzes.duplicateQuestion({ id: heavy.id });
    const before = await QuizQuestion.count({ where: { quizId } });
    await expectTrpcError(h.caller(teacher).quizzes.duplicateQuestion({ id: heavy.id }), 'BAD_REQUEST', 'points');
    expect(await QuizQuestion.count({ where: { quizId } })).toBe(before);
  });

  it('is for the course’s instructor or an admin only', async () => {
    const { quizId, tf } = await draftQuiz();
    const student = await h.user();
    await expectTrpcError(h.caller(otherTeacher).quizzes.duplicateQuestion({ id: tf }), 'FORBIDDEN');
    await expectTrpcError(h.caller(student).quizzes.duplicateQuestion({ id: tf }), 'FORBIDDEN');
    await expectTrpcError(h.caller(null).quizzes.duplicateQuestion({ id: tf }), 'UNAUTHORIZED');
    await expectTrpcError(h.caller(teacher).quizzes.duplicateQuestion({ id: 999_999_999 }), 'NOT_FOUND');
    // A bad id is refused by the input schema, which names the field.
    const bad = await h.caller(teacher).quizzes.duplicateQuestion({ id: -1 }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [expect.objectContaining({ path: ['id'] })] } });
    expect(await QuizQuestion.count({ where: { quizId } })).toBe(3);
  });
});

describe('quizzes.preview', () => {
  it('grades the answers like an attempt, reveals answers and explanations, and records nothing', async () => {
    const { quizId, mc, tf, sa } = await draftQuiz();
    const attemptsBefore = await QuizAttempt.count();
    const r = await h.caller(teacher).quizzes.preview({
      quizId,
      answers: [
        { questionId: mc, answer: [0, 1] },
        { questionId: tf, answer: false },
        { questionId: sa, answer: '  Statuts ' },
      ],
    });
    expect(r).toMatchObject({ score: 3, totalPoints: 4, percentage: 75, passed: true, revealed: true, late: false });
    expect(r.questions.map((q) => [q.id, q.correct, q.pointsAwarded, q.explanation])).toEqual([
      [mc, true, 2, 'Publier et réunir.'],
      [tf, false, 0, null],
      [sa, true, 1, 'Les statuts.'],
    ]);
    expect(r.questions[1].expected).toEqual({ optionIndexes: null, value: true, acceptedAnswers: null });
    // Unanswered questions score nothing; the quiz fails under its passing score.
    const empty = await h.caller(teacher).quizzes.preview({ quizId, answers: [] });
    expect(empty).toMatchObject({ score: 0, totalPoints: 4, passed: false });
    expect(await QuizAttempt.count()).toBe(attemptsBefore);
  });

  it('names the field of a bad answer', async () => {
    const { quizId, mc, tf } = await draftQuiz();
    const { tf: elsewhere } = await draftQuiz();
    const as = h.caller(teacher);
    await expectTrpcError(as.quizzes.preview({ quizId, answers: [{ questionId: mc, answer: [7] }] }), 'BAD_REQUEST', 'answers');
    await expectTrpcError(as.quizzes.preview({ quizId, answers: [{ questionId: tf, answer: 'oui' }] }), 'BAD_REQUEST', 'answers');
    await expectTrpcError(as.quizzes.preview({ quizId, answers: [{ questionId: elsewhere, answer: true }] }), 'BAD_REQUEST', 'answers');
  });

  it('is for the course’s instructor or an admin only', async () => {
    const { quizId } = await draftQuiz();
    const student = await h.user();
    await expectTrpcError(h.caller(otherTeacher).quizzes.preview({ quizId, answers: [] }), 'FORBIDDEN');
    await expectTrpcError(h.caller(student).quizzes.preview({ quizId, answers: [] }), 'FORBIDDEN');
    await expect(h.caller(admin).quizzes.preview({ quizId, answers: [] })).resolves.toMatchObject({ totalPoints: 4 });
  });
});
