// Work that must happen only once a learning fact is committed: gamification events and the
// certificate rendering job. Collected during the transaction, published right after it.
import type { LearningEventType } from '@mdsc/jobs';
import type { CoreDeps } from '../deps';

export interface LearningEvent {
  userId: number;
  type: LearningEventType;
  sourceId: number;
  courseId: number;
  categoryId: number | null;
  occurredAt: Date;
  percentage?: number;
}

export class Effects {
  readonly events: LearningEvent[] = [];
  readonly certificatesToRender: number[] = [];

  event(e: LearningEvent): void {
    this.events.push(e);
  }

  renderCertificate(certificateId: number): void {
    this.certificatesToRender.push(certificateId);
  }
}

/**
 * Deterministic job ids: a replayed request or a retried transaction enqueues the same job, and the
 * processor's ledger is unique per (user, reason, source) anyway. BullMQ refuses ':' in custom ids
 * (outside its own repeat-job format), hence dashes.
 */
export const eventJobId = (e: Pick<LearningEvent, 'type' | 'userId' | 'sourceId'>) =>
  `evt-${e.type}-${e.userId}-${e.sourceId}`;
export const renderJobId = (certificateId: number) => `render-certificate-${certificateId}`;

/**
 * Enqueues after commit. The fact is already stored: a queue that is down must not turn a completed
 * lesson into an error for the learner, so failures are logged (the certificate job is enqueued
 * again by `certificates.mine` / the download route while its PDF is missing).
 */
export async function publishEffects(deps: Pick<CoreDeps, 'jobs' | 'logger'>, effects: Effects): Promise<void> {
  for (const e of effects.events) {
    try {
      await deps.jobs.enqueue(
        'gamification',
        'record-event',
        {
          userId: e.userId,
          type: e.type,
          sourceId: e.sourceId,
          courseId: e.courseId,
          categoryId: e.categoryId,
          occurredAt: e.occurredAt.toISOString(),
          ...(e.percentage === undefined ? {} : { percentage: e.percentage }),
        },
        { jobId: eventJobId(e) },
      );
    } catch (err) {
      deps.logger.error({ err, event: e }, 'could not enqueue learning event');
    }
  }
  for (const certificateId of effects.certificatesToRender) {
    await enqueueCertificateRender(deps, certificateId);
  }
}

export async function enqueueCertificateRender(
  deps: Pick<CoreDeps, 'jobs' | 'logger'>,
  certificateId: number,
): Promise<void> {
  try {
    await deps.jobs.enqueue('certificates', 'render-certificate', { certificateId }, { jobId: renderJobId(certificateId) });
  } catch (err) {
    deps.logger.error({ err, certificateId }, 'could not enqueue certificate rendering');
  }
}
