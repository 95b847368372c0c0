// The processors, shared by the worker process (BullMQ) and the API in embedded mode (inline driver).
import type { CoreDeps } from '@mdsc/core';
import type { ProcessorMap } from '@mdsc/jobs';
import { mailProcessor } from './processors/mail.processor';
import { maintenanceProcessor } from './processors/maintenance.processor';
import { mediaProcessor } from './processors/media.processor';

export type WorkerDeps = CoreDeps;

export function createProcessors(deps: WorkerDeps): ProcessorMap {
  return {
    mail: mailProcessor(deps),
    maintenance: maintenanceProcessor(deps),
    media: mediaProcessor(deps),
  };
}

/** Repeatable jobs, upserted on boot (BullMQ job schedulers; an interval timer in embedded mode). */
export const SCHEDULES = [{ queue: 'maintenance', name: 'purge-expired', everyMs: 60 * 60 * 1000 }] as const;
