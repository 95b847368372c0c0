// admin.jobHealth through the tRPC caller, full mode: real MariaDB, real Redis with BullMQ queues under
// a prefix of our own; a real BullMQ worker completes one job and fails another.
import { randomBytes } from 'node:crypto';
import { appRouter } from '@mdsc/api';
import { createLogger, systemClock, type Actor, type CoreDeps } from '@mdsc/core';
import { createDatabase, User } from '@mdsc/db';
import { createBullmqJobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import type { TRPCError } from '@trpc/server';
import { QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = randomBytes(4).toString('hex');
const prefix = `t-jobhealth-${run}`;
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
const jobs = createBullmqJobQueue(redis, prefix);
const deps = {
  db,
  clock: systemClock,
  logger: createLogger('test', 'silent'),
  jobs,
  config: { publicUrl: 'http://app.test', timezone: 'UTC', dataDir: '/tmp' },
  storage: createLocalStorage({ root: '/tmp/mdsc-jobhealth-storage' }),
} as unknown as CoreDeps;

async function actor(role: Actor['role']): Promise<Actor> {
  const u = await User.create({
    email: `jh-${role}-${run}@job-health.test`,
    password: 'x',
    firstName: 'Aïcha',
    lastName: 'Houngbédji',
    role,
    isEmailVerified: true,
  });
  return { id: u.id, role, emailVerified: true, locale: 'fr' };
}
const as = (a: Actor | null) =>
  appRouter.createCaller({ deps, redis, req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' }, actor: a });

let admin: Actor;
let student: Actor;
beforeAll(async () => {
  admin = await actor('admin');
  student = await actor('student');
});
afterAll(async () => {
  await jobs.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.close();
});

describe('admin.jobHealth', () => {
  it('is for admins only', async () => {
    await expect(as(student).admin.jobHealth()).rejects.toMatchObject({ code: 'FORBIDDEN' } satisfies Partial<TRPCError>);
    await expect(as(null).admin.jobHealth()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('reports waiting, delayed, completed and failed jobs per queue from BullMQ', async () => {
    const before = await as(admin).admin.jobHealth();
    expect(before.driver).toBe('bullmq');
    expect(before.supported).toBe(true);
    expect(before.queues.map((q) => q.queue)).toEqual(['certificates', 'gamification', 'mail', 'maintenance', 'media']);
    expect(before.queues.every((q) => q.waiting + q.active + q.delayed + q.failed + q.completed === 0)).toBe(true);

    await jobs.enqueue('maintenance', 'purge-expired', {});
    await jobs.enqueue('maintenance', 'reset-streaks', {}, { delayMs: 3_600_000 });
    const queued = (await as(admin).admin.jobHealth()).queues.find((q) => q.queue === 'maintenance')!;
    expect(queued).toMatchObject({ waiting: 1, delayed: 1, active: 0, failed: 0, completed: 0 });

    // One job succeeds and one fails for good (attempts: 1) on the certificates queue.
    const [c1, c2] = [redis.duplicate(), redis.duplicate()];
    const events = new QueueEvents('certificates', { connection: c1, prefix });
    await events.waitUntilReady();
    const worker = new Worker(
      'certificates',
      async (job) => {
        if ((job.data as { certificateId: number }).certificateId === 2) throw new Error('render failed');
      },
      { connection: c2, prefix },
    );
    const settled = new Promise<void>((resolve) => {
      let n = 0;
      const done = () => void (++n === 2 && resolve());
      events.on('completed', done);
      events.on('failed', done);
    });
    await jobs.queues.get('certificates')!.add('render-certificate', { certificateId: 1 });
    await jobs.queues.get('certificates')!.add('render-certificate', { certificateId: 2 }, { attempts: 1 });
    await settled;
    await worker.close();
    await events.close();
    await Promise.all([c1.quit(), c2.quit()]);

    const after = (await as(admin).admin.jobHealth()).queues.find((q) => q.queue === 'certificates')!;
    expect(after).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 1 });
    expect((await as(admin).admin.jobHealth()).outbox).toMatchObject({ unsent: expect.any(Number) });

    // The failed job is listed (name, error, attempts, time — not its data) and can be retried.
    const failed = await as(admin).admin.failedJobs();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ queue: 'certificates', name: 'render-certificate', error: 'render failed', attemptsMade: 1 });
    expect(failed[0].failedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(failed[0]).not.toHaveProperty('data');
    await expect(as(student).admin.failedJobs()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(student).admin.retryJob({ queue: 'certificates', jobId: failed[0].id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(admin).admin.retryJob({ queue: 'nope' as 'mail', jobId: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(as(admin).admin.retryJob({ queue: 'certificates', jobId: 'no-such-job' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await as(admin).admin.retryJob({ queue: 'certificates', jobId: failed[0].id })).toEqual({ retried: true });
    const retried = await jobs.queues.get('certificates')!.getJob(failed[0].id);
    expect(await retried!.getState()).toBe('waiting');
    expect(retried!.attemptsMade).toBe(0);
    expect(await as(admin).admin.failedJobs()).toEqual([]);
    // A second click on a job no longer failed: not found, nothing re-queued twice.
    await expect(as(admin).admin.retryJob({ queue: 'certificates', jobId: failed[0].id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 20_000);

  it('runs the repair sweep on demand, for admins only', async () => {
    await expect(as(student).admin.runRepair()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const report = await as(admin).admin.runRepair();
    expect(report).toMatchObject({
      ranAt: expect.any(String),
      certificates: expect.any(Number),
      ledgerEvents: expect.any(Number),
      badgeEvaluations: expect.any(Number),
      badgePdfs: expect.any(Number),
      mails: expect.any(Number),
    });
  }, 30_000);
});
