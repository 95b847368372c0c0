import type { JobPayload, MailTemplate } from '@mdsc/jobs';
import type { Locale } from '@mdsc/validators';
import type { CoreDeps } from '../deps';
import type { Mailer } from './mailer';
import { renderMail } from './templates';

export type SendMailPayload = JobPayload<'mail', 'send-mail'>;

/** The `mail/send-mail` job: render the template in the user's language and hand it to the mailer. */
export async function sendTemplatedMail(
  deps: Pick<CoreDeps, 'logger'>,
  mailer: Mailer,
  payload: SendMailPayload,
): Promise<{ messageId: string }> {
  const rendered = renderMail(payload.template, payload.locale, payload.data);
  const { messageId, file } = await mailer.send({ to: payload.to, ...rendered });
  // Never log data: it holds single-use links.
  deps.logger.info({ template: payload.template, messageId, file }, 'mail sent');
  return { messageId };
}

/**
 * Enqueues a templated mail: services never send inline in a request. `jobId` makes a retried
 * request enqueue once; removeOnComplete keeps the single-use links out of Redis once sent.
 */
export async function enqueueMail(
  deps: Pick<CoreDeps, 'jobs'>,
  to: string,
  locale: Locale,
  template: MailTemplate,
  data: Record<string, string>,
  jobId?: string,
): Promise<void> {
  await deps.jobs.enqueue('mail', 'send-mail', { to, locale, template, data }, { jobId, removeOnComplete: true });
}
