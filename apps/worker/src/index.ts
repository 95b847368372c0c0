// The processors, shared by the worker process (BullMQ) and the API in embedded mode (inline driver).
import type { CoreDeps } from '@mdsc/core';
import type { ProcessorMap } from '@mdsc/jobs';
import { certificatesProcessor, type CertificatesProcessorOptions } from './processors/certificates.processor';
import { gamificationProcessor } from './processors/gamification.processor';
import { mailProcessor } from './processors/mail.processor';
import { maintenanceProcessor } from './processors/maintenance.processor';
import { mediaProcessor } from './processors/media.processor';

export type WorkerDeps = CoreDeps;

export function createProcessors(deps: WorkerDeps, opts: CertificatesProcessorOptions = {}): ProcessorMap {
  return {
    certificates: certificatesProcessor(deps, opts),
    gamification: gamificationProcessor(deps),
    mail: mailProcessor(deps),
    maintenance: maintenanceProcessor(deps),
    media: mediaProcessor(deps),
  };
}

/** Repeatable jobs, upserted on boot (BullMQ job schedulers; an interval timer in embedded mode). */
export const SCHEDULES = [
  { queue: 'maintenance', name: 'purge-expired', everyMs: 60 * 60 * 1000 },
  // Hourly: the platform's midnight falls on some hour whatever its time zone.
  { queue: 'maintenance', name: 'reset-streaks', everyMs: 60 * 60 * 1000 },
  { queue: 'maintenance', name: 'roll-challenges', everyMs: 60 * 60 * 1000 },
  // Facts without their effect (failed or lost jobs) are re-run; see runRepairSweep.
  { queue: 'maintenance', name: 'repair-sweep', everyMs: 15 * 60 * 1000 },
] as const;
