// The grading data of a quiz (its active questions, as models for the feedback and as plain
// gradable rows), kept per process and keyed by the quiz's questions_version: every write to its
// questions bumps that version in the same transaction (QuizQuestion hooks in @mdsc/db), so a
// submission that read version v gets questions at least as new as v, in any process.
import { QuizQuestion } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { toGradable, type GradableQuestion } from './grading';
import { toFeedbackTemplate, type QuestionFeedbackTemplate } from './quiz-dto';

export interface QuizGradingData {
  version: number;
  questions: QuizQuestion[];
  gradable: GradableQuestion[];
  byId: Map<number, GradableQuestion>;
  /** The feedback of each question that does not depend on the answer (shared: never mutate). */
  feedback: readonly QuestionFeedbackTemplate[];
}

const MAX_ENTRIES = 1000;

/** Results of every submission share these objects: frozen, so no caller can alter the next one's. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
const cache = new Map<number, QuizGradingData>();

/**
 * The quiz's grading data for `version`, read by the caller *before* this call (in its context
 * query): on a miss the questions are read after it, so they are at least as new as the key says —
 * an entry is never older than its version.
 */
export async function gradingData(quizId: number, version: number, transaction?: Transaction): Promise<QuizGradingData> {
  const hit = cache.get(quizId);
  if (hit && hit.version === version) return hit;
  const questions = await QuizQuestion.findAll({
    where: { quizId, isActive: true },
    order: [['orderIndex', 'ASC'], ['id', 'ASC']],
    // The caller's transaction when it has one: its connection, not a second one from the pool.
    transaction,
  });
  const gradable = questions.map(toGradable);
  const data: QuizGradingData = {
    version,
    questions,
    gradable,
    byId: new Map(gradable.map((g) => [g.id, g])),
    feedback: deepFreeze(questions.map(toFeedbackTemplate)),
  };
  const current = cache.get(quizId);
  // Versions only grow: a slower reader of an older version does not replace a newer entry.
  if (!current || current.version <= version) {
    cache.delete(quizId);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(quizId, data);
  }
  return data;
}

/** For tests: forget every entry. */
export function clearGradingCache(): void {
  cache.clear();
}
