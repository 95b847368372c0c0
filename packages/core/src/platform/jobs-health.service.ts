import { QUEUE_NAMES, type FailedJob, type QueueCounts, type QueueName } from '@mdsc/jobs';
import { OutboxMessage } from '@mdsc/db';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';
import { runRepairSweep, type RepairReport } from '../outbox/repair';

export interface JobHealth {
  driver: 'bullmq' | 'inline';
  checkedAt: string;
  /** False when the job driver cannot report counts (then `queues` is empty). */
  supported: boolean;
  queues: QueueCounts[];
  /** Outbox rows not relayed yet, and the oldest one's age: a growing number means the queue is down. */
  outbox: { unsent: number; oldestUnsentAt: string | null };
}

function assertAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new ForbiddenError('admin_only');
}

/** Per-queue job counts for the admin health page: BullMQ counts in full mode, this process's in embedded mode. */
export async function getJobHealth(deps: Pick<CoreDeps, 'jobs' | 'clock'>, actor: Actor): Promise<JobHealth> {
  assertAdmin(actor);
  const queues = deps.jobs.counts ? await deps.jobs.counts() : null;
  const [unsent, oldest] = await Promise.all([
    OutboxMessage.count({ where: { sentAt: null } }),
    OutboxMessage.findOne({ attributes: ['createdAt'], where: { sentAt: null }, order: [['id', 'ASC']] }),
  ]);
  return {
    driver: deps.jobs.driver,
    checkedAt: deps.clock.now().toISOString(),
    supported: queues !== null,
    queues: (queues ?? []).slice().sort((a, b) => a.queue.localeCompare(b.queue)),
    outbox: { unsent, oldestUnsentAt: oldest ? new Date(oldest.createdAt).toISOString() : null },
  };
}

export const FAILED_JOBS_PER_QUEUE = 20;

/** The latest failed jobs of every queue (name, error, attempts, time; never their data). */
export async function listFailedJobs(deps: Pick<CoreDeps, 'jobs'>, actor: Actor): Promise<FailedJob[]> {
  assertAdmin(actor);
  const { jobs } = deps;
  if (!jobs.failed) return [];
  const lists = await Promise.all(QUEUE_NAMES.map((q) => jobs.failed!(q, FAILED_JOBS_PER_QUEUE)));
  return lists.flat().sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
}

/** Retries one failed job (attempts reset); processors are idempotent, so a retry never double-counts. */
export async function retryFailedJob(
  deps: Pick<CoreDeps, 'jobs' | 'logger'>,
  actor: Actor,
  input: { queue: QueueName; jobId: string },
): Promise<{ retried: true }> {
  assertAdmin(actor);
  if (!deps.jobs.retry || !(await deps.jobs.retry(input.queue, input.jobId))) {
    throw new NotFoundError('Failed job', { queue: input.queue, jobId: input.jobId });
  }
  deps.logger.info(
    { queue: input.queue, jobId: input.jobId, by: actor.id },
    'failed job retried by an admin',
  );
  return { retried: true };
}

/**
 * "Run repair now": the sweep at once, without the scheduled run's grace period — an admin asking
 * wants everything missing re-run now, and a duplicate of a job still in flight is a no-op.
 */
export async function runRepairNow(deps: CoreDeps, actor: Actor): Promise<RepairReport> {
  assertAdmin(actor);
  deps.logger.info({ by: actor.id }, 'repair sweep requested by an admin');
  return runRepairSweep(deps, { olderThanMs: 0 });
}
