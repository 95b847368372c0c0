import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parsePayload, QUEUE_NAMES, RETRY_POLICY, type QueueName } from './definitions';
import type { JobQueue } from './types';

export const DEFAULT_JOB_OPTIONS = {
  attempts: RETRY_POLICY.attempts,
  backoff: { type: 'exponential', delay: RETRY_POLICY.backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Full mode: jobs go to Redis through BullMQ and are run by the worker process(es). */
export function createBullmqJobQueue(connection: Redis, prefix = 'bull'): JobQueue & { queues: Map<QueueName, Queue> } {
  const queues = new Map<QueueName, Queue>();
  for (const name of QUEUE_NAMES) {
    queues.set(name, new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }));
  }
  return {
    driver: 'bullmq',
    queues,
    async enqueue(queue, name, payload, opts = {}) {
      const data = parsePayload(queue, name, payload);
      await queues.get(queue)!.add(name, data, {
        jobId: opts.jobId,
        delay: opts.delayMs,
        ...(opts.removeOnComplete ? { removeOnComplete: true } : {}),
      });
    },
    async counts() {
      return Promise.all(
        [...queues.entries()].map(async ([queue, q]) => {
          const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
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
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
