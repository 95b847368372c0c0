import { purgeExpired, resetBrokenStreaks, rollChallenges, runRepairSweep, type CoreDeps } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

export function maintenanceProcessor(deps: CoreDeps) {
  return async (job: JobContext) => {
    parsePayload('maintenance', job.name, job.data);
    switch (job.name) {
      case 'purge-expired': {
        const removed = await purgeExpired(deps);
        deps.logger.info({ removed }, 'purged expired sessions and tokens');
        return removed;
      }
      case 'reset-streaks': {
        const reset = await resetBrokenStreaks(deps);
        deps.logger.info({ reset }, 'reset broken daily streaks');
        return reset;
      }
      case 'roll-challenges': {
        const rolled = await rollChallenges(deps);
        deps.logger.info(rolled, 'rolled challenge windows');
        return rolled;
      }
      case 'repair-sweep':
        // Logs its own report; the default grace leaves jobs still in flight alone.
        return runRepairSweep(deps);
      default:
        throw new Error(`maintenance: no handler for job ${job.name}`);
    }
  };
}
