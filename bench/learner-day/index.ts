// A learner's day, mixed, over HTTP against the built API (apps/api/dist/main.js, full mode:
// MariaDB + Redis) run as 1 and as 2 processes (API_PROCESSES, Node's cluster module): catalog,
// course page, learning path, lesson open, heartbeats, notifications, quiz start + submit, in fixed
// proportions, by C virtual users in closed loops (each sends its next request when the last one is
// answered) for a fixed time per step, C in a sweep. p50 / p99 / throughput per step go to
// bench/results/learner-day-*.json and a chart to bench/results/learner-day-*.svg.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession } from '@mdsc/core';
import { createDatabase, dropMysqlDatabase, ensureMysqlDatabase, migrateUp } from '@mdsc/db';
import { courseWithLessons, enrolledLearners, finalQuiz, percentile, resultsDir, runStamp, teacherAndCategory, writeResult } from '../shared/fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const url = process.env.BENCH_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench_day';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STEPS = (process.env.BENCH_CONCURRENCY ?? '1,4,16,64').split(',').map(Number);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number);
const STEP_MS = Number(process.env.BENCH_STEP_MS ?? 8000);
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const COURSES = 30;

// ---------------------------------------------------------------- fixtures
await dropMysqlDatabase(url);
await ensureMysqlDatabase(url);
const db = createDatabase({ url, pool: { max: 5 } });
await migrateUp(db.sequelize);
const owner = await teacherAndCategory('day');
const courses: { id: number; slug: string; lessonIds: number[] }[] = [];
for (let c = 0; c < COURSES; c++) {
  const { course, lessonIds } = await courseWithLessons(owner, { slug: `jour-${c}`, title: `Cours ${c} — gouvernance associative`, lessons: 3, text: 'Les statuts fixent le cadre.'.repeat(20) });
  courses.push({ id: course.id, slug: course.slug, lessonIds });
}
const day = courses[0];
const { quiz, questions } = await finalQuiz(
  day.id,
  { passingScore: 60, maxAttempts: 1000 },
  Array.from({ length: 5 }, (_, i) => ({ questionText: `Vrai ou faux ${i}`, questionType: 'true_false' as const, options: null, correctAnswer: 'true' })),
);
const { users } = await enrolledLearners(day.id, day.lessonIds, LEARNERS, 'day');
const bearers = await Promise.all(users.map(async (u) => (await createSession(u.id, { userAgent: 'bench', ip: '127.0.0.1' })).token));
await db.close();

// ---------------------------------------------------------------- the API processes
const dist = path.join(repo, 'apps/api/dist/main.js');
if (!fs.existsSync(dist)) {
  console.log('building apps/api (pnpm build does it too)…');
  const b = spawn(process.execPath, [path.join(repo, 'tooling/build/node-app.mjs'), path.join(repo, 'apps/api')], { stdio: 'inherit' });
  await new Promise((resolve) => b.on('exit', resolve));
}
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-day-'));

async function startApi(processes: number): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', dist], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `benchday${process.pid}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      API_PROCESSES: String(processes),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ready = 0;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      ready = (output.match(/MdSC MOOC API \(full mode\)/g) ?? []).length;
      if (ready >= processes) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`API exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { base: `http://127.0.0.1:${port}`, child };
}

// ---------------------------------------------------------------- the day's mix
type Call = { name: string; weight: number; run(base: string, i: number): Promise<number> };
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
async function trpc(base: string, method: 'GET' | 'POST', proc: string, input: unknown, bearer?: string): Promise<{ status: number; data: unknown }> {
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  const res =
    method === 'GET'
      ? await fetch(`${base}/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${base}/trpc/${proc}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const json = (await res.json()) as { result?: { data: unknown } };
  return { status: res.status, data: json.result?.data };
}
const MIX: Call[] = [
  { name: 'catalog', weight: 20, run: async (b) => (await trpc(b, 'GET', 'courses.list', {})).status },
  { name: 'course page', weight: 10, run: async (b) => (await trpc(b, 'GET', 'courses.bySlug', { slug: pick(courses).slug })).status },
  { name: 'learning path', weight: 15, run: async (b, i) => (await trpc(b, 'GET', 'progress.course', { slug: day.slug }, bearers[i])).status },
  { name: 'lesson open', weight: 15, run: async (b, i) => (await trpc(b, 'GET', 'progress.lesson', { lessonId: pick(day.lessonIds) }, bearers[i])).status },
  { name: 'heartbeat', weight: 25, run: async (b, i) => (await trpc(b, 'POST', 'progress.heartbeat', { lessonId: pick(day.lessonIds), seconds: 30 }, bearers[i])).status },
  { name: 'notifications', weight: 10, run: async (b, i) => (await trpc(b, 'GET', 'notifications.list', {}, bearers[i])).status },
  {
    name: 'quiz start+submit',
    weight: 5,
    run: async (b, i) => {
      const s = await trpc(b, 'POST', 'quizzes.startAttempt', { quizId: quiz.id }, bearers[i]);
      if (s.status !== 200) return s.status;
      const { attemptId } = s.data as { attemptId: number };
      const answers = questions.map((q, k) => ({ questionId: q.id, answer: k % 2 === 0 || Math.random() < 0.5 }));
      return (await trpc(b, 'POST', 'quizzes.submitAttempt', { attemptId, answers }, bearers[i])).status;
    },
  },
];
const totalWeight = MIX.reduce((s, c) => s + c.weight, 0);
const choose = () => {
  let r = Math.random() * totalWeight;
  for (const c of MIX) if ((r -= c.weight) < 0) return c;
  return MIX[0];
};

interface StepResult { processes: number; concurrency: number; requests: number; errors: number; perSec: number; p50: number; p99: number; errorSample: string | null }

async function step(base: string, processes: number, concurrency: number, ms: number): Promise<StepResult> {
  const lat: number[] = [];
  let errors = 0;
  let errorSample: string | null = null;
  let learner = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const call = choose();
        const i = learner++ % bearers.length; // each request as one learner, spread over all of them
        const t0 = performance.now();
        let status = 0;
        try {
          status = await call.run(base, i);
        } catch (err) {
          errorSample ??= `${call.name}: ${String(err)}`;
        }
        if (status >= 200 && status < 300) lat.push(performance.now() - t0);
        else {
          errors++;
          errorSample ??= `${call.name}: HTTP ${status}`;
        }
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  return { processes, concurrency, requests: lat.length + errors, errors, perSec: lat.length / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), errorSample };
}

// ---------------------------------------------------------------- sweep
const results: StepResult[] = [];
console.log(`learner day over HTTP: ${MIX.map((c) => `${c.name} ${Math.round((100 * c.weight) / totalWeight)}%`).join(', ')}; ${LEARNERS} learners, ${STEP_MS / 1000} s per step`);
console.log('processes  concurrency   req/s    p50 ms    p99 ms  errors');
for (const processes of PROCESSES) {
  const { base, child } = await startApi(processes);
  try {
    await step(base, processes, 4, 2000); // warm-up: JIT, pools, caches
    for (const c of STEPS) {
      const r = await step(base, processes, c, STEP_MS);
      results.push(r);
      console.log(`${String(processes).padStart(9)}  ${String(c).padStart(11)}  ${r.perSec.toFixed(0).padStart(6)}  ${r.p50.toFixed(1).padStart(8)}  ${r.p99.toFixed(1).padStart(8)}  ${String(r.errors).padStart(6)}${r.errorSample ? `  (${r.errorSample})` : ''}`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}
const best = (p: number) => Math.max(...results.filter((r) => r.processes === p).map((r) => r.perSec));
if (PROCESSES.includes(1) && PROCESSES.includes(2)) {
  console.log(`best throughput, 2 processes ÷ 1: ×${(best(2) / best(1)).toFixed(2)} (on ${os.cpus().length} cores shared with MariaDB, Redis and this client)`);
}

// ---------------------------------------------------------------- results and chart
const stamp = runStamp();
writeResult('learner-day', { steps: STEPS, processes: PROCESSES, stepMs: STEP_MS, learners: LEARNERS, mix: MIX.map((c) => ({ name: c.name, weight: c.weight })), results }, stamp);
const svg = chart(results);
fs.writeFileSync(path.join(resultsDir, `learner-day-${stamp}.svg`), svg);
fs.writeFileSync(path.join(resultsDir, 'learner-day-latest.svg'), svg);
console.log(`results: bench/results/learner-day-${stamp}.json, chart: bench/results/learner-day-${stamp}.svg`);
fs.rmSync(dataDir, { recursive: true, force: true });
await dropMysqlDatabase(url);
if (results.some((r) => r.errors > 0)) process.exitCode = 1;

/** Two panels: throughput and latency (p50 solid, p99 dashed) against concurrency, one colour per process count. */
function chart(rows: StepResult[]): string {
  const W = 420;
  const H = 260;
  const m = { l: 56, r: 16, t: 34, b: 40 };
  const colours = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df'];
  const xs = STEPS;
  const x = (c: number) => m.l + (xs.indexOf(c) / Math.max(1, xs.length - 1)) * (W - m.l - m.r);
  const panel = (ox: number, title: string, unit: string, series: { colour: string; dash: boolean; label: string; points: [number, number][] }[]) => {
    const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[1]).filter(Number.isFinite))) * 1.1;
    const y = (v: number) => m.t + (1 - v / max) * (H - m.t - m.b);
    const ticks = Array.from({ length: 5 }, (_, k) => (max * k) / 4);
    let out = `<g transform="translate(${ox},0)"><text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>`;
    for (const t of ticks) out += `<line x1="${m.l}" x2="${W - m.r}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${m.l - 6}" y="${y(t) + 4}" text-anchor="end">${t.toFixed(t < 10 ? 1 : 0)}</text>`;
    for (const c of xs) out += `<text x="${x(c)}" y="${H - m.b + 16}" text-anchor="middle">${c}</text>`;
    out += `<text x="${W / 2}" y="${H - 6}" text-anchor="middle">concurrent users</text><text transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">${unit}</text>`;
    series.forEach((s, k) => {
      const pts = s.points.filter((p) => Number.isFinite(p[1]));
      out += `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ' stroke-dasharray="5 4"' : ''} points="${pts.map(([c, v]) => `${x(c).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`;
      for (const [c, v] of pts) out += `<circle cx="${x(c).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}"/>`;
      out += `<text x="${m.l + 8}" y="${m.t + 12 + 14 * k}" fill="${s.colour}">${s.label}</text>`;
    });
    return `${out}</g>`;
  };
  const by = (p: number, f: (r: StepResult) => number) => rows.filter((r) => r.processes === p).map((r): [number, number] => [r.concurrency, f(r)]);
  const left = panel(0, 'Throughput', 'requests / s', PROCESSES.map((p, k) => ({ colour: colours[k % 4], dash: false, label: `${p} process${p > 1 ? 'es' : ''}`, points: by(p, (r) => r.perSec) })));
  const right = panel(
    W,
    'Latency (p50 solid, p99 dashed)',
    'ms',
    PROCESSES.flatMap((p, k) => [
      { colour: colours[k % 4], dash: false, label: `${p} proc. p50`, points: by(p, (r) => r.p50) },
      { colour: colours[k % 4], dash: true, label: `${p} proc. p99`, points: by(p, (r) => r.p99) },
    ]),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="#fff"/>${left}${right}</svg>\n`;
}
