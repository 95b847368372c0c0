// 500 simultaneous submissions of a 20-question final quiz through quizzes.submitAttempt (tRPC
// caller → service: enrolment lock, grading, attempt update, notification, and for the passing half
// course completion with a numbered certificate), against raw mysql2 transactions doing the same
// reads-for-update and the same writes on the same pool size. p50 / p99 latency, errors, and the
// ratios. MariaDB only (the baseline is mysql2): BENCH_DATABASE_URL, default a mdsc_bench_quiz db.
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { appRouter, createCallerFactory } from '@mdsc/api';
import { createOutboxRelay, createSession, gradeAttempt, hashToken, type Actor } from '@mdsc/core';
import {
  createDatabase,
  dropMysqlDatabase,
  ensureMysqlDatabase,
  migrateUp,
  parseMysqlUrl,
  QuizAttempt,
  type User,
} from '@mdsc/db';
import mysql from 'mysql2/promise';
import { loadEnv } from '../../apps/api/src/env';
import type { Runtime } from '../../apps/api/src/runtime';
import { buildServer } from '../../apps/api/src/server';
import {
  burstProblems,
  submitBurstOverHttp,
  type BurstLearner,
  type BurstOutcome,
} from '../../apps/api/src/testing/quiz-burst';
import {
  benchDeps,
  courseWithLessons,
  enrolledLearners,
  finalQuiz,
  noJobs,
  percentile,
  teacherAndCategory,
  writeResult,
} from '../shared/fixtures';

const N = Number(process.env.BENCH_N ?? 500);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const url = process.env.BENCH_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench_quiz';

await dropMysqlDatabase(url);
await ensureMysqlDatabase(url);
const db = createDatabase({ url, pool: { max: POOL } });
await migrateUp(db.sequelize);
const deps = benchDeps(db);
// As in apps/api's runtime: each commit's outbox rows are relayed right after it (no poll loop here).
deps.relay = createOutboxRelay(deps, { pollMs: 60_000 });

// ---------------------------------------------------------------- fixtures
const owner = await teacherAndCategory('quiz');
const { course, lessonIds } = await courseWithLessons(owner, {
  slug: 'bench-quiz',
  title: 'Bench',
  lessons: 1,
});
const { quiz, questions } = await finalQuiz(
  course.id,
  { passingScore: 70, maxAttempts: 3 },
  Array.from({ length: 20 }, (_, i) => {
    const kind = i % 4;
    return kind === 0
      ? {
          questionText: `Q${i}`,
          questionType: 'multiple_choice' as const,
          options: [
            { text: 'a', correct: true },
            { text: 'b', correct: false },
            { text: 'c', correct: false },
          ],
          correctAnswer: null,
        }
      : kind === 1
        ? {
            questionText: `Q${i}`,
            questionType: 'multiple_choice' as const,
            options: [
              { text: 'a', correct: true },
              { text: 'b', correct: true },
              { text: 'c', correct: false },
            ],
            correctAnswer: null,
          }
        : kind === 2
          ? {
              questionText: `Q${i}`,
              questionType: 'true_false' as const,
              options: null,
              correctAnswer: 'true',
            }
          : {
              questionText: `Q${i}`,
              questionType: 'short_answer' as const,
              options: null,
              correctAnswer: 'les statuts\nstatuts',
            };
  }),
);
/** Even learners answer everything right (they pass and complete the course), odd ones half right. */
const answersFor = (i: number) =>
  questions.map((q, k) => {
    const wrong = i % 2 === 1 && k % 2 === 0;
    const answer =
      q.questionType === 'multiple_choice'
        ? wrong
          ? [2]
          : q.options!.flatMap((o, j) => (o.correct ? [j] : []))
        : q.questionType === 'true_false'
          ? !wrong
          : wrong
            ? 'non'
            : 'Les Statuts';
    return { questionId: q.id, answer };
  });

const learners = (prefix: string) => enrolledLearners(course.id, lessonIds, N, prefix);

const actor = (u: User): Actor => ({ id: u.id, role: 'student', emailVerified: true, locale: 'fr' });
/** Attempts started beforehand (not timed), as startAttempt leaves them: in progress, no deadline. */
async function attemptsFor(users: User[]): Promise<number[]> {
  const rows = await QuizAttempt.bulkCreate(
    users.map((u) => ({
      userId: u.id,
      quizId: quiz.id,
      answers: {},
      startedAt: new Date(),
      status: 'in_progress',
    })) as never,
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- runs

async function burst(task: (i: number) => Promise<unknown>) {
  const lat: number[] = [];
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const t0 = performance.now();
      try {
        await task(i);
        lat.push(performance.now() - t0);
      } catch (err) {
        errors++;
        if (errors === 1) console.error(err);
      }
    }),
  );
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  // This process's CPU per request (the database's is not counted): the side a faster machine does not hide.
  const cpuMs = (cpu.user + cpu.system) / 1000 / N;
  const sysMs = cpu.system / 1000 / N;
  return {
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    errors,
    perSec: N / (wallMs / 1000),
    wallMs,
    cpuMs,
    sysMs,
  };
}

const createCaller = createCallerFactory(appRouter);
// BENCH_CPU_PROFILE=file.cpuprofile: a V8 CPU profile of the service's in-process bursts only
// (fixtures and the raw side left out; the HTTP API's bursts, client included, in file-http.cpuprofile), to open in Chrome DevTools or read with a script.
const PROFILE = process.env.BENCH_CPU_PROFILE;
const inspector = PROFILE ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
}
/** Runs `fn` under the CPU profiler when BENCH_CPU_PROFILE is set (written to `PROFILE` + suffix). */
async function profiled<T>(suffix: string, fn: () => Promise<T>): Promise<T> {
  if (inspector) await inspector.post('Profiler.start');
  try {
    return await fn();
  } finally {
    if (inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      fs.writeFileSync(PROFILE!.replace(/(\.cpuprofile)?$/, `${suffix}.cpuprofile`), JSON.stringify(profile));
    }
  }
}
const runOurs = (users: User[], attempts: number[]) =>
  profiled('', () =>
    burst((i) =>
      createCaller({
        deps,
        redis: null,
        req: { ip: '127.0.0.1', origin: null, userAgent: 'bench' },
        actor: actor(users[i]),
      }).quizzes.submitAttempt({
        attemptId: attempts[i],
        answers: answersFor(i),
      }),
    ),
  );

const target = parseMysqlUrl(url);
const pool = mysql.createPool({
  host: target.host,
  port: target.port,
  user: target.username,
  password: target.password,
  database: target.database,
  connectionLimit: POOL,
  charset: 'utf8mb4_unicode_ci',
  timezone: 'Z',
});
const gradable = questions.map((q) => ({
  id: q.id,
  questionType: q.questionType,
  options: q.options,
  correctAnswer: q.correctAnswer,
  points: Number(q.points),
}));
/** The raw baseline: the same locking read and writes as the service, in plain mysql2. */
async function rawSubmit(
  userId: number,
  attemptId: number,
  i: number,
): Promise<{ percentage: number; passed: boolean }> {
  const c = await pool.getConnection();
  try {
    await c.beginTransaction();
    const [[e]] = (await c.query(
      'SELECT id, status FROM enrollments WHERE user_id = ? AND course_id = ? FOR UPDATE',
      [userId, course.id],
    )) as unknown as [{ id: number }[]];
    await c.query('SELECT id, status, started_at, deadline_at FROM quiz_attempts WHERE id = ?', [attemptId]);
    await c.query(
      'SELECT id, question_type, options, correct_answer, points FROM quiz_questions WHERE quiz_id = ? AND is_active = 1 ORDER BY order_index',
      [quiz.id],
    );
    const answers = answersFor(i);
    const g = gradeAttempt(gradable, new Map(answers.map((a) => [a.questionId, a.answer])), 70);
    const now = new Date();
    await c.query(
      'UPDATE quiz_attempts SET status = ?, answers = ?, completed_at = ?, score = ?, total_points = ?, percentage = ?, is_passed = ?, results = ?, time_spent_minutes = 1 WHERE id = ?',
      [
        'graded',
        JSON.stringify(Object.fromEntries(answers.map((a) => [a.questionId, a.answer]))),
        now,
        g.score,
        g.totalPoints,
        g.percentage,
        g.passed,
        JSON.stringify(g.results),
        attemptId,
      ],
    );
    await c.query('INSERT INTO notifications (user_id, payload, is_read, created_at) VALUES (?, ?, 0, ?)', [
      userId,
      JSON.stringify({ type: 'quiz_graded', data: { quizId: quiz.id, percentage: g.percentage } }),
      now,
    ]);
    if (g.passed) {
      await c.query(
        "UPDATE enrollments SET status = 'completed', completed_at = ?, progress_percentage = 100, last_accessed_at = ? WHERE id = ?",
        [now, now, e.id],
      );
      const [counter] = (await c.query(
        'INSERT INTO certificate_counters (year, last_number) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)',
        [2100],
      )) as unknown as [{ insertId: number }];
      await c.query(
        'INSERT INTO certificates (certificate_code, user_id, course_id, certificate_number, issued_at) VALUES (?, ?, ?, ?, ?)',
        [
          `raw-${i}-${attemptId}-${Date.now()}`.padEnd(32, 'x'),
          userId,
          course.id,
          `MDSC-2100-${counter.insertId}`,
          now,
        ],
      );
    }
    await c.commit();
    return { percentage: g.percentage, passed: g.passed };
  } catch (err) {
    await c.rollback();
    throw err;
  } finally {
    c.release();
  }
}
const runRaw = (users: User[], attempts: number[]) => burst((i) => rawSubmit(users[i].id, attempts[i], i));

// The machine may be busy with other work: alternate rounds of each side (fresh learners every
// time) and keep the medians, so that a load change hits both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ourRuns: Awaited<ReturnType<typeof burst>>[] = [];
const rawRuns: Awaited<ReturnType<typeof burst>>[] = [];
const ourAttempts: number[] = [];
// Warm-up, not measured: JIT, connection pools, the quiz's grading cache.
{
  const w = await learners('warm');
  const wa = await attemptsFor(w.users);
  await Promise.all(
    w.users
      .slice(0, 20)
      .map((u, i) =>
        i % 2
          ? rawSubmit(u.id, wa[i], i)
          : createCaller({
              deps,
              redis: null,
              req: { ip: '127.0.0.1', origin: null, userAgent: 'bench' },
              actor: actor(u),
            }).quizzes.submitAttempt({ attemptId: wa[i], answers: answersFor(i) }),
      ),
  );
}
for (let round = 0; round < ROUNDS; round++) {
  const r = await learners(`raw${round}`);
  rawRuns.push(await runRaw(r.users, await attemptsFor(r.users)));
  const o = await learners(`ours${round}`);
  const attempts = await attemptsFor(o.users);
  ourAttempts.push(...attempts);
  ourRuns.push(await runOurs(o.users, attempts));
}
const med = (runs: Awaited<ReturnType<typeof burst>>[]) => {
  const m = (k: 'p50' | 'p99' | 'perSec' | 'wallMs' | 'cpuMs' | 'sysMs') =>
    [...runs.map((x) => x[k])].sort((x, y) => x - y)[Math.floor(runs.length / 2)];
  return {
    p50: m('p50'),
    p99: m('p99'),
    perSec: m('perSec'),
    wallMs: m('wallMs'),
    cpuMs: m('cpuMs'),
    sysMs: m('sysMs'),
    errors: runs.reduce((n, x) => n + x.errors, 0),
  };
};
const oursResult = med(ourRuns);
const rawResult = med(rawRuns);

const graded = await QuizAttempt.count({ where: { id: ourAttempts, status: 'graded' } });
const total = N * ROUNDS;
const fmt = (r: typeof oursResult) =>
  `p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  ${r.perSec.toFixed(0).padStart(4)}/s  errors ${r.errors}${Number.isNaN(r.cpuMs) ? '' : `  CPU ${r.cpuMs.toFixed(2)} ms/req (kernel ${r.sysMs.toFixed(2)})`}`;
console.log(
  `quiz submissions: ${N} at once, 20 questions, half passing (course completed + certificate), pool ${POOL}, MariaDB; medians of ${ROUNDS} alternating rounds`,
);
console.log(`submitAttempt (service)  ${fmt(oursResult)}`);
console.log(`raw mysql2 transaction   ${fmt(rawResult)}`);
const ratios = {
  p50: oursResult.p50 / rawResult.p50,
  p99: oursResult.p99 / rawResult.p99,
  throughput: oursResult.perSec / rawResult.perSec,
};
console.log(
  `ratios service/raw: p50 ×${ratios.p50.toFixed(2)} (target ≤ 2), p99 ×${ratios.p99.toFixed(2)}, throughput ×${ratios.throughput.toFixed(2)} (target ≥ 0.5); attempts graded ${graded}/${total}`,
);

// ---------------------------------------------------------------- HTTP mode
// The real Fastify server (apps/api buildServer: helmet, CORS, request guard, bearer session
// lookup, tRPC) on a port, N learners each with their own session (created as login does), all
// submitting at once; against a bare node:http server doing the session lookup and the raw
// transaction above. Client and servers share this process (and its core): both sides pay alike.
const MODE = process.env.BENCH_MODE ?? 'both';
let httpSummary: Record<string, unknown> | null = null;
let httpFailed = false;
if (MODE === 'both' || MODE === 'http') {
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATA_DIR: '/tmp',
    PUBLIC_URL: 'https://mooc.mdsc.example',
  });
  const rt: Runtime = { env, deps, jobs: noJobs, redis: null, close: async () => {} };
  const app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const apiBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const learnerIndex = new Map<number, number>(); // attempt id → learner index (its answers)
  const bare = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', async () => {
      try {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const [[s]] = (await pool.query(
          'SELECT user_id FROM user_sessions WHERE session_id = ? AND expires_at > ?',
          [hashToken(token), new Date()],
        )) as unknown as [{ user_id: number }[]];
        if (!s) {
          res.writeHead(401).end('{}');
          return;
        }
        const input = JSON.parse(body) as { attemptId: number; answers: unknown };
        const g = await rawSubmit(s.user_id, input.attemptId, learnerIndex.get(input.attemptId)!);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ result: { data: { id: input.attemptId, status: 'graded', ...g } } }));
      } catch (err) {
        res.writeHead(500).end(JSON.stringify({ error: { message: String(err) } }));
      }
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  const learnersFor = async (prefix: string) => {
    const { users } = await learners(prefix);
    const attempts = await attemptsFor(users);
    const sessions = await Promise.all(
      users.map((u) => createSession(u.id, { userAgent: 'bench', ip: '127.0.0.1' })),
    );
    attempts.forEach((id, i) => learnerIndex.set(id, i));
    return users.map((_, i): BurstLearner => ({
      bearer: sessions[i].token,
      attemptId: attempts[i],
      answers: answersFor(i),
    }));
  };
  // This process's CPU per request: the client's share is the same on both sides, so the
  // difference is the server's (steadier than wall time when the machine is busy).
  const measured = async (run: () => Promise<BurstOutcome>) => {
    const before = process.cpuUsage();
    const o = await run();
    const cpu = process.cpuUsage(before);
    const ok = o.answers.filter((a) => a.status === 200).map((a) => a.ms);
    const n = o.answers.length;
    return {
      p50: percentile(ok, 50),
      p99: percentile(ok, 99),
      errors: n - ok.length,
      perSec: n / (o.wallMs / 1000),
      wallMs: o.wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000 / n,
      sysMs: cpu.system / 1000 / n,
      outcome: o,
    };
  };
  const apiRuns: Awaited<ReturnType<typeof burst>>[] = [];
  const bareRuns: Awaited<ReturnType<typeof burst>>[] = [];
  const httpProblems: string[] = [];
  const httpAttempts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const b = await learnersFor(`bare${round}`);
    bareRuns.push(await measured(() => submitBurstOverHttp(bareBase, b, '/')));
    const a = await learnersFor(`api${round}`);
    httpAttempts.push(...a.map((l) => l.attemptId));
    const apiRun = await measured(() => profiled('-http', () => submitBurstOverHttp(apiBase, a)));
    httpProblems.push(...burstProblems(apiRun.outcome));
    apiRuns.push(apiRun);
  }
  const apiResult = med(apiRuns);
  const bareResult = med(bareRuns);
  const httpGraded = await QuizAttempt.count({ where: { id: httpAttempts, status: 'graded' } });
  const httpRatios = {
    p50: apiResult.p50 / bareResult.p50,
    p99: apiResult.p99 / bareResult.p99,
    throughput: apiResult.perSec / bareResult.perSec,
  };
  console.log(
    `\nover HTTP: ${N} learners with their own bearer session, all at once; medians of ${ROUNDS} alternating rounds`,
  );
  console.log(`API server (Fastify+tRPC)  ${fmt(apiResult)}`);
  console.log(`bare node:http + raw SQL   ${fmt(bareResult)}`);
  console.log(
    `ratios API/bare: p50 ×${httpRatios.p50.toFixed(2)} (target ≤ 2), p99 ×${httpRatios.p99.toFixed(2)}, throughput ×${httpRatios.throughput.toFixed(2)} (target ≥ 0.5); attempts graded ${httpGraded}/${N * ROUNDS}, non-200 answers ${httpProblems.length}`,
  );
  if (httpProblems.length) console.error(httpProblems.slice(0, 5).join('\n'));
  httpFailed = httpProblems.length > 0 || httpGraded !== N * ROUNDS || bareResult.errors > 0;
  httpSummary = {
    api: apiResult,
    bare: bareResult,
    ratios: httpRatios,
    apiRuns,
    bareRuns,
    graded: httpGraded,
  };
  await app.close();
  await new Promise((resolve) => bare.close(resolve));
}

writeResult('quiz-submit', {
  N,
  pool: POOL,
  rounds: ROUNDS,
  ours: oursResult,
  raw: rawResult,
  ratios,
  ourRuns,
  rawRuns,
  http: httpSummary,
});
await pool.end();
await db.close();
await dropMysqlDatabase(url);
if (httpFailed || oursResult.errors > 0 || rawResult.errors > 0 || graded !== total) process.exitCode = 1;
