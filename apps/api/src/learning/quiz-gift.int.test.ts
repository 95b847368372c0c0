// GIFT import and export through the quiz router on MariaDB: owners and admins only, all questions
// or none, every problem named with its line, notes for ignored categories, export → import
// gives the same questions, and a learner is graded on imported questions as on authored ones.
import { TRPCError } from '@trpc/server';
import { QuizQuestion } from '@mdsc/db';
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

const GIFT = `$CATEGORY: $course$/Gouvernance associative

// Exporté de Moodle
::Q1:: Qui élit le conseil d’administration ? {
  =L’assemblée générale # Oui : c’est son rôle.
  ~Le trésorier
  ~Le maire
}

// points: 2
::Q2:: Lesquels relèvent de la redevabilité ? {
  ~%50%Publier les comptes
  ~%50%Tenir une AG annuelle
  ~%-100%Décider seul
  ####Rendre compte, c’est publier et réunir.
}

::Q3:: L’assemblée générale vote le budget. {TRUE}

::Q4:: Quel document fixe le cadre d’une association ? {=les statuts =statuts}
`;

async function finalQuiz(owner: Actor) {
  const course = await h.course(owner, { modules: [{ lessons: [{}] }] });
  const quiz = await h.caller(owner).quizzes.create({
    courseId: course.id,
    isFinal: true,
    title: 'Évaluation finale',
    passingScore: 60,
    isPublished: true,
  });
  return { course, quizId: quiz.id };
}

async function problemsOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe('BAD_REQUEST');
  const details = (
    (err as TRPCError).cause as unknown as {
      details: { field: string; problems: { line: number; message: string }[] };
    }
  ).details;
  expect(details.field).toBe('source');
  return details.problems;
}

describe('quizzes.importGift', () => {
  it('adds every question in order, with points and explanations, and notes the ignored category', async () => {
    const { quizId } = await finalQuiz(teacher);
    await h
      .caller(teacher)
      .quizzes.addQuestion({
        quizId,
        questionType: 'true_false',
        questionText: 'Déjà là',
        correctAnswer: false,
      });
    const r = await h.caller(teacher).quizzes.importGift({ quizId, source: GIFT });
    expect(r.notes).toEqual([{ line: 1, message: 'category ignored: $course$/Gouvernance associative' }]);
    expect(r.created.map((q) => [q.questionType, q.points, q.orderIndex])).toEqual([
      ['multiple_choice', 1, 2],
      ['multiple_choice', 2, 3],
      ['true_false', 1, 4],
      ['short_answer', 1, 5],
    ]);
    const editor = await h.caller(teacher).quizzes.editor({ id: quizId });
    expect(editor.questions.map((q) => q.questionText)).toEqual([
      'Déjà là',
      'Qui élit le conseil d’administration ?',
      'Lesquels relèvent de la redevabilité ?',
      'L’assemblée générale vote le budget.',
      'Quel document fixe le cadre d’une association ?',
    ]);
    expect(editor.questions[1]).toMatchObject({
      options: [
        { text: 'L’assemblée générale', correct: true },
        { text: 'Le trésorier', correct: false },
        { text: 'Le maire', correct: false },
      ],
      explanation: 'L’assemblée générale: Oui : c’est son rôle.',
    });
    expect(editor.questions[2].options!.map((o) => o.correct)).toEqual([true, true, false]);
    expect(editor.questions[3]).toMatchObject({ correctAnswer: true, explanation: null });
    expect(editor.questions[4].acceptedAnswers).toEqual(['les statuts', 'statuts']);
  });

  it('refuses the whole file when any item is wrong, naming each line, and writes nothing', async () => {
    const { quizId } = await finalQuiz(teacher);
    const bad = `${GIFT}
::Q5:: Associez. { =AG -> vote =CA -> gère }

::Q6:: Un seul choix possible {~a =b ~c ~d ~e ~f ~g ~h ~i ~j ~k ~l ~m}

::Q7:: Écrivez un essai. {}
`;
    expect(await problemsOf(h.caller(teacher).quizzes.importGift({ quizId, source: bad }))).toEqual([
      { line: 22, message: 'matching questions (=a -> b) are not supported' },
      // Read by the parser, refused by the same schema as the editor's (12 options at most).
      { line: 24, message: expect.stringMatching(/^options: .*12/) },
      { line: 26, message: 'essay questions (an empty {} block) are not supported' },
    ]);
    expect(await QuizQuestion.count({ where: { quizId } })).toBe(0);
    expect(await problemsOf(h.caller(teacher).quizzes.importGift({ quizId, source: '// rien\n' }))).toEqual([
      { line: 1, message: 'no question found' },
    ]);
  });

  it('refuses a file whose points would take the quiz past its maximum, writing nothing', async () => {
    const { quizId } = await finalQuiz(teacher);
    const heavy = Array.from({ length: 11 }, (_, i) => `// points: 100\nQuestion ${i} {T}`).join('\n\n');
    await expectTrpcError(
      h.caller(teacher).quizzes.importGift({ quizId, source: heavy }),
      'BAD_REQUEST',
      'points',
    );
    expect(await QuizQuestion.count({ where: { quizId } })).toBe(0);
  });

  it('lets only the course’s instructor or an admin import and export', async () => {
    const { quizId } = await finalQuiz(teacher);
    const student = await h.user();
    await expectTrpcError(h.caller(otherTeacher).quizzes.importGift({ quizId, source: GIFT }), 'FORBIDDEN');
    await expectTrpcError(h.caller(otherTeacher).quizzes.exportGift({ quizId }), 'FORBIDDEN');
    await expectTrpcError(h.caller(student).quizzes.importGift({ quizId, source: GIFT }), 'FORBIDDEN');
    await expectTrpcError(h.caller(student).quizzes.exportGift({ quizId }), 'FORBIDDEN');
    await expectTrpcError(h.caller(null).quizzes.exportGift({ quizId }), 'UNAUTHORIZED');
    expect(await QuizQuestion.count({ where: { quizId } })).toBe(0);
    await expect(h.caller(admin).quizzes.importGift({ quizId, source: GIFT })).resolves.toMatchObject({
      created: { length: 4 },
    });
  });
});

describe('quizzes.exportGift', () => {
  it('exports a file that imports back to the same questions', async () => {
    const { quizId } = await finalQuiz(teacher);
    const as = h.caller(teacher);
    await as.quizzes.importGift({ quizId, source: GIFT });
    await as.quizzes.addQuestion({
      quizId,
      questionType: 'short_answer',
      questionText: 'Caractères spéciaux : {a} ~b = c # d\n\nSur deux paragraphes.',
      acceptedAnswers: ['a=b', 'x~y'],
      points: 1.5,
      explanation: 'Deux lignes :\nla seconde.',
    });
    const out = await as.quizzes.exportGift({ quizId });
    expect(out.filename).toBe('evaluation-finale.gift');
    expect(out.questionCount).toBe(5);
    expect(out.gift).toContain('// points: 1.5');

    const { quizId: copyId } = await finalQuiz(teacher);
    const back = await as.quizzes.importGift({ quizId: copyId, source: out.gift });
    expect(back.notes).toEqual([]);
    const strip = (qs: { questionText: string }[]) =>
      qs.map(({ id: _i, quizId: _q, ...rest }: Record<string, unknown>) => rest);
    const original = (await as.quizzes.editor({ id: quizId })).questions;
    const copy = (await as.quizzes.editor({ id: copyId })).questions;
    expect(strip(copy)).toEqual(strip(original));
  });
});

describe('a learner on imported questions', () => {
  it('is graded by our no-partial-credit rule: both right options of Q2 are needed', async () => {
    const { course, quizId } = await finalQuiz(teacher);
    const { created } = await h.caller(teacher).quizzes.importGift({ quizId, source: GIFT });
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
    const attempt = await as.quizzes.startAttempt({ quizId });
    const [q1, q2, q3, q4] = created.map((q) => q.id);
    const r = await as.quizzes.submitAttempt({
      attemptId: attempt.attemptId,
      answers: [
        { questionId: q1, answer: [0] },
        { questionId: q2, answer: [0] }, // one of the two right options only: no points
        { questionId: q3, answer: true },
        { questionId: q4, answer: ' Les Statuts ' },
      ],
    });
    expect(r.questions.map((q) => [q.correct, q.pointsAwarded])).toEqual([
      [true, 1],
      [false, 0],
      [true, 1],
      [true, 1],
    ]);
    expect(r).toMatchObject({ score: 3, totalPoints: 5, percentage: 60, passed: true, revealed: true });
    // Passed: expected answers and the explanations are shown.
    expect(r.questions[1].explanation).toBe('Rendre compte, c’est publier et réunir.');
  });
});
