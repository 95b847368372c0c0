// The gamification processors through real BullMQ (Redis) and MariaDB: a course completion
// delivered twice (two job ids, processed concurrently) and evaluate-badges delivered twice award
// the {"type":"course_completion","value":1} badge once, with one notification and one PDF.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoreDeps } from '@mdsc/core';
import { Badge, Category, Course, createDatabase, Notification, User, UserBadge, XpLedger } from '@mdsc/db';
import { createBullmqJobQueue, QUEUE_NAMES } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessors } from './index';

const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-gamification-${run}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const jobs = createBullmqJobQueue(redis, PREFIX);
let storageRoot: string;
let deps: CoreDeps;
const workers: Worker[] = [];
const failures: unknown[] = [];

beforeAll(async () => {
  storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-gam-worker-'));
  deps = {
    db,
    clock: { now: () => new Date() },
    logger: { info() {}, warn() {}, error() {} },
    jobs,
    storage: createLocalStorage({ root: storageRoot }),
    config: { publicUrl: 'http://app.test', timezone: 'Africa/Porto-Novo', dataDir: storageRoot },
  };
  const processors = createProcessors(deps);
  for (const queue of QUEUE_NAMES) {
    const handler = processors[queue];
    if (!handler) continue;
    const w = new Worker(
      queue,
      (job) => handler({ id: job.id ?? '', name: job.name, data: job.data, attemptsMade: job.attemptsMade }),
      { connection: redis.duplicate(), prefix: PREFIX, concurrency: 5 },
    );
    w.on('failed', (job, err) => failures.push({ name: job?.name, err }));
    workers.push(w);
  }
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await jobs.close();
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.close();
  await fs.rm(storageRoot, { recursive: true, force: true });
});

/** Until the gamification queue has nothing waiting, active or delayed (follow-up jobs included). */
async function drained(queue: Queue, minCompleted: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    if (c.waiting + c.active + c.delayed + c.prioritized === 0 && c.completed + c.failed >= minCompleted) return c;
    if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(c)}`);
    await sleep(50);
  }
}

describe('gamification worker (BullMQ)', () => {
  it('awards a course-completion badge once although the jobs are delivered twice', async () => {
    const badge = await Badge.create({
      name: `Premier cours ${run}`,
      tier: 'bronze',
      criteria: { type: 'course_completion', value: 1 },
    });
    const u = await User.create({ email: `w-${run}@gamification.test`, password: 'x', firstName: 'Sèna', lastName: 'Houngbo' });
    const instructor = await User.create({ email: `wi-${run}@gamification.test`, password: 'x', firstName: 'I', lastName: 'N', role: 'instructor' });
    const cat = await Category.create({ name: `Worker ${run}`, color: '#000000' });
    const course = await Course.create({ title: `Cours ${run}`, slug: `cours-w-${run}`, instructorId: instructor.id, categoryId: cat.id });

    const event = {
      userId: u.id,
      type: 'course_completed' as const,
      sourceId: course.id,
      courseId: course.id,
      categoryId: cat.id,
      occurredAt: new Date().toISOString(),
    };
    // The same fact delivered twice under two job ids (at-least-once delivery, or a producer retry).
    await Promise.all([
      jobs.enqueue('gamification', 'record-event', event, { jobId: `course-done-${run}-a` }),
      jobs.enqueue('gamification', 'record-event', event, { jobId: `course-done-${run}-b` }),
    ]);
    const queue = new Queue('gamification', { connection: redis, prefix: PREFIX });
    await drained(queue, 2);
    // And the badge evaluation itself delivered twice more.
    await Promise.all([
      jobs.enqueue('gamification', 'evaluate-badges', { userId: u.id, reason: 'test' }, { jobId: `eval-${run}-a` }),
      jobs.enqueue('gamification', 'evaluate-badges', { userId: u.id, reason: 'test' }, { jobId: `eval-${run}-b` }),
    ]);
    const counts = await drained(queue, 4);
    expect(counts.failed).toBe(0);
    expect(failures).toEqual([]);

    expect(await XpLedger.count({ where: { userId: u.id, reason: 'course_completed' } })).toBe(1);
    const held = await UserBadge.findAll({ where: { userId: u.id, badgeId: badge.id } });
    expect(held).toHaveLength(1);
    const notes = (await Notification.findAll({ where: { userId: u.id } })).map(
      (n) => JSON.parse(n.payload) as { type: string; data: { badgeId: number } },
    );
    expect(notes.filter((n) => n.type === 'badge_earned' && n.data.badgeId === badge.id)).toHaveLength(1);
    // No badge notified twice, whatever other active badges this user also earned.
    const notified = notes.filter((n) => n.type === 'badge_earned').map((n) => n.data.badgeId);
    expect(new Set(notified).size).toBe(notified.length);

    // The render-badge job stored the holder's PDF.
    const renders = (await queue.getJobs(['completed'])).filter(
      (j) => j.name === 'render-badge' && (j.data as { userBadgeId: number }).userBadgeId === held[0].id,
    );
    expect(renders).toHaveLength(1);
    const pdf = path.join(storageRoot, 'badges', `user-badge-${held[0].id}.pdf`);
    expect(execFileSync('pdftotext', [pdf, '-']).toString()).toContain(`Premier cours ${run}`);
    await queue.close();
  });
});
