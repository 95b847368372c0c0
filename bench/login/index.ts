// Login throughput versus a bare argon2id verify loop at the same concurrency, reported as a ratio
// (target >= 0.8: the login path adds little to the password hash, which is the price we choose).
// Login goes through the tRPC caller: procedure middleware, rate-limit check, user lookup, argon2
// verify, session insert. SQLite in a temp dir by default; BENCH_DATABASE_URL=mysql://… for MariaDB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRouter, createCallerFactory } from '@mdsc/api';
import { createLogger, createRateLimiter, hashPassword, systemClock, type CoreDeps } from '@mdsc/core';
import { createDatabase, ensureMysqlDatabase, migrateUp, User } from '@mdsc/db';
import { createInlineJobQueue } from '@mdsc/jobs';
import { verify } from '@node-rs/argon2';

const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,4,8').split(',').map(Number);
const TARGET = 0.8;
const PASSWORD = 'Bench-Mark-Password-2026';

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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-login-'));
const url = process.env.BENCH_DATABASE_URL;
if (url) await ensureMysqlDatabase(url);
const db = createDatabase(url ? { url } : { sqliteFile: path.join(tmp, 'bench.sqlite') });
await migrateUp(db.sequelize);
const email = `bench-${Date.now()}@bench.test`;
const hash = await hashPassword(PASSWORD);
await User.create({ email, password: hash, firstName: 'Bench', lastName: 'Mark', isEmailVerified: true });

const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('bench', 'silent'),
  jobs: createInlineJobQueue({}, { warn: () => {}, error: () => {} }),
  storage: null as unknown as CoreDeps['storage'], // login never touches files
  config: { publicUrl: 'http://bench.test', timezone: 'UTC', dataDir: tmp },
  rateLimiter: createRateLimiter(),
};
const caller = (i: number) =>
  createCallerFactory(appRouter)({
    deps,
    redis: null,
    req: { ip: `10.0.${(i >> 8) & 255}.${i & 255}`, origin: null, userAgent: 'bench' },
    actor: null,
  });

// Warm up both paths (JIT, connection pool, argon2 thread pool).
for (let i = 0; i < 5; i++) {
  await verify(hash, PASSWORD);
  await caller(i).auth.login({ email, password: PASSWORD, mode: 'cookie' });
}

// The machine may be busy with other work: alternate short rounds of each path and keep the median
// ratio, so that a load change during the run hits both sides alike.
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: { concurrency: number; argon2PerSec: number; loginPerSec: number; ratio: number }[] = [];
for (const c of CONCURRENCY) {
  const per = Math.max(c, Math.round(N / ROUNDS));
  const a: number[] = [];
  const l: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(
      await pool(per, c, async () => {
        if (!(await verify(hash, PASSWORD))) throw new Error('verify failed');
      }),
    );
    l.push(
      await pool(per, c, async (i) => {
        // Cookie mode, as the web app logs in (no refresh token).
        const r = await caller(round * per + i).auth.login({ email, password: PASSWORD, mode: 'cookie' });
        if (!r.user) throw new Error('login failed');
      }),
    );
  }
  rows.push({ concurrency: c, argon2PerSec: median(a), loginPerSec: median(l), ratio: median(l.map((x, i) => x / a[i])) });
}

console.log(`login vs bare argon2id verify (m=19456, t=2, p=1), ${N} operations each in ${ROUNDS} alternating rounds, ${url ? 'MariaDB' : 'SQLite'}; medians`);
console.log('concurrency  argon2/s  login/s  ratio');
for (const r of rows) {
  const ok = r.ratio >= TARGET ? `ok (target ≥ ${TARGET})` : `BELOW target ${TARGET}`;
  console.log(`${String(r.concurrency).padStart(11)}  ${r.argon2PerSec.toFixed(1).padStart(8)}  ${r.loginPerSec.toFixed(1).padStart(7)}  ${r.ratio.toFixed(2)} ${ok}`);
}
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, `login-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ N, target: TARGET, rows }, null, 2));
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
// Ratios are reported, not asserted (noisy machines): the exit code says only whether it ran.
