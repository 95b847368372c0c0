import type { JobName, JobPayload, QueueName } from './definitions';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id while the first exists is a no-op. */
  jobId?: string;
  delayMs?: number;
  /** Drop the job from Redis once done (payloads holding secrets, e.g. single-use links). */
  removeOnComplete?: boolean;
  /**
   * When a job with `jobId` exists and has failed, retry it instead of doing nothing (its fixed id
   * would otherwise block every later enqueue until the failed job is removed).
   */
  retryFailed?: boolean;
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
  /** The most recent failed jobs of a queue, newest first (admin job page). */
  failed?(queue: QueueName, limit: number): Promise<FailedJob[]>;
  /** Moves a failed job back to waiting with fresh attempts; false when no such failed job exists. */
  retry?(queue: QueueName, jobId: string): Promise<boolean>;
}

/** What the admin page shows of a failed job: never its data (mails hold addresses and links). */
export interface FailedJob {
  queue: QueueName;
  id: string;
  name: string;
  error: string;
  attemptsMade: number;
  /** When it failed for the last time (ISO). */
  failedAt: string | null;
  createdAt: string | null;
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
