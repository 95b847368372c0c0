// Seeds the leaderboard bench database (its own: mdsc_bench_gamification): 100,000 learners,
// 5,000,000 XP ledger rows over the last 12 months in 20 categories (skewed: a few very active
// learners, many occasional ones), user_xp totals that match the ledger, streaks, and the
// reference badges, and the monthly / per-category totals the boards read (summed while the ledger
// is generated, then checked against the ledger on a sample). Streamed through LOAD DATA LOCAL
// INFILE (no temporary file); reused when already complete.
import { Readable } from 'node:stream';
import { createDatabase, dropMysqlDatabase, ensureMysqlDatabase, migrateUp, parseMysqlUrl, seedReference } from '@mdsc/db';
import { monthOf, startOfDay } from '@mdsc/core';
import { LEVELS } from '@mdsc/validators';
import mysql from 'mysql2/promise';

export const SIZE = { users: 100_000, ledger: 5_000_000, categories: 20 } as const;
const MARKER = 'bench-gamification-v1';
const DAY = 86_400_000;

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sqlDate = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

/** A Readable of tab-separated lines produced in chunks (back-pressure aware). */
function lines(total: number, line: (i: number) => string): Readable {
  let i = 0;
  return new Readable({
    read() {
      if (i >= total) return void this.push(null);
      const out: string[] = [];
      const end = Math.min(total, i + 20_000);
      for (; i < end; i++) out.push(line(i));
      this.push(out.join('\n') + '\n');
    },
  });
}

async function load(c: mysql.Connection, table: string, columns: string[], total: number, line: (i: number) => string) {
  await c.query({
    sql: `LOAD DATA LOCAL INFILE 'stream' INTO TABLE ${table} FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${columns.join(', ')})`,
    infileStreamFactory: () => lines(total, line),
  } as mysql.QueryOptions);
}

export interface BenchData {
  firstUserId: number;
  categoryIds: number[];
}

async function existing(c: mysql.Connection): Promise<BenchData | null> {
  try {
    const [rows] = await c.query<mysql.RowDataPacket[]>(
      `SELECT (SELECT MIN(id) FROM users WHERE email LIKE '%@${MARKER}.test') AS firstUserId,
              (SELECT COUNT(*) FROM users WHERE email LIKE '%@${MARKER}.test') AS users,
              (SELECT COUNT(*) FROM xp_ledger) AS ledger,
              (SELECT COUNT(*) FROM xp_monthly_totals) AS months`,
    );
    const r = rows[0];
    if (Number(r.users) !== SIZE.users || Number(r.ledger) !== SIZE.ledger || Number(r.months) === 0) return null;
    const [cats] = await c.query<mysql.RowDataPacket[]>(`SELECT id FROM categories WHERE name LIKE 'Bench %' ORDER BY id`);
    return { firstUserId: Number(r.firstUserId), categoryIds: cats.map((x) => Number(x.id)) };
  } catch {
    return null;
  }
}

export async function seedBench(url: string, log: (s: string) => void, opts: { reseed?: boolean } = {}): Promise<BenchData> {
  const t = parseMysqlUrl(url);
  const connect = () =>
    mysql.createConnection({ host: t.host, port: t.port, user: t.username, password: t.password, database: t.database, timezone: 'Z' });
  await ensureMysqlDatabase(url);
  if (!opts.reseed) {
    // Reused data still gets the migrations written since it was seeded (indexes under test).
    const mdb = createDatabase({ url });
    await migrateUp(mdb.sequelize).catch(() => []);
    await mdb.close();
    const c = await connect();
    const found = await existing(c);
    await c.end();
    if (found) {
      log('bench data present: reused (BENCH_RESEED=1 to rebuild)');
      return found;
    }
  }
  const started = Date.now();
  await dropMysqlDatabase(url);
  await ensureMysqlDatabase(url);
  const db = createDatabase({ url });
  await migrateUp(db.sequelize);
  await seedReference(db.sequelize); // the badge catalogue evaluated by the worker bench
  await db.close();

  const c = await connect();
  const random = rng(42);
  const now = Date.now();
  await c.query('SET unique_checks = 0, foreign_key_checks = 0');

  const catRows = Array.from({ length: SIZE.categories }, (_, i) => [`Bench ${i + 1}`, '#1f7a4d', true]);
  await c.query('INSERT INTO categories (name, color, is_active) VALUES ?', [catRows]);
  const [cats] = await c.query<mysql.RowDataPacket[]>(`SELECT id FROM categories WHERE name LIKE 'Bench %' ORDER BY id`);
  const categoryIds = cats.map((x) => Number(x.id));

  const created = sqlDate(now - 400 * DAY);
  await load(
    c,
    'users',
    ['email', 'password', 'first_name', 'last_name', 'role', 'is_email_verified', 'is_active', 'hide_from_leaderboard', 'created_at', 'updated_at'],
    SIZE.users,
    (i) => `u${i}@${MARKER}.test\tx\tPrénom${i}\tNom${i}\tstudent\t1\t1\t${i % 25 === 0 ? 1 : 0}\t${created}\t${created}`,
  );
  const [[{ firstUserId }]] = await c.query<mysql.RowDataPacket[]>(`SELECT MIN(id) AS firstUserId FROM users WHERE email LIKE '%@${MARKER}.test'`);
  log(`users: ${SIZE.users} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Rows per learner: exponential (mean 50), then adjusted so that the total is exact.
  const counts = Array.from({ length: SIZE.users }, () => 1 + Math.floor(-Math.log(1 - random()) * 49));
  let diff = SIZE.ledger - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % SIZE.users) {
    if (diff > 0) {
      counts[i]++;
      diff--;
    } else if (counts[i] > 1) {
      counts[i]--;
      diff++;
    }
  }
  const reasons: [string, string, number][] = [
    ['lesson_completed', 'lesson', 10],
    ['lesson_completed', 'lesson', 10],
    ['lesson_completed', 'lesson', 10],
    ['quiz_passed', 'quiz', 20],
    ['module_completed', 'module', 30],
    ['streak_day', 'day', 5],
    ['course_completed', 'course', 100],
  ];
  // Month boundaries (platform time zone) of the 13 months covered, newest first.
  const TZ = 'Africa/Porto-Novo';
  const months: { key: string; from: number }[] = [];
  for (let m = monthOf(new Date(now), TZ); months.length < 14; ) {
    months.push({ key: m, from: startOfDay(m, TZ).getTime() });
    const [y, mo] = m.split('-').map(Number);
    m = new Date(Date.UTC(y, mo - 2, 1)).toISOString().slice(0, 10);
  }
  const monthKey = (at: number) => months.find((x) => at >= x.from)!.key;
  const monthly: string[] = [];
  const byCategory: string[] = [];
  let userMonths = new Map<string, number>();
  let userCats = new Map<number, number>();
  const flushUser = (u: number) => {
    for (const [m, xp] of userMonths) monthly.push(`${firstUserId + u}\t${m}\t${xp}\t${created}`);
    for (const [cat, xp] of userCats) byCategory.push(`${firstUserId + u}\t${cat}\t${xp}\t${created}`);
    userMonths = new Map();
    userCats = new Map();
  };
  let user = 0;
  let k = 0;
  const t0 = Date.now();
  await load(
    c,
    'xp_ledger',
    ['user_id', 'amount', 'reason', 'source_type', 'source_id', 'category_id', 'created_at'],
    SIZE.ledger,
    () => {
      if (k >= counts[user]) {
        flushUser(user);
        user++;
        k = 0;
      }
      const [reason, type, amount] = reasons[Math.floor(random() * reasons.length)];
      const cat = random() < 0.9 ? categoryIds[Math.floor(random() * categoryIds.length)] : null;
      // More activity recently: the product pulls the age towards today.
      const at = now - Math.floor(random() * random() * 365 * DAY);
      const m = monthKey(at);
      userMonths.set(m, (userMonths.get(m) ?? 0) + amount);
      if (cat) userCats.set(cat, (userCats.get(cat) ?? 0) + amount);
      return `${firstUserId + user}\t${amount}\t${reason}\t${type}\t${k++}\t${cat ?? '\\N'}\t${sqlDate(at)}`;
    },
  );
  flushUser(user);
  log(`xp_ledger: ${SIZE.ledger} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await load(c, 'xp_monthly_totals', ['user_id', 'month', 'xp', 'updated_at'], monthly.length, (i) => monthly[i]);
  await load(c, 'xp_category_totals', ['user_id', 'category_id', 'xp', 'updated_at'], byCategory.length, (i) => byCategory[i]);
  log(`totals: ${monthly.length} monthly, ${byCategory.length} per category`);

  const levelCase = [...LEVELS].reverse().map((l) => `WHEN s.xp >= ${l.minXp} THEN ${l.level}`).join(' ');
  const nextCase = LEVELS.slice(0, -1)
    .reverse()
    .map((l, i, all) => `WHEN s.xp >= ${l.minXp} THEN ${(all[i - 1] ?? LEVELS[LEVELS.length - 1]).minXp} - s.xp`)
    .join(' ');
  await c.query(
    `INSERT INTO user_xp (user_id, total_xp, current_level, xp_to_next_level, created_at, updated_at)
     SELECT s.user_id, s.xp, CASE ${levelCase} ELSE 1 END,
            CASE WHEN s.xp >= ${LEVELS[LEVELS.length - 1].minXp} THEN NULL ${nextCase} END, NOW(), NOW()
       FROM (SELECT user_id, SUM(amount) AS xp FROM xp_ledger GROUP BY user_id) s`,
  );
  await c.query(
    `INSERT INTO user_streaks (user_id, daily_streak, perfect_quiz_streak, last_activity_date, longest_daily_streak, created_at, updated_at)
     SELECT id, id % 9, id % 4, CURRENT_DATE - INTERVAL (id % 3) DAY, id % 40, NOW(), NOW() FROM users WHERE email LIKE '%@${MARKER}.test'`,
  );
  await c.query('SET unique_checks = 1, foreign_key_checks = 1');
  await c.query('ANALYZE TABLE users, user_xp, xp_ledger, user_streaks, xp_monthly_totals, xp_category_totals');
  // The generated totals must be the ledger's: check a sample of learners against it.
  const [mismatch] = await c.query<mysql.RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM (
       SELECT l.user_id, l.category_id, SUM(l.amount) AS xp FROM xp_ledger l
        WHERE l.user_id BETWEEN ? AND ? AND l.category_id IS NOT NULL GROUP BY l.user_id, l.category_id) s
     LEFT JOIN xp_category_totals t ON t.user_id = s.user_id AND t.category_id = s.category_id
     WHERE t.xp IS NULL OR t.xp <> s.xp`,
    [firstUserId, firstUserId + 99],
  );
  if (Number(mismatch[0].n) !== 0) throw new Error('generated category totals differ from the ledger');
  await c.end();
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { firstUserId: Number(firstUserId), categoryIds };
}
