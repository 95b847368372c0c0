// Work that must happen only once a learning fact is committed: gamification events and the
// certificate rendering job. Collected during the transaction, written to the outbox at its end.
import type { LearningEventType } from '@mdsc/jobs';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { outboxJobs, type OutboxJobInput } from '../outbox/writer';

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

/** The job that turns a learning event into XP, streaks, challenges and badges. */
export function eventJob(e: LearningEvent, jobId = eventJobId(e)): OutboxJobInput {
  return {
    queue: 'gamification',
    name: 'record-event',
    payload: {
      userId: e.userId,
      type: e.type,
      sourceId: e.sourceId,
      courseId: e.courseId,
      categoryId: e.categoryId,
      occurredAt: e.occurredAt.toISOString(),
      ...(e.percentage === undefined ? {} : { percentage: e.percentage }),
    },
    jobId,
  };
}

export function renderCertificateJob(
  certificateId: number,
  jobId = renderJobId(certificateId),
): OutboxJobInput {
  return { queue: 'certificates', name: 'render-certificate', payload: { certificateId }, jobId };
}

/**
 * Writes the collected effects to the outbox, in the transaction of the facts (the last statement
 * before its commit): the events and renders exist exactly when the facts do.
 */
export async function writeEffects(
  deps: Partial<CoreDeps>,
  effects: Effects,
  tx: Transaction,
): Promise<void> {
  await outboxJobs(deps, tx, effectJobs(effects));
}

/** The collected effects as outbox jobs (for callers that write them with other outbox rows). */
export function effectJobs(effects: Effects): OutboxJobInput[] {
  return [...effects.events.map((e) => eventJob(e)), ...effects.certificatesToRender.map((id) => renderCertificateJob(id))];
}
