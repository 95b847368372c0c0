import { renderCertificate, type CoreDeps } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

/** Queue `certificates`: the PDF of an issued certificate (idempotent: same file, one notification). */
export function certificatesProcessor(deps: CoreDeps) {
  return async (job: JobContext) => {
    switch (job.name) {
      case 'render-certificate': {
        const { certificateId } = parsePayload('certificates', job.name, job.data) as { certificateId: number };
        return renderCertificate(deps, certificateId);
      }
      default:
        throw new Error(`certificates: no handler for job ${job.name}`);
    }
  };
}
