import { createMailer, sendTemplatedMail, type CoreDeps, type Mailer, type SendMailPayload } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

/**
 * The `mail` queue. A failed delivery throws, so the job is retried with backoff (BullMQ, or the
 * inline driver's same policy). Delivery is at-least-once: a crash between the SMTP server's
 * acceptance and the job's completion can send a message twice, which for these mails is harmless.
 */
export function mailProcessor(deps: CoreDeps) {
  let mailer: Mailer | null = null; // created on first use: no SMTP connection for an idle worker
  return async (job: JobContext) => {
    const payload = parsePayload('mail', job.name, job.data);
    switch (job.name) {
      case 'send-mail': {
        mailer ??= createMailer(deps.config);
        return sendTemplatedMail(deps, mailer, payload as SendMailPayload);
      }
      default:
        throw new Error(`mail: no handler for job ${job.name}`);
    }
  };
}
