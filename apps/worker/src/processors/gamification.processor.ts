import { evaluateBadges, recordLearningEvent, renderUserBadgePdf, type CoreDeps, type LearningEvent } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

/**
 * Queue `gamification`. Every handler is idempotent (ledger and user_badges are unique, the PDF is
 * overwritten), so BullMQ's at-least-once delivery and retries never pay or award twice.
 */
export function gamificationProcessor(deps: CoreDeps) {
  return async (job: JobContext) => {
    const payload = parsePayload('gamification', job.name, job.data);
    switch (job.name) {
      case 'record-event':
        return recordLearningEvent(deps, payload as LearningEvent);
      case 'evaluate-badges':
        return evaluateBadges(deps, (payload as { userId: number }).userId);
      case 'render-badge':
        return renderUserBadgePdf(deps, (payload as { userBadgeId: number }).userBadgeId);
      default:
        throw new Error(`gamification: no handler for job ${job.name}`);
    }
  };
}
