// Dashboard queries on a course with 50,000 enrolments and 1,000,000 progress rows (MariaDB, its
// own database mdsc_bench_analytics, seeded once by ./seed.ts): p50 of each analytics service call
// against a raw mysql2 baseline running the very SQL the service sent (captured from Sequelize's
// log), alternating rounds so that machine load hits both alike. Also prints EXPLAIN of each query.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  courseSummary,
  enrolmentSeries,
  getCourseAnalytics,
  getPlatformAnalytics,
  hardestQuestions,
  lessonFunnel,
  quizStats,
  systemClock,
  type Actor,
  type CoreDeps,
} from '@mdsc/core';
import { createDatabase, parseMysqlUrl, Quiz } from '@mdsc/db';
import mysql from 'mysql2/promise';
import { seedBench, SIZE } from './seed';

const url =
  process.env.BENCH_ANALYTICS_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench_analytics';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const log = (s: string) => console.log(s);

const data = await seedBench(url, log);
let capturing: string[] | null = null;
const db = createDatabase({
  url,
  logging: (sql) => void capturing?.push(sql.replace(/^Execut(?:ing|ed) \([^)]*\): /, '')),
});
const deps = {
  db,
  clock: systemClock,
  logger: { info() {}, warn() {}, error() {} },
  config: { publicUrl: 'http://bench.test', timezone: 'Africa/Porto-Novo', dataDir: '/tmp' },
} as unknown as CoreDeps;
const instructor: Actor = { id: data.instructorId, role: 'instructor', emailVerified: true, locale: 'fr' };
const admin: Actor = { id: data.adminId, role: 'admin', emailVerified: true, locale: 'fr' };
const quizzes = await Quiz.findAll({
  attributes: ['id', 'title', 'isFinal', 'lessonId'],
  where: { courseId: data.courseId },
});

const t = parseMysqlUrl(url);
const raw = await mysql.createConnection({
  host: t.host,
  port: t.port,
  user: t.username,
  password: t.password,
  database: t.database,
  timezone: 'Z',
});

const cases: [name: string, run: () => Promise<unknown>][] = [
  ['summary (totals + active 7/30 d)', () => courseSummary(deps, data.courseId)],
  ['enrolments per day, 365 days', () => enrolmentSeries(deps, data.courseId, 365, 'day')],
  ['lesson funnel + time spent', () => lessonFunnel(deps, data.courseId, SIZE.enrolments)],
  ['quiz pass rates', () => quizStats(deps, quizzes)],
  ['most failed questions', () => hardestQuestions(deps, quizzes, 10)],
  [
    'whole course dashboard',
    () => getCourseAnalytics(deps, instructor, { courseId: data.courseId, days: 30, granularity: 'day' }),
  ],
  ['admin platform view', () => getPlatformAnalytics(deps, admin)],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return performance.now() - s;
}

const rows: { name: string; statements: number; serviceP50: number; rawP50: number; ratio: number }[] = [];
const explains: { name: string; plan: string[] }[] = [];
for (const [name, run] of cases) {
  await run(); // warm-up
  capturing = [];
  await run();
  const statements = capturing.filter((s) => /^\s*SELECT/i.test(s));
  capturing = null;
  const rawRun = async () => {
    for (const sql of statements) await raw.query(sql);
  };
  await rawRun();
  const service: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    service.push(await time(run));
    baseline.push(await time(rawRun));
  }
  const s = median(service);
  const r = median(baseline);
  rows.push({ name, statements: statements.length, serviceP50: s, rawP50: r, ratio: s / r });
  if (name !== 'whole course dashboard') {
    for (const sql of statements) {
      const [plan] = await raw.query<mysql.RowDataPacket[]>(`EXPLAIN ${sql}`);
      explains.push({
        name,
        plan: plan.map((p) =>
          `${p.table ?? ''} type=${p.type} key=${p.key ?? '-'} rows=${p.rows} ${p.Extra ?? ''}`.trim(),
        ),
      });
    }
  }
}

console.log(
  `\nanalytics on ${SIZE.enrolments.toLocaleString('en')} enrolments / ${(SIZE.enrolments * SIZE.lessons).toLocaleString('en')} progress rows (MariaDB), p50 of ${RUNS} alternating runs`,
);
console.log('query                                stmts  service ms  raw mysql2 ms  ratio');
for (const r of rows) {
  console.log(
    `${r.name.padEnd(36)} ${String(r.statements).padStart(5)}  ${r.serviceP50.toFixed(1).padStart(10)}  ${r.rawP50.toFixed(1).padStart(13)}  ${r.ratio.toFixed(2)}`,
  );
}
console.log('\nEXPLAIN (MariaDB):');
for (const e of explains) for (const line of e.plan) console.log(`  ${e.name.padEnd(34)} ${line}`);
console.log(
  '(the "whole course dashboard" runs its queries concurrently on the pool; its baseline runs them one after the other on one connection)',
);

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, `analytics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ size: SIZE, runs: RUNS, rows, explains }, null, 2),
);
await raw.end();
await db.close();
