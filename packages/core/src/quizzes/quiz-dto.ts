// What quizzes look like on the wire. Two audiences: authors (everything, answers included) and
// learners (questions without any correctness data until their attempt is submitted).
import type { Quiz, QuizAttempt, QuizAttemptStatus, QuizQuestion } from '@mdsc/db';
import type { QuizAnswerValue } from '@mdsc/validators';
import { toIso } from '../catalog/access';
import { acceptedAnswers } from './grading';

export interface AuthorQuestionDto {
  id: number;
  quizId: number;
  questionText: string;
  questionType: QuizQuestion['questionType'];
  points: number;
  orderIndex: number;
  options: { text: string; correct: boolean }[] | null;
  correctAnswer: boolean | null;
  acceptedAnswers: string[] | null;
  explanation: string | null;
}

export interface QuizDto {
  id: number;
  courseId: number;
  lessonId: number | null;
  title: string;
  description: string | null;
  timeLimitMinutes: number | null;
  passingScore: number;
  maxAttempts: number;
  isFinal: boolean;
  isPublished: boolean;
}

export function toQuizDto(q: Quiz): QuizDto {
  return {
    id: q.id,
    courseId: q.courseId,
    lessonId: q.lessonId ?? null,
    title: q.title,
    description: q.description ?? null,
    timeLimitMinutes: q.timeLimitMinutes ?? null,
    passingScore: Number(q.passingScore),
    maxAttempts: q.maxAttempts,
    isFinal: !!q.isFinal,
    isPublished: !!q.isPublished,
  };
}

export function toAuthorQuestionDto(q: QuizQuestion): AuthorQuestionDto {
  return {
    id: q.id,
    quizId: q.quizId,
    questionText: q.questionText,
    questionType: q.questionType,
    points: Number(q.points),
    orderIndex: q.orderIndex,
    options: q.questionType === 'multiple_choice' ? (q.options ?? []).map((o) => ({ text: o.text, correct: !!o.correct })) : null,
    correctAnswer: q.questionType === 'true_false' ? q.correctAnswer === 'true' : null,
    acceptedAnswers: q.questionType === 'short_answer' ? acceptedAnswers(q.correctAnswer) : null,
    explanation: q.explanation ?? null,
  };
}

/** A question as a learner sees it while answering: text and option texts only. */
export interface LearnerQuestionDto {
  id: number;
  questionText: string;
  questionType: QuizQuestion['questionType'];
  points: number;
  /** multiple_choice: option texts by index (how many are correct is not disclosed). */
  options: { index: number; text: string }[] | null;
}

export function toLearnerQuestionDto(q: QuizQuestion): LearnerQuestionDto {
  return {
    id: q.id,
    questionText: q.questionText,
    questionType: q.questionType,
    points: Number(q.points),
    options: q.questionType === 'multiple_choice' ? (q.options ?? []).map((o, index) => ({ index, text: o.text })) : null,
  };
}

/** Per-question feedback of a submitted attempt. The expected answer only when `reveal`. */
export interface QuestionFeedbackDto extends LearnerQuestionDto {
  answer: QuizAnswerValue | null;
  correct: boolean;
  pointsAwarded: number;
  expected: { optionIndexes: number[] | null; value: boolean | null; acceptedAnswers: string[] | null } | null;
  /** The author's explanation, with the expected answer (it usually gives it away). */
  explanation: string | null;
}

export interface AttemptResultDto {
  id: number;
  quizId: number;
  status: QuizAttemptStatus;
  startedAt: string;
  completedAt: string | null;
  score: number;
  totalPoints: number;
  percentage: number;
  passed: boolean;
  /** Submitted after the time limit: answers were not counted. */
  late: boolean;
  /** Whether the expected answers are shown (attempt passed, or no attempt left). */
  revealed: boolean;
  questions: QuestionFeedbackDto[];
}

/** What feedback shows of a question whatever the answer: computed once per quiz version (grading cache). */
export interface QuestionFeedbackTemplate {
  id: number;
  learner: LearnerQuestionDto;
  expected: NonNullable<QuestionFeedbackDto['expected']>;
  explanation: string | null;
}

export function toFeedbackTemplate(q: QuizQuestion): QuestionFeedbackTemplate {
  const author = toAuthorQuestionDto(q);
  return {
    id: q.id,
    learner: toLearnerQuestionDto(q),
    expected: {
      optionIndexes: author.options ? author.options.flatMap((o, i) => (o.correct ? [i] : [])) : null,
      value: author.correctAnswer,
      acceptedAnswers: author.acceptedAnswers,
    },
    explanation: q.explanation ?? null,
  };
}

/** The attempt's fields the result shows (a stored attempt, or the values just written). */
export type AttemptResultSource = Pick<
  QuizAttempt,
  'id' | 'quizId' | 'status' | 'startedAt' | 'completedAt' | 'score' | 'totalPoints' | 'percentage' | 'isPassed' | 'answers' | 'results'
>;

export function toAttemptResultDto(
  a: AttemptResultSource,
  questions: QuizQuestion[] | readonly QuestionFeedbackTemplate[],
  reveal: boolean,
): AttemptResultDto {
  return {
    id: a.id,
    quizId: a.quizId,
    status: a.status,
    startedAt: toIso(a.startedAt)!,
    completedAt: toIso(a.completedAt),
    score: Number(a.score ?? 0),
    totalPoints: Number(a.totalPoints ?? 0),
    percentage: Number(a.percentage ?? 0),
    passed: !!a.isPassed,
    late: a.status === 'expired',
    revealed: reveal,
    questions: toQuestionFeedback(questions, a.answers ?? {}, a.results ?? [], reveal),
  };
}

const isTemplate = (q: QuizQuestion | QuestionFeedbackTemplate): q is QuestionFeedbackTemplate => 'learner' in q;

/**
 * Per-question feedback of graded answers (a submitted attempt, or an author's preview), from the
 * questions or from their templates (the grading cache's, on the submission path).
 */
export function toQuestionFeedback(
  questions: QuizQuestion[] | readonly QuestionFeedbackTemplate[],
  answers: Record<string, unknown>,
  graded: { questionId: number; correct: boolean; pointsAwarded: number }[],
  reveal: boolean,
): QuestionFeedbackDto[] {
  const results = new Map(graded.map((r) => [r.questionId, r]));
  const out: QuestionFeedbackDto[] = [];
  for (const q of questions) {
    const r = results.get(q.id);
    if (!r) continue;
    const t = isTemplate(q) ? q : toFeedbackTemplate(q);
    out.push({
      ...t.learner,
      answer: (answers[String(t.id)] as QuizAnswerValue | undefined) ?? null,
      correct: r.correct,
      pointsAwarded: r.pointsAwarded,
      expected: reveal ? t.expected : null,
      explanation: reveal ? t.explanation : null,
    });
  }
  return out;
}
