import type { JobName, JobPayload, QueueName } from './definitions';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id while the first exists is a no-op. */
  jobId?: string;
  delayMs?: number;
  /** Drop the job from Redis once done (payloads holding secrets, e.g. single-use links). */
  removeOnComplete?: boolean;
}

export interface JobQueue {
  readonly driver: 'bullmq' | 'inline';
  enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    payload: JobPayload<Q, N>,
    opts?: EnqueueOptions,
  ): Promise<void>;
  close(): Promise<void>;
  /** Per-queue job counts for the admin health page (optional so test doubles need not implement it). */
  counts?(): Promise<QueueCounts[]>;
}

export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface JobContext {
  id: string;
  name: string;
  data: unknown;
  attemptsMade: number;
}

/** One handler per queue; it switches on `job.name` and parses `job.data` with `parsePayload`. */
export type ProcessorMap = Partial<Record<QueueName, (job: JobContext) => Promise<unknown>>>;
