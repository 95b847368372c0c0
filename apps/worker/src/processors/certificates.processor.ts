import { renderCertificate, type CoreDeps } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

export interface CertificatesProcessorOptions {
  /**
   * Test only (TEST_RENDER_DELAY_MS): the render takes this much longer, as a slow one would, so
   * that the chaos test can kill the worker while the job is active. 0 in production.
   */
  renderDelayMs?: number;
}

/** Queue `certificates`: the PDF of an issued certificate (idempotent: same file, one notification). */
export function certificatesProcessor(deps: CoreDeps, opts: CertificatesProcessorOptions = {}) {
  return async (job: JobContext) => {
    switch (job.name) {
      case 'render-certificate': {
        const { certificateId } = parsePayload('certificates', job.name, job.data) as { certificateId: number };
        if (opts.renderDelayMs) await new Promise((r) => setTimeout(r, opts.renderDelayMs));
        return renderCertificate(deps, certificateId);
      }
      default:
        throw new Error(`certificates: no handler for job ${job.name}`);
    }
  };
}
