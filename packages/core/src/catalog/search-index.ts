// Typo- and accent-tolerant course search: each word of a course's title and short description is
// stored with its trigrams (course_search_trigrams, written in the course's own transaction). A query
// matches the courses sharing enough of its trigrams; its suggestion ("Vouliez-vous dire…") replaces
// each unknown word by the indexed word most like it. Same SQL on MySQL/MariaDB and SQLite.
import { QueryTypes, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db'>;

const MAX_WORD = 64;
const MAX_QUERY_WORDS = 8;
/** Share of a query's trigrams a course must have to match ("gouvernence": 9 of 12 with "gouvernance"). */
export const MATCH_SHARE = 0.6;
/** Least Jaccard similarity of trigram sets for a suggested word. */
const SUGGEST_SIMILARITY = 0.4;

/** Lower case, accents removed ("Coopérative" → "cooperative"). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text, as written (lower case, accents kept), 2 letters or more. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => [...w].length >= 2)
    .map((w) => [...w].slice(0, MAX_WORD).join(''));
}

/** pg_trgm-style trigrams of a folded word, padded: "go" → "  g", " go", "go ". */
export function trigramsOf(word: string): string[] {
  const chars = [...`  ${foldWord(word)} `];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

/** The index rows of one course: each distinct (folded) word with its trigrams. */
export function searchIndexRows(courseId: number, title: string, shortDescription: string | null) {
  const seen = new Set<string>();
  const rows: { courseId: number; word: string; trigram: string }[] = [];
  for (const word of wordsOf(`${title} ${shortDescription ?? ''}`)) {
    const folded = foldWord(word);
    if (seen.has(folded)) continue;
    seen.add(folded);
    for (const trigram of trigramsOf(word)) rows.push({ courseId, word, trigram });
  }
  return rows;
}

/**
 * Rewrites a course's rows; call inside the transaction that writes the course. `fresh`: a course
 * created in this transaction has no rows to delete (and a DELETE of absent rows would take gap locks
 * that make concurrent course creations deadlock on MariaDB).
 */
export async function reindexCourse(
  deps: Deps,
  course: { id: number; title: string; shortDescription: string | null },
  transaction?: Transaction,
  opts: { fresh?: boolean } = {},
): Promise<void> {
  const { sequelize } = deps.db;
  if (!opts.fresh) {
    await sequelize.query('DELETE FROM course_search_trigrams WHERE course_id = :id', {
      replacements: { id: course.id },
      transaction,
    });
  }
  const rows = searchIndexRows(course.id, course.title, course.shortDescription);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const replacements: Record<string, unknown> = {};
    const values = chunk.map((r, j) => {
      replacements[`c${j}`] = r.courseId;
      replacements[`w${j}`] = r.word;
      replacements[`t${j}`] = r.trigram;
      return `(:c${j}, :w${j}, :t${j})`;
    });
    await sequelize.query(`INSERT INTO course_search_trigrams (course_id, word, trigram) VALUES ${values.join(', ')}`, {
      replacements,
      transaction,
    });
  }
}

/** Indexes the courses that have no rows yet (created before the table, or by seeders): at start-up. */
export async function indexMissingCourses(deps: Deps): Promise<number> {
  const rows = await deps.db.sequelize.query<{ id: number; title: string; short_description: string | null }>(
    `SELECT c.id, c.title, c.short_description FROM courses c
     WHERE NOT EXISTS (SELECT 1 FROM course_search_trigrams t WHERE t.course_id = c.id)`,
    { type: QueryTypes.SELECT },
  );
  // Several processes may start at once (API_PROCESSES, API + worker, tests): each course is
  // rewritten whole (DELETE + INSERT) in a transaction retried on a deadlock, so they converge.
  for (const r of rows) {
    await transact(deps, 'catalog.indexMissingCourses', (transaction) =>
      reindexCourse(deps, { id: Number(r.id), title: r.title, shortDescription: r.short_description }, transaction),
    );
  }
  return rows.length;
}

/** The query's trigrams and how many a course must share (null: nothing to search by trigrams). */
export function trigramQuery(q: string): { trigrams: string[]; need: number } | null {
  const words = wordsOf(q).slice(0, MAX_QUERY_WORDS);
  const trigrams = [...new Set(words.flatMap(trigramsOf))];
  if (trigrams.length === 0) return null;
  return { trigrams, need: Math.max(2, Math.ceil(trigrams.length * MATCH_SHARE)) };
}

/** The ids of courses matching the query by trigrams, as a sub-query (one per search). */
export function trigramMatchSql(param: string): string {
  return `SELECT t.course_id AS id FROM course_search_trigrams t
    WHERE t.trigram IN (:${param})
    GROUP BY t.course_id
    HAVING COUNT(DISTINCT t.trigram) >= :${param}Need`;
}

const similarity = (a: string[], b: string[]) => {
  const set = new Set(a);
  const shared = b.filter((x) => set.has(x)).length;
  return shared / (a.length + b.length - shared);
};

/**
 * "Vouliez-vous dire « gouvernance associative » ?": each query word that no published course uses
 * is replaced by the most similar word that one does. null when every word is known or nothing is
 * close enough. One SQL statement.
 */
export async function suggestSearch(deps: Deps, q: string): Promise<string | null> {
  const words = wordsOf(q).slice(0, MAX_QUERY_WORDS);
  const tq = trigramQuery(q);
  if (!tq) return null;
  const candidates = await deps.db.sequelize.query<{ word: string; shared: number }>(
    `SELECT t.word, COUNT(DISTINCT t.trigram) AS shared
     FROM course_search_trigrams t
     JOIN courses c ON c.id = t.course_id AND c.is_published = TRUE AND c.deleted_at IS NULL
     WHERE t.trigram IN (:trigrams)
     GROUP BY t.word
     HAVING COUNT(DISTINCT t.trigram) >= 2
     ORDER BY shared DESC
     LIMIT 200`,
    { replacements: { trigrams: tq.trigrams }, type: QueryTypes.SELECT },
  );
  const pool = candidates.map((c) => ({ word: c.word, folded: foldWord(c.word), trigrams: trigramsOf(c.word) }));
  let changed = false;
  const out = words.map((w) => {
    const folded = foldWord(w);
    const exact = pool.find((c) => c.folded === folded);
    if (exact) {
      // "cooperative" for "coopérative": suggest the accented form the courses use.
      if (exact.word !== w) changed = true;
      return exact.word;
    }
    const tw = trigramsOf(w);
    let best: { word: string; score: number } | null = null;
    for (const c of pool) {
      const score = similarity(tw, c.trigrams);
      if (score >= SUGGEST_SIMILARITY && (!best || score > best.score)) best = { word: c.word, score };
    }
    if (!best) return w;
    changed = true;
    return best.word;
  });
  return changed ? out.join(' ') : null;
}
