// Seeds the catalog bench database (its own: mdsc_bench by default) with 10,000 published courses
// over 8 categories and 50 instructors: varied difficulty, language, price, popularity, rating,
// creation dates and descriptions drawn from a vocabulary, so that searches and filters match
// realistic subsets. Raw mysql2 multi-row INSERTs; reused when already complete.
import { searchIndexRows } from '@mdsc/core';
import { createDatabase, ensureMysqlDatabase, migrateUp, parseMysqlUrl } from '@mdsc/db';
import mysql from 'mysql2/promise';

export const SIZE = { courses: 10_000, categories: 8, instructors: 50 } as const;
const MARKER = 'bench-catalog-v2';
const DAY = 86_400_000;

const WORDS = (
  'gouvernance associative plaidoyer mobilisation citoyenne budget participatif transparence ' +
  'redevabilité genre inclusion jeunesse leadership communication numérique environnement climat ' +
  'santé communautaire éducation droits humains paix médiation élections décentralisation finances ' +
  'comptabilité projet suivi évaluation partenariat bénévolat collecte fonds stratégie réseau ' +
  'agriculture eau assainissement mangrove littoral femmes entrepreneuriat coopérative'
).split(' ');

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedCatalogBench(url: string, log: (s: string) => void): Promise<void> {
  await ensureMysqlDatabase(url);
  const db = createDatabase({ url });
  await migrateUp(db.sequelize); // also applies indexes added since an earlier seeding
  await db.close();
  const t = parseMysqlUrl(url);
  const c = await mysql.createConnection({
    host: t.host,
    port: t.port,
    user: t.username,
    password: t.password,
    database: t.database,
    timezone: 'Z',
  });
  try {
    const [[row]] = await c.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM courses WHERE slug LIKE ?',
      [`${MARKER}-%`],
    );
    if (Number(row.n) === SIZE.courses) {
      log(`reusing ${SIZE.courses} seeded courses`);
      return await indexSearch(c, log); // seeded before the search index existed
    }
    log(`seeding ${SIZE.courses} courses…`);
    await c.query("DELETE FROM courses WHERE slug LIKE 'bench-catalog-%'");
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

    const instructorIds: number[] = [];
    for (let i = 0; i < SIZE.instructors; i++) {
      const email = `instructor${i}@${MARKER}.test`;
      await c.query(
        `INSERT INTO users (email, password, first_name, last_name, role, is_email_verified)
         VALUES (?, 'x', ?, ?, 'instructor', TRUE) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
        [email, `Formateur${i}`, `Bench${i}`],
      );
      const [[u]] = await c.query<mysql.RowDataPacket[]>('SELECT LAST_INSERT_ID() AS id');
      instructorIds.push(Number(u.id));
    }
    const categoryIds: number[] = [];
    for (let i = 0; i < SIZE.categories; i++) {
      await c.query(
        `INSERT INTO categories (name, color, is_active) VALUES (?, '#1f7a4d', TRUE)
         ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
        [`${MARKER} catégorie ${i}`],
      );
      const [[cat]] = await c.query<mysql.RowDataPacket[]>('SELECT LAST_INSERT_ID() AS id');
      categoryIds.push(Number(cat.id));
    }

    const now = Date.now();
    const rows: unknown[][] = [];
    for (let i = 0; i < SIZE.courses; i++) {
      // Four theme words per course: a search word matches roughly 8 % of the catalog.
      const words = Array.from({ length: 4 }, () => pick(WORDS)).join(', ');
      const paid = rand() < 0.5;
      const created = new Date(now - Math.floor(rand() * 730) * DAY - Math.floor(rand() * DAY));
      rows.push([
        `${pick(WORDS)} ${pick(WORDS)} ${i}`,
        `${MARKER}-${i}`,
        pick(instructorIds),
        pick(categoryIds),
        `Une formation sur ${words}, pour les organisations de la société civile et leurs membres.`,
        `Cours ${i} : ${pick(WORDS)} et ${pick(WORDS)}`,
        pick(['beginner', 'intermediate', 'advanced']),
        rand() < 0.8 ? 'fr' : 'en',
        paid ? 1000 * (1 + Math.floor(rand() * 50)) : 0,
        'XOF',
        1,
        rand() < 0.02 ? 1 : 0,
        Math.floor(rand() * 5000),
        Math.round(rand() * 500) / 100,
        30 + Math.floor(rand() * 600),
        created,
        created,
        created,
      ]);
    }
    const cols =
      'title, slug, instructor_id, category_id, description, short_description, difficulty, language, price, currency, ' +
      'is_published, is_featured, enrollment_count, rating, duration_minutes, created_at, updated_at, published_at';
    for (let i = 0; i < rows.length; i += 1000) {
      await c.query(`INSERT INTO courses (${cols}) VALUES ?`, [rows.slice(i, i + 1000)]);
    }
    await c.query('ANALYZE TABLE courses');
    await indexSearch(c, log);
    log('seeded');
  } finally {
    await c.end();
  }
}

/** The typo-tolerant search's trigram rows of the seeded courses that have none (raw bulk INSERTs). */
async function indexSearch(c: mysql.Connection, log: (s: string) => void): Promise<void> {
  const [courses] = await c.query<mysql.RowDataPacket[]>(
    `SELECT c.id, c.title, c.short_description FROM courses c
     WHERE c.slug LIKE ? AND NOT EXISTS (SELECT 1 FROM course_search_trigrams t WHERE t.course_id = c.id)`,
    [`${MARKER}-%`],
  );
  if (courses.length === 0) return;
  log(`indexing ${courses.length} courses for search…`);
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length) await c.query('INSERT INTO course_search_trigrams (course_id, word, trigram) VALUES ?', [batch]);
    batch = [];
  };
  for (const r of courses) {
    for (const row of searchIndexRows(Number(r.id), String(r.title), r.short_description as string | null)) {
      batch.push([row.courseId, row.word, row.trigram]);
    }
    if (batch.length >= 5000) await flush();
  }
  await flush();
  await c.query('ANALYZE TABLE course_search_trigrams');
}
