// Seeds the analytics bench database (its own: mdsc_bench_analytics): one course with 50,000
// enrolments, 20 published lessons and one progress row per enrolment and lesson (1,000,000 rows),
// two quizzes of 10 questions and ~60,000 graded attempts with per-question results. Raw mysql2
// multi-row INSERTs (the ORM would take minutes); reused when already complete.
import { createDatabase, dropMysqlDatabase, ensureMysqlDatabase, migrateUp, parseMysqlUrl } from '@mdsc/db';
import mysql from 'mysql2/promise';

export const SIZE = { enrolments: 50_000, lessons: 20, questionsPerQuiz: 10 } as const;
const MARKER = 'bench-analytics-v2';
const DAY = 86_400_000;

export interface BenchData {
  courseId: number;
  instructorId: number;
  adminId: number;
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertMany(
  c: mysql.Connection,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 5000,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + chunk)]);
  }
}

async function existing(c: mysql.Connection): Promise<BenchData | null> {
  try {
    const [rows] = await c.query<mysql.RowDataPacket[]>(
      `SELECT c.id AS courseId, c.instructor_id AS instructorId,
              (SELECT id FROM users WHERE email = 'admin@${MARKER}.test') AS adminId,
              (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id) AS n
         FROM courses c WHERE c.slug = ?`,
      [MARKER],
    );
    const r = rows[0];
    return r && Number(r.n) === SIZE.enrolments && r.adminId
      ? { courseId: r.courseId, instructorId: r.instructorId, adminId: r.adminId }
      : null;
  } catch {
    return null;
  }
}

export async function seedBench(url: string, log: (s: string) => void): Promise<BenchData> {
  await ensureMysqlDatabase(url);
  const t = parseMysqlUrl(url);
  const conn = () =>
    mysql.createConnection({
      host: t.host,
      port: t.port,
      user: t.username,
      password: t.password,
      database: t.database,
      timezone: 'Z',
    });
  let c = await conn();
  const found = await existing(c);
  if (found) {
    await c.end();
    // Migrations added since the seeding (new indexes) still apply.
    const db = createDatabase({ url });
    await migrateUp(db.sequelize);
    await db.close();
    log('bench data present: reused');
    return found;
  }
  await c.end();
  log('seeding (once): 50,000 enrolments, 1,000,000 progress rows…');
  await dropMysqlDatabase(url);
  await ensureMysqlDatabase(url);
  const db = createDatabase({ url });
  await migrateUp(db.sequelize);
  await db.close();
  c = await conn();
  const rand = rng(42);
  const now = Date.now();
  const started = performance.now();

  const staff = [
    ['admin', 'Ada', 'admin'],
    ['teacher', 'Tom', 'instructor'],
  ];
  await insertMany(
    c,
    'users',
    ['email', 'password', 'first_name', 'last_name', 'role', 'is_email_verified', 'country'],
    staff.map(([k, f, role]) => [`${k}@${MARKER}.test`, 'x', f, 'Bench', role, true, 'Bénin']),
  );
  const [[{ adminId, instructorId }]] = await c.query<mysql.RowDataPacket[]>(
    `SELECT (SELECT id FROM users WHERE email = 'admin@${MARKER}.test') AS adminId, (SELECT id FROM users WHERE email = 'teacher@${MARKER}.test') AS instructorId`,
  );
  const countries = ['Bénin', 'Togo', 'Sénégal', "Côte d'Ivoire", 'Burkina Faso', null];
  const students = Array.from({ length: SIZE.enrolments }, (_, i) => [
    `s${i}@${MARKER}.test`,
    'x',
    `S${i}`,
    'Bench',
    'student',
    true,
    countries[i % countries.length],
  ]);
  await insertMany(
    c,
    'users',
    ['email', 'password', 'first_name', 'last_name', 'role', 'is_email_verified', 'country'],
    students,
  );
  const [[{ firstStudent }]] = await c.query<mysql.RowDataPacket[]>(
    `SELECT MIN(id) AS firstStudent FROM users WHERE role = 'student' AND email LIKE ?`,
    [`%@${MARKER}.test`],
  );

  await c.query("INSERT INTO categories (name) VALUES ('Bench')");
  const [[{ categoryId }]] = await c.query<mysql.RowDataPacket[]>(
    "SELECT id AS categoryId FROM categories WHERE name = 'Bench'",
  );
  await c.query(
    'INSERT INTO courses (title, slug, instructor_id, category_id, is_published, enrollment_count) VALUES (?, ?, ?, ?, TRUE, ?)',
    ['Bench course', MARKER, instructorId, categoryId, SIZE.enrolments],
  );
  const [[{ courseId }]] = await c.query<mysql.RowDataPacket[]>(
    'SELECT id AS courseId FROM courses WHERE slug = ?',
    [MARKER],
  );
  for (const [i, title] of ['Module 1', 'Module 2'].entries()) {
    await c.query('INSERT INTO modules (course_id, title, order_index) VALUES (?, ?, ?)', [
      courseId,
      title,
      i + 1,
    ]);
  }
  const [modules] = await c.query<mysql.RowDataPacket[]>(
    'SELECT id FROM modules WHERE course_id = ? ORDER BY order_index',
    [courseId],
  );
  await insertMany(
    c,
    'lessons',
    ['course_id', 'module_id', 'title', 'content_type', 'order_index', 'is_published'],
    Array.from({ length: SIZE.lessons }, (_, i) => [
      courseId,
      modules[i < 10 ? 0 : 1].id,
      `Leçon ${i + 1}`,
      'text',
      (i % 10) + 1,
      true,
    ]),
  );
  const [lessons] = await c.query<mysql.RowDataPacket[]>(
    'SELECT id FROM lessons WHERE course_id = ? ORDER BY module_id, order_index',
    [courseId],
  );

  // Each learner goes through the lessons in order until they stop: a realistic drop-off funnel.
  const enrolments: unknown[][] = [];
  const reached: number[] = [];
  for (let i = 0; i < SIZE.enrolments; i++) {
    let k = 0;
    while (k < SIZE.lessons && rand() < 0.93) k++;
    reached.push(k);
    const status =
      k === SIZE.lessons ? (rand() < 0.5 ? 'certified' : 'completed') : k === 0 ? 'enrolled' : 'in_progress';
    const accessed = rand() < 0.4 ? new Date(now - Math.floor(rand() * 60 * DAY)) : null;
    enrolments.push([
      firstStudent + i,
      courseId,
      status,
      new Date(now - Math.floor(rand() * 365 * DAY)),
      (k / SIZE.lessons) * 100,
      accessed,
    ]);
  }
  await insertMany(
    c,
    'enrollments',
    ['user_id', 'course_id', 'status', 'enrolled_at', 'progress_percentage', 'last_accessed_at'],
    enrolments,
  );
  const [[{ firstEnrolment }]] = await c.query<mysql.RowDataPacket[]>(
    'SELECT MIN(id) AS firstEnrolment FROM enrollments WHERE course_id = ?',
    [courseId],
  );

  for (let start = 0; start < SIZE.enrolments; start += 2500) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(start + 2500, SIZE.enrolments); i++) {
      for (let l = 0; l < SIZE.lessons; l++) {
        const status = l < reached[i] ? 'completed' : l === reached[i] ? 'in_progress' : 'not_started';
        const time = status === 'not_started' ? 0 : Math.floor(rand() * 1800);
        rows.push([firstEnrolment + i, lessons[l].id, status, status === 'completed' ? 100 : 0, time]);
      }
    }
    await insertMany(
      c,
      'progress',
      ['enrollment_id', 'lesson_id', 'status', 'completion_percentage', 'time_spent'],
      rows,
      10_000,
    );
    if (start % 10_000 === 0) log(`  progress ${((start + 2500) * SIZE.lessons).toLocaleString('en')} rows`);
  }

  for (const [qi, title] of ['Quiz du module 1', 'Évaluation finale'].entries()) {
    await c.query('INSERT INTO quizzes (course_id, title, is_final, is_published) VALUES (?, ?, ?, TRUE)', [
      courseId,
      title,
      qi === 1,
    ]);
  }
  const [quizzes] = await c.query<mysql.RowDataPacket[]>(
    'SELECT id FROM quizzes WHERE course_id = ? ORDER BY id',
    [courseId],
  );
  for (const q of quizzes) {
    await insertMany(
      c,
      'quiz_questions',
      ['quiz_id', 'question_text', 'question_type', 'correct_answer', 'order_index'],
      Array.from({ length: SIZE.questionsPerQuiz }, (_, i) => [
        q.id,
        `Question ${i + 1}`,
        'true_false',
        'true',
        i + 1,
      ]),
    );
  }
  const [questions] = await c.query<mysql.RowDataPacket[]>(
    'SELECT id, quiz_id FROM quiz_questions WHERE quiz_id IN (?) ORDER BY id',
    [quizzes.map((q) => q.id)],
  );
  const attempts: unknown[][] = [];
  for (let i = 0; i < SIZE.enrolments; i++) {
    for (const [qi, q] of quizzes.entries()) {
      if (reached[i] < (qi === 0 ? 10 : 20)) continue;
      for (let a = 0; a < 1 + Math.floor(rand() * 2); a++) {
        const results = questions
          .filter((x) => x.quiz_id === q.id)
          .map((x, j) => ({
            questionId: x.id,
            correct: rand() > 0.1 + j * 0.05,
            pointsAwarded: 0,
            points: 1,
          }));
        const pct = (results.filter((r) => r.correct).length / results.length) * 100;
        attempts.push([
          firstStudent + i,
          q.id,
          '{}',
          new Date(now - DAY),
          new Date(now - DAY + 600_000),
          pct,
          100,
          pct,
          pct >= 70,
          'graded',
          JSON.stringify(results),
        ]);
      }
    }
  }
  await insertMany(
    c,
    'quiz_attempts',
    [
      'user_id',
      'quiz_id',
      'answers',
      'started_at',
      'completed_at',
      'score',
      'total_points',
      'percentage',
      'is_passed',
      'status',
      'results',
    ],
    attempts,
    2000,
  );
  await c.query('ANALYZE TABLE users, enrollments, progress, quiz_attempts');
  await c.end();
  log(
    `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s (${attempts.length.toLocaleString('en')} quiz attempts)`,
  );
  return { courseId, instructorId, adminId };
}
