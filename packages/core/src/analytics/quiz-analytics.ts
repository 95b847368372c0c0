// Quiz pass rates and the questions most often failed. Per-question correctness comes from the
// grading itself (quiz_attempts.results, written once at submission by the learning service), so
// the dashboard applies exactly the rules the student was graded with; the JSON array is unnested
// in SQL (JSON_TABLE on MySQL/MariaDB, json_each on SQLite) and grouped there, in one pass.
import { QuizQuestion } from '@mdsc/db';
import { Op, QueryTypes } from 'sequelize';
import type { CoreDeps } from '../deps';

type Deps = Pick<CoreDeps, 'db'>;

export interface QuizRef {
  id: number;
  title: string;
  isFinal: boolean;
  lessonId: number | null;
}

export interface QuizStats {
  quizId: number;
  title: string;
  isFinal: boolean;
  lessonId: number | null;
  /** Graded attempts (expired and unfinished ones are not counted). */
  attempts: number;
  passedAttempts: number;
  /** passedAttempts / attempts. */
  passRate: number;
  /** Distinct students with a graded attempt, and those among them who passed. */
  students: number;
  studentsPassed: number;
  studentPassRate: number;
  /** Mean percentage of the graded attempts. */
  averageScore: number;
}

export interface QuestionStats {
  questionId: number;
  quizId: number;
  quizTitle: string;
  text: string;
  answered: number;
  failed: number;
  failRate: number;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function quizStats(deps: Deps, quizzes: QuizRef[]): Promise<QuizStats[]> {
  if (quizzes.length === 0) return [];
  // idx_quiz_status_passed (quiz_id, status, is_passed, user_id, percentage): covering.
  const rows = await deps.db.sequelize.query<{
    quizId: number;
    attempts: number;
    passed: number;
    students: number;
    studentsPassed: number;
    avgScore: number | null;
  }>(
    `SELECT quiz_id AS quizId, COUNT(*) AS attempts,
            SUM(CASE WHEN is_passed THEN 1 ELSE 0 END) AS passed,
            COUNT(DISTINCT user_id) AS students,
            COUNT(DISTINCT CASE WHEN is_passed THEN user_id END) AS studentsPassed,
            AVG(percentage) AS avgScore
       FROM quiz_attempts
      WHERE quiz_id IN (:ids) AND status = 'graded'
      GROUP BY quiz_id`,
    { replacements: { ids: quizzes.map((q) => q.id) }, type: QueryTypes.SELECT },
  );
  const byQuiz = new Map(rows.map((r) => [Number(r.quizId), r]));
  return quizzes.map((q) => {
    const r = byQuiz.get(q.id);
    const attempts = num(r?.attempts);
    const passed = num(r?.passed);
    const students = num(r?.students);
    const studentsPassed = num(r?.studentsPassed);
    return {
      quizId: q.id,
      title: q.title,
      isFinal: !!q.isFinal,
      lessonId: q.lessonId ?? null,
      attempts,
      passedAttempts: passed,
      passRate: round(ratio(passed, attempts), 4),
      students,
      studentsPassed,
      studentPassRate: round(ratio(studentsPassed, students), 4),
      averageScore: round(num(r?.avgScore), 2),
    };
  });
}

/**
 * Hardest questions are judged on the most recent graded attempts of each quiz: a bounded sample
 * keeps the JSON unnesting cheap on courses with tens of thousands of attempts, and reflects the
 * quiz as it is now (questions get reworded).
 */
export const HARDEST_QUESTIONS_SAMPLE = 1000;

/** The questions of these quizzes with the highest failure rate among graded answers. */
export async function hardestQuestions(
  deps: Deps,
  quizzes: QuizRef[],
  limit: number,
): Promise<QuestionStats[]> {
  if (quizzes.length === 0) return [];
  // The latest attempts of each quiz (index idx_quiz_status: quiz_id, status, then the primary key).
  const latest = quizzes
    .map(
      (q, i) => `SELECT results FROM (SELECT results FROM quiz_attempts
                  WHERE quiz_id = :q${i} AND status = 'graded' AND results IS NOT NULL
                  ORDER BY id DESC LIMIT :sample) t${i}`,
    )
    .join(' UNION ALL ');
  // Table-valued unnesting of each results array, joined laterally to its attempt.
  const mysql = deps.db.dialect === 'mysql';
  const from = mysql
    ? `(${latest}) qa, JSON_TABLE(qa.results, '$[*]' COLUMNS (question_id INT PATH '$.questionId', correct INT PATH '$.correct')) r`
    : `(${latest}) qa, json_each(qa.results) j`;
  const questionId = mysql ? 'r.question_id' : "json_extract(j.value, '$.questionId')";
  const correct = mysql ? 'r.correct' : "json_extract(j.value, '$.correct')";
  const replacements: Record<string, number> = { sample: HARDEST_QUESTIONS_SAMPLE };
  quizzes.forEach((q, i) => (replacements[`q${i}`] = q.id));
  const rows = await deps.db.sequelize.query<{ questionId: number; answered: number; failed: number }>(
    `SELECT ${questionId} AS questionId, COUNT(*) AS answered,
            SUM(CASE WHEN ${correct} = 1 THEN 0 ELSE 1 END) AS failed
       FROM ${from}
      GROUP BY ${questionId}`,
    { replacements, type: QueryTypes.SELECT },
  );
  const ranked = rows
    .map((r) => ({ questionId: Number(r.questionId), answered: num(r.answered), failed: num(r.failed) }))
    .filter((r) => r.answered > 0 && r.failed > 0)
    .sort(
      (a, b) =>
        b.failed / b.answered - a.failed / a.answered || b.failed - a.failed || a.questionId - b.questionId,
    )
    .slice(0, limit);
  if (ranked.length === 0) return [];
  const questions = await QuizQuestion.findAll({
    attributes: ['id', 'quizId', 'questionText'],
    where: {
      id: { [Op.in]: ranked.map((r) => r.questionId) },
      quizId: { [Op.in]: quizzes.map((q) => q.id) },
    },
  });
  const question = new Map(questions.map((q) => [q.id, q]));
  const quizTitle = new Map(quizzes.map((q) => [q.id, q.title]));
  return ranked.flatMap((r) => {
    const q = question.get(r.questionId);
    if (!q) return []; // a question deleted since: nothing to show
    return [
      {
        questionId: r.questionId,
        quizId: q.quizId,
        quizTitle: quizTitle.get(q.quizId) ?? '',
        text: q.questionText,
        answered: r.answered,
        failed: r.failed,
        failRate: round(r.failed / r.answered, 4),
      },
    ];
  });
}
