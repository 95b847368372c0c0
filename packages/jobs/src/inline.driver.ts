import { parsePayload, RETRY_POLICY } from './definitions';
import type { JobContext, JobQueue, ProcessorMap } from './types';

interface InlineLogger {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Embedded mode: the same processors run in this process, after the request returns, with the
 * same retry policy as BullMQ. `idle()` resolves when no job is pending (used by tests and shutdown).
 */
export function createInlineJobQueue(
  processors: ProcessorMap,
  logger: InlineLogger,
  policy: { attempts: number; backoffMs: number } = RETRY_POLICY,
): JobQueue & { idle(): Promise<void> } {
  const active = new Set<string>();
  const pending = new Set<Promise<void>>();
  let seq = 0;
  let closed = false;

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function run(queue: string, job: JobContext, handler: (j: JobContext) => Promise<unknown>) {
    await new Promise((r) => setImmediate(r));
    for (let attempt = 0; attempt < policy.attempts; attempt++) {
      try {
        await handler({ ...job, attemptsMade: attempt });
        return;
      } catch (err) {
        const last = attempt === policy.attempts - 1;
        logger[last ? 'error' : 'warn']({ err, queue, job: job.name, id: job.id, attempt: attempt + 1 }, 'job failed');
        if (last || closed) return;
        await sleep(policy.backoffMs * 2 ** attempt);
      }
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
      active.add(id);
      const job: JobContext = { id, name, data, attemptsMade: 0 };
      const p: Promise<void> = (opts.delayMs ? sleep(opts.delayMs) : Promise.resolve())
        .then(() => run(queue, job, handler))
        .finally(() => {
          active.delete(id);
          pending.delete(p);
        });
      pending.add(p);
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async close() {
      closed = true;
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
