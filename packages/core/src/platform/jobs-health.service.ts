import type { QueueCounts } from '@mdsc/jobs';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError } from '../errors';

export interface JobHealth {
  driver: 'bullmq' | 'inline';
  checkedAt: string;
  /** False when the job driver cannot report counts (then `queues` is empty). */
  supported: boolean;
  queues: QueueCounts[];
}

/** Per-queue job counts for the admin health page: BullMQ counts in full mode, this process's in embedded mode. */
export async function getJobHealth(deps: Pick<CoreDeps, 'jobs' | 'clock'>, actor: Actor): Promise<JobHealth> {
  if (actor.role !== 'admin') throw new ForbiddenError('admin_only');
  const queues = deps.jobs.counts ? await deps.jobs.counts() : null;
  return {
    driver: deps.jobs.driver,
    checkedAt: deps.clock.now().toISOString(),
    supported: queues !== null,
    queues: (queues ?? []).slice().sort((a, b) => a.queue.localeCompare(b.queue)),
  };
}
