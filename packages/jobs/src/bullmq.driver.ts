import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parsePayload, QUEUE_NAMES, RETRY_POLICY, type QueueName } from './definitions';
import type { FailedJob, JobQueue } from './types';

export const DEFAULT_JOB_OPTIONS = {
  attempts: RETRY_POLICY.attempts,
  backoff: { type: 'exponential', delay: RETRY_POLICY.backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** Full mode: jobs go to Redis through BullMQ and are run by the worker process(es). */
export function createBullmqJobQueue(
  connection: Redis,
  prefix = 'bull',
): JobQueue & { queues: Map<QueueName, Queue> } {
  const queues = new Map<QueueName, Queue>();
  for (const name of QUEUE_NAMES) {
    queues.set(name, new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }));
  }
  const queueOf = (name: QueueName) => {
    const q = queues.get(name);
    if (!q) throw new Error(`Unknown queue ${name}`);
    return q;
  };
  return {
    driver: 'bullmq',
    queues,
    async enqueue(queue, name, payload, opts = {}) {
      const data = parsePayload(queue, name, payload);
      const q = queueOf(queue);
      // add() with the id of an existing job returns that job untouched (the dedupe we rely on).
      const job = await q.add(name, data, {
        jobId: opts.jobId,
        delay: opts.delayMs,
        ...(opts.removeOnComplete ? { removeOnComplete: true } : {}),
      });
      if (opts.retryFailed && opts.jobId && (await job.getState()) === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      }
    },
    async counts() {
      return Promise.all(
        [...queues.entries()].map(async ([queue, q]) => {
          const c = await q.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'completed',
            'prioritized',
          );
          return {
            queue,
            // Prioritised jobs are waiting too, from an operator's point of view.
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            completed: c.completed ?? 0,
          };
        }),
      );
    },
    async failed(queue, limit) {
      const jobs = await queueOf(queue).getFailed(0, Math.max(0, limit - 1));
      return jobs
        .filter((j) => j && j.id)
        .map((j): FailedJob => ({
          queue,
          id: String(j.id),
          name: j.name,
          error: (j.failedReason ?? '').slice(0, 500),
          attemptsMade: j.attemptsMade ?? 0,
          failedAt: iso(j.finishedOn),
          createdAt: iso(j.timestamp),
        }));
    },
    async retry(queue, jobId) {
      const job = await queueOf(queue).getJob(jobId);
      if (!job || (await job.getState()) !== 'failed') return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
