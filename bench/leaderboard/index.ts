// Leaderboard and badge-evaluation bench on 100,000 learners / 5,000,000 ledger rows (MariaDB,
// database mdsc_bench_gamification, seeded by ./seed.ts and reused between runs).
//  - p50/p95 of gamification.leaderboard (global, this month, per category) as the service runs
//    it (page of 20 + the viewer's own rank), against a raw baseline of the same run: the bare
//    aggregate with no join, no rank and no viewer lookup; and against the same query without the
//    indexes of migration 0400 (IGNORE INDEX), which is why they exist.
//  - badge evaluations per second through the worker's gamification processor, against the raw
//    statistics queries alone at the same concurrency.
import { createLogger, getLeaderboard, systemClock, type CoreDeps } from '@mdsc/core';
import { createDatabase, parseMysqlUrl } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import type { LeaderboardInput } from '@mdsc/validators';
import mysql from 'mysql2/promise';
import { createProcessors } from '../../apps/worker/src/index';
import { seedBench, SIZE } from './seed';

const url = process.env.BENCH_GAMIFICATION_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench_gamification';
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const EVALS = Number(process.env.BENCH_EVALS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TZ = 'Africa/Porto-Novo';
const log = (s: string) => console.log(`  ${s}`);

const data = await seedBench(url, log, { reseed: process.env.BENCH_RESEED === '1' });
const t = parseMysqlUrl(url);
const raw = await mysql.createConnection({ host: t.host, port: t.port, user: t.username, password: t.password, database: t.database, timezone: 'Z' });
const db = createDatabase({ url, pool: { max: CONCURRENCY + 2 } });
const noJobs: JobQueue = { driver: 'inline', enqueue: async () => {}, close: async () => {} };
const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('bench', 'silent'),
  jobs: noJobs,
  storage: null as unknown as CoreDeps['storage'], // evaluate-badges only enqueues the PDF jobs
  config: { publicUrl: 'http://bench.test', timezone: TZ, dataDir: '/tmp' },
};

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const randomUser = () => data.firstUserId + Math.floor(random() * SIZE.users);
const actor = (id: number) => ({ id, role: 'student' as const, emailVerified: true, locale: 'fr' as const });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
async function timeIt(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: pool, JIT, buffer pool
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95) };
}

// This month in the platform time zone, as the service computes it.
const monthStart = (() => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: TZ, year: 'numeric', month: '2-digit' }).formatToParts(new Date()).map((x) => [x.type, x.value]),
  );
  return new Date(Date.parse(`${p.year}-${p.month}-01T00:00:00+01:00`));
})();
const cat = data.categoryIds[3];

const results: Record<string, unknown>[] = [];
async function compare(name: string, input: LeaderboardInput, rawSql: string, noIndexSql: string, params: unknown[]) {
  const service = await timeIt(() => getLeaderboard(deps, actor(randomUser()), input));
  const bare = await timeIt(() => raw.query(rawSql, params));
  const without = await timeIt(() => raw.query(noIndexSql, params));
  const row = {
    board: name,
    'service p50 ms': +service.p50.toFixed(1),
    'service p95 ms': +service.p95.toFixed(1),
    'raw p50 ms': +bare.p50.toFixed(1),
    'service/raw': +(service.p50 / bare.p50).toFixed(2),
    'no-0400-index p50 ms': +without.p50.toFixed(1),
    'index speed-up': +(without.p50 / bare.p50).toFixed(1),
  };
  results.push(row);
  return row;
}

const [[bp]] = await raw.query<mysql.RowDataPacket[]>(`SELECT @@innodb_buffer_pool_size / 1048576 AS mb`);
log(`MariaDB buffer pool: ${Number(bp.mb)} MB; ${RUNS} runs per measure after 3 warm-ups`);

await compare(
  'global',
  { scope: 'global', limit: 20, offset: 0 },
  'SELECT user_id, total_xp FROM user_xp ORDER BY total_xp DESC, user_id LIMIT 20',
  'SELECT user_id, total_xp FROM user_xp IGNORE INDEX (idx_rank) ORDER BY total_xp DESC, user_id LIMIT 20',
  [],
);
await compare(
  'month',
  { scope: 'month', limit: 20, offset: 0 },
  'SELECT user_id, SUM(amount) AS xp FROM xp_ledger WHERE created_at >= ? GROUP BY user_id ORDER BY xp DESC LIMIT 20',
  'SELECT user_id, SUM(amount) AS xp FROM xp_ledger IGNORE INDEX (idx_created_user_amount) WHERE created_at >= ? GROUP BY user_id ORDER BY xp DESC LIMIT 20',
  [monthStart],
);
await compare(
  'category',
  { scope: 'category', categoryId: cat, limit: 20, offset: 0 },
  'SELECT user_id, SUM(amount) AS xp FROM xp_ledger WHERE category_id = ? GROUP BY user_id ORDER BY xp DESC LIMIT 20',
  'SELECT user_id, SUM(amount) AS xp FROM xp_ledger IGNORE INDEX (idx_category_user_amount) WHERE category_id = ? GROUP BY user_id ORDER BY xp DESC LIMIT 20',
  [cat],
);
// A deep page of the global board (rank of the page's first row counted on the index).
const deep = await timeIt(() => getLeaderboard(deps, actor(randomUser()), { scope: 'global', limit: 20, offset: 50_000 }));
console.table(results);
log(`global page at offset 50,000: p50 ${deep.p50.toFixed(1)} ms, p95 ${deep.p95.toFixed(1)} ms`);

const [monthRows] = await raw.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM xp_ledger WHERE created_at >= ?', [monthStart]);
log(`ledger rows this month: ${Number(monthRows[0].n)}`);
for (const [label, sql, params] of [
  ['EXPLAIN month sums', 'EXPLAIN SELECT l.user_id, SUM(l.amount) FROM xp_ledger l WHERE l.created_at >= ? GROUP BY l.user_id', [monthStart]],
  ['EXPLAIN global page', 'EXPLAIN SELECT x.user_id FROM user_xp x JOIN users u ON u.id = x.user_id WHERE x.total_xp > 0 AND u.deleted_at IS NULL ORDER BY x.total_xp DESC, x.user_id LIMIT 21', []],
] as const) {
  const [plan] = await raw.query<mysql.RowDataPacket[]>(sql, params as unknown[]);
  log(`${label}: ${plan.map((p) => `${p.table}:${p.type}/${p.key}/${p.Extra}`).join(' | ')}`);
}

// ---------------------------------------------------------------- badge evaluations per second
async function pool(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - start) / 1000);
}
const processor = createProcessors(deps).gamification!;
const evaluate = (userId: number, i: number) =>
  processor({ id: `bench-${i}`, name: 'evaluate-badges', data: { userId, reason: 'bench' }, attemptsMade: 0 });
const users = Array.from({ length: EVALS }, randomUser);
const statsOnly = (userId: number) =>
  Promise.all([
    raw.query('SELECT reason, COUNT(*) AS n FROM xp_ledger WHERE user_id = ? GROUP BY reason', [userId]),
    raw.query('SELECT x.total_xp, x.current_level, s.daily_streak FROM user_xp x LEFT JOIN user_streaks s ON s.user_id = x.user_id WHERE x.user_id = ?', [userId]),
    raw.query("SELECT source_id FROM xp_ledger WHERE user_id = ? AND reason = 'course_completed'", [userId]),
    raw.query('SELECT challenge_id FROM user_challenges WHERE user_id = ? AND completed = 1', [userId]),
    raw.query('SELECT badge_id FROM user_badges WHERE user_id = ?', [userId]),
  ]);
await raw.query('DELETE FROM user_badges');
await raw.query("DELETE FROM notifications WHERE payload LIKE '%badge_earned%'");
const firstPass = await pool(EVALS, CONCURRENCY, (i) => evaluate(users[i], i));
const steady = await pool(EVALS, CONCURRENCY, (i) => evaluate(users[i], i));
const rawRate = await pool(EVALS, 1, (i) => statsOnly(users[i])); // one connection: queries run in turn
const [[granted]] = await raw.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM user_badges');
console.table([
  {
    'evaluations/s (awarding)': Math.round(firstPass),
    'evaluations/s (nothing new)': Math.round(steady),
    'raw stats queries/s (1 conn)': Math.round(rawRate),
    'steady/raw': +(steady / rawRate).toFixed(2),
    'badges granted': Number(granted.n),
    concurrency: CONCURRENCY,
  },
]);
await raw.end();
await db.close();
