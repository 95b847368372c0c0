// Leaderboard and badge-evaluation bench on 100,000 learners / 5,000,000 ledger rows (MariaDB,
// database mdsc_bench_gamification, seeded by ./seed.ts and reused between runs).
//  - p50/p95 of gamification.leaderboard (global, this month, per category) as the service runs
//    it: a page of 20, names, levels and the viewer's own rank. Baselines of the same run:
//      raw index read: the bare top 20 of the same table (no join, no rank) — the floor;
//      ledger SUM: the same board summed over xp_ledger at request time — what the running totals
//      (migration 0400) avoid.
//  - badge evaluations per second through the worker's gamification processor, against the raw
//    statistics queries alone.
import { createLogger, getLeaderboard, monthOf, startOfDay, systemClock, type CoreDeps } from '@mdsc/core';
import { createDatabase, parseMysqlUrl } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import type { LeaderboardInput } from '@mdsc/validators';
import mysql from 'mysql2/promise';
import { createProcessors } from '../../apps/worker/src/index';
import { seedBench, SIZE } from './seed';

const url = process.env.BENCH_GAMIFICATION_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench_gamification';
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
// The ledger-SUM baselines take seconds to minutes each (more with a small buffer pool): one run by
// default, none with BENCH_SLOW_RUNS=0.
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 1);
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
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const randomUser = () => data.firstUserId + Math.floor(random() * SIZE.users);
const actor = (id: number) => ({ id, role: 'student' as const, emailVerified: true, locale: 'fr' as const });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
async function timeIt(fn: () => Promise<unknown>, runs = RUNS, warmups = 3): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmups; i++) await fn(); // pool, JIT, buffer pool
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95) };
}

const month = monthOf(new Date(), TZ);
const monthFrom = startOfDay(month, TZ);
const cat = data.categoryIds[3];
const f = (n: number) => +n.toFixed(1);

const [[bp]] = await raw.query<mysql.RowDataPacket[]>('SELECT @@innodb_buffer_pool_size / 1048576 AS mb');
const [[inMonth]] = await raw.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM xp_ledger WHERE created_at >= ?', [monthFrom]);
const [[inCat]] = await raw.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM xp_ledger WHERE category_id = ?', [cat]);
log(`MariaDB buffer pool ${Number(bp.mb)} MB; ledger rows this month ${Number(inMonth.n)}, in the category ${Number(inCat.n)}`);
log(`${RUNS} runs per measure (${SLOW_RUNS} for the ledger-SUM baselines), random viewers`);

const results: Record<string, unknown>[] = [];
async function compare(name: string, input: LeaderboardInput, index: [string, unknown[]], sum: [string, unknown[]]) {
  const service = await timeIt(() => getLeaderboard(deps, actor(randomUser()), input));
  const bare = await timeIt(() => raw.query(index[0], index[1]));
  const summed = SLOW_RUNS > 0 ? await timeIt(() => raw.query(sum[0], sum[1]), SLOW_RUNS, 0) : null;
  results.push({
    board: name,
    'service p50 ms': f(service.p50),
    'service p95 ms': f(service.p95),
    'raw index read p50 ms': f(bare.p50),
    'service / raw index': +(service.p50 / bare.p50).toFixed(1),
    'ledger SUM p50 ms': summed ? f(summed.p50) : '-',
    'ledger SUM / service': summed ? Math.round(summed.p50 / service.p50) : '-',
  });
}

await compare(
  'global',
  { scope: 'global', limit: 20, offset: 0 },
  ['SELECT user_id, total_xp FROM user_xp ORDER BY total_xp DESC, user_id LIMIT 20', []],
  ['SELECT user_id, SUM(amount) AS xp FROM xp_ledger GROUP BY user_id ORDER BY xp DESC, user_id LIMIT 20', []],
);
await compare(
  'this month',
  { scope: 'month', limit: 20, offset: 0 },
  ['SELECT user_id, xp FROM xp_monthly_totals WHERE month = ? ORDER BY xp DESC, user_id LIMIT 20', [month]],
  ['SELECT user_id, SUM(amount) AS xp FROM xp_ledger WHERE created_at >= ? GROUP BY user_id ORDER BY xp DESC, user_id LIMIT 20', [monthFrom]],
);
await compare(
  'category',
  { scope: 'category', categoryId: cat, limit: 20, offset: 0 },
  ['SELECT user_id, xp FROM xp_category_totals WHERE category_id = ? ORDER BY xp DESC, user_id LIMIT 20', [cat]],
  ['SELECT user_id, SUM(amount) AS xp FROM xp_ledger WHERE category_id = ? GROUP BY user_id ORDER BY xp DESC, user_id LIMIT 20', [cat]],
);
console.table(results);
const deep = await timeIt(() => getLeaderboard(deps, actor(randomUser()), { scope: 'global', limit: 20, offset: 50_000 }));
log(`global board, page at offset 50,000: p50 ${f(deep.p50)} ms, p95 ${f(deep.p95)} ms`);
const HIDDEN = 'SELECT id FROM users WHERE deleted_at IS NOT NULL OR is_active = 0';
for (const [label, sql, params] of [
  ['month page', `EXPLAIN SELECT t.user_id FROM xp_monthly_totals t WHERE t.month = ? AND t.xp > 0 AND t.user_id NOT IN (${HIDDEN}) ORDER BY t.xp DESC, t.user_id LIMIT 21`, [month]],
  ['month rank count', 'EXPLAIN SELECT COUNT(*) FROM xp_monthly_totals t WHERE t.month = ? AND t.xp > 100', [month]],
  ['hidden above', 'EXPLAIN SELECT COUNT(*) FROM users u JOIN xp_monthly_totals t ON t.user_id = u.id AND t.month = ? WHERE (u.deleted_at IS NOT NULL OR u.is_active = 0) AND t.xp > 100', [month]],
] as const) {
  const [plan] = await raw.query<mysql.RowDataPacket[]>(sql, [...params]);
  log(`EXPLAIN ${label}: ${plan.map((p) => `${p.table}:${p.type}/${p.key}/${p.Extra ?? ''}`).join(' | ')}`);
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
const rawPool = mysql.createPool({ host: t.host, port: t.port, user: t.username, password: t.password, database: t.database, connectionLimit: CONCURRENCY });
// The same reads as an evaluation, without the badge rules, the ORM or any award.
const statsOnly = (userId: number) =>
  Promise.all([
    rawPool.query('SELECT reason, COUNT(*) AS n FROM xp_ledger WHERE user_id = ? GROUP BY reason', [userId]),
    rawPool.query(
      'SELECT x.total_xp, x.current_level, s.daily_streak FROM user_xp x LEFT JOIN user_streaks s ON s.user_id = x.user_id WHERE x.user_id = ?',
      [userId],
    ),
    rawPool.query("SELECT source_id FROM xp_ledger WHERE user_id = ? AND reason = 'course_completed'", [userId]),
    rawPool.query('SELECT challenge_id FROM user_challenges WHERE user_id = ? AND completed = 1', [userId]),
    rawPool.query('SELECT badge_id FROM user_badges WHERE user_id = ?', [userId]),
    rawPool.query('SELECT id, criteria FROM badges WHERE is_active = 1'),
  ]);
await raw.query('DELETE FROM user_badges');
await raw.query("DELETE FROM notifications WHERE payload LIKE '%badge_earned%'");
const awarding = await pool(EVALS, CONCURRENCY, (i) => evaluate(users[i], i));
const steady = await pool(EVALS, CONCURRENCY, (i) => evaluate(users[i], i));
const rawRate = await pool(EVALS, CONCURRENCY, (i) => statsOnly(users[i]));
const [[granted]] = await raw.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM user_badges');
console.table([
  {
    'evaluations/s (first: awarding)': Math.round(awarding),
    'evaluations/s (again: nothing new)': Math.round(steady),
    'raw stats reads/s': Math.round(rawRate),
    'steady / raw': +(steady / rawRate).toFixed(2),
    'badges granted': Number(granted.n),
    concurrency: CONCURRENCY,
  },
]);
await rawPool.end();
await raw.end();
await db.close();
