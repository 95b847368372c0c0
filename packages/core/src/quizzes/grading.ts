// Server-side grading. Pure functions: a question as stored, the learner's answer, the points.
//
// Partial credit rule (also in the README): a question scores all of its points or none.
// - multiple choice (one or several correct options): the set of options chosen must equal the set
//   of correct options exactly; one missing or one extra option scores 0.
// - true/false: the chosen value must match.
// - short answer: the text must match one of the accepted answers once both are normalised
//   (case, accents, surrounding and repeated spaces ignored).
import type { QuizOption, QuizQuestion } from '@mdsc/db';
import type { QuizAnswerValue } from '@mdsc/validators';
import { ValidationError } from '../errors';

export interface GradableQuestion {
  id: number;
  questionType: 'multiple_choice' | 'true_false' | 'short_answer';
  options: QuizOption[] | null;
  correctAnswer: string | null;
  points: number;
}

export const toGradable = (q: QuizQuestion): GradableQuestion => ({
  id: q.id,
  questionType: q.questionType,
  options: q.options,
  correctAnswer: q.correctAnswer,
  points: Number(q.points),
});

export interface QuestionGrade {
  questionId: number;
  correct: boolean;
  pointsAwarded: number;
  points: number;
}

export class AnswerShapeError extends Error {
  constructor(readonly questionId: number, expected: string) {
    super(`Question ${questionId} expects ${expected}`);
  }
}

/** "  Les Statuts  " and "les   statuts" and "LES STATUTS" compare equal; so do "été" and "ete". */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}

/** Accepted answers of a short-answer question: stored one per line in correct_answer. */
export function acceptedAnswers(correctAnswer: string | null): string[] {
  return (correctAnswer ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function correctOptionIndexes(options: QuizOption[] | null): number[] {
  return (options ?? []).flatMap((o, i) => (o.correct ? [i] : []));
}

/** Checks that an answer has the shape its question expects (a wrong shape is bad input, not a wrong answer). */
export function assertAnswerShape(q: GradableQuestion, answer: QuizAnswerValue): void {
  if (q.questionType === 'multiple_choice') {
    const n = q.options?.length ?? 0;
    if (!Array.isArray(answer) || answer.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
      throw new AnswerShapeError(q.id, `a list of option indexes between 0 and ${n - 1}`);
    }
  } else if (q.questionType === 'true_false') {
    if (typeof answer !== 'boolean') throw new AnswerShapeError(q.id, 'true or false');
  } else if (typeof answer !== 'string') {
    throw new AnswerShapeError(q.id, 'a text answer');
  }
}

/** The submitted answers by question, each checked against its question (field `answers` otherwise). */
export function readAnswers(
  questions: GradableQuestion[],
  submitted: { questionId: number; answer: QuizAnswerValue }[],
): Map<number, QuizAnswerValue> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers = new Map<number, QuizAnswerValue>();
  for (const a of submitted) {
    const q = byId.get(a.questionId);
    if (!q) throw new ValidationError('answers', `Question ${a.questionId} is not part of this quiz`);
    try {
      assertAnswerShape(q, a.answer);
    } catch (err) {
      if (err instanceof AnswerShapeError) throw new ValidationError('answers', err.message);
      throw err;
    }
    answers.set(a.questionId, a.answer);
  }
  return answers;
}

export function gradeQuestion(q: GradableQuestion, answer: QuizAnswerValue | undefined): QuestionGrade {
  const points = Number(q.points);
  let correct = false;
  if (answer !== undefined) {
    if (q.questionType === 'multiple_choice') {
      const chosen = new Set(answer as number[]);
      const expected = correctOptionIndexes(q.options);
      correct = chosen.size === expected.length && expected.every((i) => chosen.has(i));
    } else if (q.questionType === 'true_false') {
      correct = String(answer) === (q.correctAnswer ?? '').trim().toLowerCase();
    } else {
      const given = normalizeText(answer as string);
      correct = given !== '' && acceptedAnswers(q.correctAnswer).some((a) => normalizeText(a) === given);
    }
  }
  return { questionId: q.id, correct, pointsAwarded: correct ? points : 0, points };
}

export interface AttemptGrade {
  results: QuestionGrade[];
  score: number;
  totalPoints: number;
  /** 0–100, two decimals. */
  percentage: number;
  passed: boolean;
}

export function gradeAttempt(
  questions: GradableQuestion[],
  answers: ReadonlyMap<number, QuizAnswerValue>,
  passingScore: number,
): AttemptGrade {
  const results = questions.map((q) => gradeQuestion(q, answers.get(q.id)));
  const score = round2(results.reduce((s, r) => s + r.pointsAwarded, 0));
  const totalPoints = round2(results.reduce((s, r) => s + r.points, 0));
  const percentage = totalPoints > 0 ? round2((score / totalPoints) * 100) : 0;
  return { results, score, totalPoints, percentage, passed: totalPoints > 0 && percentage >= Number(passingScore) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
