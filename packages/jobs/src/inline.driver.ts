import { parsePayload, QUEUE_NAMES, RETRY_POLICY, type QueueName } from './definitions';
import type { FailedJob, JobContext, JobQueue, ProcessorMap, QueueCounts } from './types';

interface InlineLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Embedded mode: the same processors run in this process, after the request returns, with the
 * same retry policy as BullMQ. `idle()` resolves when no job is pending (used by tests and shutdown);
 * `idle({ except })` does not wait for jobs of those names (slow ones nobody waits for).
 */
export function createInlineJobQueue(
  processors: ProcessorMap,
  logger: InlineLogger,
  policy: { attempts: number; backoffMs: number } = RETRY_POLICY,
): JobQueue & { idle(opts?: { except?: string[] }): Promise<void> } {
  const active = new Set<string>();
  /** Running or waiting jobs, with their names. */
  const pending = new Map<Promise<void>, string>();
  let seq = 0;
  let closed = false;
  // What this process has seen since it started (nothing is persisted in embedded mode).
  const stats = new Map<QueueName, QueueCounts>(
    QUEUE_NAMES.map((queue) => [
      queue,
      { queue, waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
    ]),
  );

  // Failed jobs of this process (newest last), for the admin page and its retry button.
  const failedJobs = new Map<
    string,
    { queue: QueueName; job: JobContext; error: string; failedAt: Date; createdAt: Date }
  >();
  const MAX_FAILED_KEPT = 200;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function run(queue: QueueName, job: JobContext, handler: (j: JobContext) => Promise<unknown>) {
    const s = stats.get(queue)!;
    const createdAt = new Date();
    await new Promise((r) => setImmediate(r));
    s.waiting--;
    s.active++;
    try {
      for (let attempt = 0; attempt < policy.attempts; attempt++) {
        try {
          await handler({ ...job, attemptsMade: attempt });
          s.completed++;
          return;
        } catch (err) {
          const last = attempt === policy.attempts - 1;
          logger[last ? 'error' : 'warn'](
            { err, queue, job: job.name, id: job.id, attempt: attempt + 1 },
            'job failed',
          );
          if (last || closed) {
            s.failed++;
            failedJobs.delete(job.id);
            failedJobs.set(job.id, {
              queue,
              job,
              error: String((err as Error)?.message ?? err).slice(0, 500),
              failedAt: new Date(),
              createdAt,
            });
            if (failedJobs.size > MAX_FAILED_KEPT) failedJobs.delete(failedJobs.keys().next().value!);
            return;
          }
          await sleep(policy.backoffMs * 2 ** attempt);
        }
      }
    } finally {
      s.active--;
    }
  }

  return {
    driver: 'inline',
    async enqueue(queue, name, payload, opts = {}) {
      const data = parsePayload(queue, name, payload);
      const handler = processors[queue];
      if (!handler) throw new Error(`No processor for queue ${queue}`);
      const id = opts.jobId ?? `inline-${++seq}`;
      if (active.has(id)) return;
      // A new enqueue is a retry of a failed job with the same id (nothing is kept otherwise).
      if (failedJobs.delete(id)) stats.get(queue)!.failed--;
      active.add(id);
      const job: JobContext = { id, name, data, attemptsMade: 0 };
      const s = stats.get(queue)!;
      if (opts.delayMs) s.delayed++;
      else s.waiting++;
      const p: Promise<void> = (opts.delayMs ? sleep(opts.delayMs) : Promise.resolve())
        .then(() => {
          if (opts.delayMs) {
            s.delayed--;
            s.waiting++;
          }
          return run(queue, job, handler);
        })
        .finally(() => {
          active.delete(id);
          pending.delete(p);
        });
      pending.set(p, name);
    },
    async counts() {
      return [...stats.values()].map((c) => ({ ...c }));
    },
    async failed(queue, limit) {
      return [...failedJobs.values()]
        .filter((f) => f.queue === queue)
        .reverse()
        .slice(0, limit)
        .map((f): FailedJob => ({
          queue,
          id: f.job.id,
          name: f.job.name,
          error: f.error,
          attemptsMade: policy.attempts,
          failedAt: f.failedAt.toISOString(),
          createdAt: f.createdAt.toISOString(),
        }));
    },
    async retry(queue, jobId) {
      const f = failedJobs.get(jobId);
      if (!f || f.queue !== queue) return false;
      await this.enqueue(queue, f.job.name as never, f.job.data as never, { jobId });
      return true;
    },
    async idle(opts = {}) {
      const awaited = () => [...pending].filter(([, name]) => !opts.except?.includes(name)).map(([p]) => p);
      for (let ps = awaited(); ps.length; ps = awaited()) await Promise.allSettled(ps);
    },
    async close() {
      closed = true;
      while (pending.size) await Promise.allSettled([...pending.keys()]);
    },
  };
}
