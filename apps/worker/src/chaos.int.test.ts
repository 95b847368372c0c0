// THE CHAOS TEST (issue 11). The API (full mode) and the worker run as real processes on MariaDB,
// Redis and a real SMTP server. Learners complete a course over HTTP, which issues certificates.
// Then: the worker is killed (SIGKILL) twice while it runs the same certificate render — with
// WORKER_MAX_STALLED_COUNT=1 the job ends "failed: stalled more than allowable limit", exactly the
// loss the issue reports — and the API is killed between a commit and its relay (TEST_CRASH_AFTER_COMMIT,
// a test-only switch: the process SIGKILLs itself in the after-commit hook, before relaying). After
// restarting both and one repair sweep (the admin's "run repair now", over HTTP), every certificate
// has its PDF in storage, every ledger row exists exactly once and every certificate-ready mail was
// received exactly once. In between, Redis "restarts" without persistence (our prefix's keys are
// deleted) after a completion's jobs were relayed: the sweep recovers those effects too.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { certificateStorageKey, createSession } from '@mdsc/core';
import {
  Category,
  Certificate,
  Course,
  CourseModule,
  Enrollment,
  Lesson,
  OutboxMessage,
  User,
  XpLedger,
} from '@mdsc/db';
import { createLocalStorage } from '@mdsc/storage';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipients, type SmtpSink } from '../../api/src/testing/smtp-sink';
import { trpcHttp } from '../../api/src/testing/trpc-http';
import { chaosEnvironment, type ChaosEnv } from './testing/chaos-env';
import { kill9, sleep, waitFor } from './testing/processes';

const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-chaos-${run}`;
const PUBLIC_URL = 'http://app.mdsc.test';
const LEARNERS = 6;

let env: ChaosEnv;
let redis: Redis;
let certQueue: Queue;
let smtp: SmtpSink;
let dataDir: string;
const startWorker = (extra?: Record<string, string>) => env.procs.startWorker(extra);
const startApi = (extra?: Record<string, string>) => env.procs.startApi(extra);

beforeAll(async () => {
  env = await chaosEnvironment({ prefix: PREFIX, publicUrl: PUBLIC_URL, pool: 10 });
  ({ redis, smtp, dataDir } = env);
  certQueue = new Queue('certificates', { connection: redis, prefix: PREFIX });
});

afterAll(async () => {
  await env?.close(certQueue);
});

describe('chaos: kill -9 the worker twice mid-render and the API between commit and relay', () => {
  it('renders every certificate, pays every ledger row once and mails every holder once', { timeout: 300_000 }, async () => {
    // --- Fixtures: a published course (one module, two required lessons), enrolled learners, sessions.
    const instructor = await User.create({ email: `inst-${run}@chaos.test`, password: 'x', firstName: 'Ina', lastName: 'Prof', role: 'instructor' });
    const admin = await User.create({ email: `admin-${run}@chaos.test`, password: 'x', firstName: 'Ada', lastName: 'Min', role: 'admin', isEmailVerified: true });
    const category = await Category.create({ name: `Chaos ${run}`, color: '#1f7a4d' });
    const course = await Course.create({ title: `Résilience ${run}`, slug: `resilience-${run}`, instructorId: instructor.id, categoryId: category.id, isPublished: true });
    const mod = await CourseModule.create({ courseId: course.id, title: 'Module 1', orderIndex: 1 });
    const lessons: Lesson[] = [];
    for (const i of [1, 2]) {
      lessons.push(await Lesson.create({ courseId: course.id, moduleId: mod.id, title: `Leçon ${i}`, contentType: 'text', orderIndex: i, isPublished: true }));
    }
    const learners: { id: number; email: string; token: string }[] = [];
    for (let i = 0; i < LEARNERS + 2; i++) {
      const u = await User.create({
        email: `learner${i}-${run}@chaos.test`,
        password: 'x',
        firstName: `Koffi${i}`,
        lastName: 'Chaos',
        role: 'student',
        isEmailVerified: true,
      });
      await Enrollment.create({ userId: u.id, courseId: course.id });
      learners.push({ id: u.id, email: u.email, token: (await createSession(u.id, { userAgent: 'chaos' })).token });
    }
    const adminToken = (await createSession(admin.id, { userAgent: 'chaos' })).token;
    const others = learners.slice(0, LEARNERS);
    const crashLearner = learners[LEARNERS];
    const redisLearner = learners[LEARNERS + 1];

    // --- Phase 1: API + a worker whose renders take 6 s; learners complete the course.
    let worker = await startWorker({ TEST_RENDER_DELAY_MS: '6000' });
    let api = await startApi();
    let http = trpcHttp(api.base, PUBLIC_URL);
    const complete = (l: { token: string }, lessonId: number) =>
      http.mutation('progress.completeLesson', { lessonId }, { bearer: l.token });
    for (const l of learners) expect((await complete(l, lessons[0].id)).status).toBe(200);
    const done = await Promise.all(others.map((l) => complete(l, lessons[1].id)));
    expect(done.map((r) => r.data?.courseCompleted)).toEqual(others.map(() => true));
    const certOf = async (l: { id: number }) => (await Certificate.findOne({ where: { userId: l.id, courseId: course.id } }))!;

    const target = await Certificate.findOne({ where: { userId: others[0].id, courseId: course.id } });
    const jobId = `render-certificate-${target!.id}`;
    const state = async () => (await certQueue.getJob(jobId))?.getState();
    const startedTimes = async () => (await certQueue.getJob(jobId))?.processedOn ?? 0;

    // --- Phase 2: kill -9 the worker while it renders that certificate, twice.
    await waitFor('render job active', async () => (await state()) === 'active');
    await kill9(worker);
    const firstStart = await startedTimes();
    worker = await startWorker({ TEST_RENDER_DELAY_MS: '6000' });
    // The new worker notices the dead lock, puts the job back (1st stall) and starts it again.
    await waitFor('render job restarted', async () => (await state()) === 'active' && (await startedTimes()) > firstStart, 60_000);
    await kill9(worker);
    worker = await startWorker({ TEST_RENDER_DELAY_MS: '6000' });
    // 2nd stall > WORKER_MAX_STALLED_COUNT: failed for good, as in the report.
    await waitFor('render job failed', async () => (await state()) === 'failed', 60_000);
    expect((await certQueue.getJob(jobId))!.failedReason).toMatch(/stalled more than allowable limit/);
    // Stop that worker gracefully: nothing may relay the API crash's rows before we look at them.
    worker.child.kill('SIGTERM');
    await worker.exited;

    // The self-heal of "my certificates" puts the failed render back in the queue (before, its
    // fixed id blocked every re-enqueue and the PDF answered 409 "being prepared" forever).
    const mine = await http.query('certificates.mine', undefined, { bearer: others[0].token });
    expect(mine.status).toBe(200);
    expect(await state()).toBe('waiting');

    // --- Redis restarts without persistence: everything it held is gone, relayed jobs included.
    expect((await complete(redisLearner, lessons[1].id)).data?.courseCompleted).toBe(true);
    const redisCert = await certOf(redisLearner);
    await waitFor('render relayed to Redis', async () => certQueue.getJob(`render-certificate-${redisCert.id}`));
    const [row] = await OutboxMessage.findAll({ where: { jobId: `render-certificate-${redisCert.id}` } });
    expect(row.sentAt).not.toBeNull(); // the outbox did its part…
    const keys = await redis.keys(`${PREFIX}:*`);
    await redis.del(...keys); // …and Redis lost it (as a restart with --save '' --appendonly no does)
    expect(await certQueue.getJob(`render-certificate-${redisCert.id}`)).toBeUndefined();

    // --- Phase 3: the API dies between the commit of a completion and its relay.
    api.child.kill('SIGTERM');
    await api.exited;
    api = await startApi({ TEST_CRASH_AFTER_COMMIT: 'true' });
    http = trpcHttp(api.base, PUBLIC_URL);
    await expect(complete(crashLearner, lessons[1].id)).rejects.toThrow(); // connection reset
    expect((await api.exited).signal).toBe('SIGKILL');
    // The fact is committed, its effects only exist as unsent outbox rows.
    const crashCert = await Certificate.findOne({ where: { userId: crashLearner.id, courseId: course.id } });
    expect(crashCert).not.toBeNull();
    expect(await certQueue.getJob(`render-certificate-${crashCert!.id}`)).toBeUndefined();
    const unsent = await OutboxMessage.findAll({ where: { sentAt: null, jobId: `render-certificate-${crashCert!.id}` } });
    expect(unsent).toHaveLength(1);

    // --- Phase 4: restart both (renders at normal speed), let them settle, run one repair sweep.
    worker = await startWorker();
    api = await startApi();
    http = trpcHttp(api.base, PUBLIC_URL);
    await waitFor('outbox relayed', async () => (await OutboxMessage.count({ where: { sentAt: null } })) === 0);
    await waitFor('queues idle', async () => {
      const c = await certQueue.getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    });
    const sweep = await http.mutation('admin.runRepair', undefined, { bearer: adminToken });
    expect(sweep.status).toBe(200);
    // At least the two renders Redis lost (the re-queued one and the new learner's), and that
    // learner's XP events.
    expect(sweep.data.certificates).toBeGreaterThanOrEqual(2);
    expect(sweep.data.ledgerEvents).toBeGreaterThanOrEqual(4); // lesson 2, module, course, certificate

    // --- Then: every certificate rendered and stored…
    const storage = createLocalStorage({ root: path.join(dataDir, 'uploads') });
    const certs = await waitFor(
      'every certificate rendered',
      async () => {
        const rows = await Certificate.findAll({ where: { courseId: course.id } });
        return rows.length === learners.length && rows.every((c) => c.pdfUrl) ? rows : null;
      },
      90_000,
      250,
    );
    for (const c of certs) expect(await storage.stat(certificateStorageKey(c.certificateCode)), c.certificateCode).toBeTruthy();
    expect((await Enrollment.findAll({ where: { courseId: course.id } })).map((e) => e.status)).toEqual(learners.map(() => 'certified'));

    // …every ledger row exactly once (the unique key makes "more than once" impossible; we check
    // each expected row is there and nothing else)…
    const expectedKeys = [
      `certificate_earned:course:${course.id}`,
      `course_completed:course:${course.id}`,
      `lesson_completed:lesson:${lessons[0].id}`,
      `lesson_completed:lesson:${lessons[1].id}`,
      `module_completed:module:${mod.id}`,
    ];
    await waitFor(
      'every ledger row',
      async () => (await XpLedger.count({ where: { userId: learners.map((l) => l.id) } })) >= learners.length * 5,
      60_000,
      250,
    );
    for (const l of learners) {
      const rows = await XpLedger.findAll({ where: { userId: l.id } });
      expect(rows.map((r) => `${r.reason}:${r.sourceType}:${r.sourceId}`).sort(), l.email).toEqual(expectedKeys);
    }

    // …and every certificate-ready mail received once by the SMTP server.
    for (const l of learners) await smtp.waitFor(l.email, /certificat/i, 60_000);
    await sleep(2000); // time for a duplicate to show up, if there were one
    for (const l of learners) {
      expect(smtp.mails.filter((m) => recipients(m).includes(l.email) && /certificat/i.test(m.subject ?? '')), l.email).toHaveLength(1);
    }

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    await Promise.all([worker.exited, api.exited]);
  });
});
