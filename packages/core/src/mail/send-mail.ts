import { OutboxMessage } from '@mdsc/db';
import type { JobPayload, MailTemplate } from '@mdsc/jobs';
import type { Locale } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { outboxJobs, withOutboxTransaction, type OutboxJobInput } from '../outbox/writer';
import type { Mailer } from './mailer';
import { renderMail } from './templates';

export type SendMailPayload = JobPayload<'mail', 'send-mail'>;

export interface SendMailResult {
  messageId: string | null;
  /** Why nothing was sent: the outbox row says it was delivered already (or was purged). */
  skipped?: 'already_delivered' | 'outbox_row_gone';
}

async function send(deps: Pick<CoreDeps, 'logger'>, mailer: Mailer, payload: SendMailPayload) {
  const rendered = renderMail(payload.template, payload.locale, payload.data);
  const { messageId, file } = await mailer.send({ to: payload.to, ...rendered });
  // Never log data: it holds single-use links.
  deps.logger.info({ template: payload.template, messageId, file, outboxId: payload.outboxId }, 'mail sent');
  return messageId;
}

/**
 * The `mail/send-mail` job: render the template in the user's language and hand it to the mailer.
 *
 * A mail from the outbox carries its row id, and the row's `delivered_at` is its sent-mark: on
 * MariaDB the row is locked (FOR UPDATE) while the message is handed to the SMTP server and stamped
 * in the same transaction, so a second job for the same row (the relay ran twice after a crash, or
 * the repair sweep re-sent it) waits, then sees the mark and sends nothing. The payload is cleared
 * with the mark: single-use links do not outlive their delivery in the database.
 *
 * What remains at-least-once: a worker killed after the SMTP server accepted the message and before
 * the stamp commits (a window of one round trip to the database) sends it again on retry.
 */
export async function sendTemplatedMail(
  deps: Pick<CoreDeps, 'logger'> & Partial<Pick<CoreDeps, 'db' | 'clock'>>,
  mailer: Mailer,
  payload: SendMailPayload,
): Promise<SendMailResult> {
  const outboxId = payload.outboxId;
  if (!outboxId || !deps.db) return { messageId: await send(deps, mailer, payload) };
  const delivered = () => ({ deliveredAt: deps.clock?.now() ?? new Date(), payload: null, lastError: null });
  if (deps.db.dialect === 'sqlite') {
    // One process owns the file (embedded mode) and holding SQLite's write lock during an SMTP
    // exchange would stall every writer: check, send, stamp.
    const row = await OutboxMessage.findByPk(outboxId, { attributes: ['id', 'deliveredAt'] });
    if (!row) return { messageId: null, skipped: 'outbox_row_gone' };
    if (row.deliveredAt) return { messageId: null, skipped: 'already_delivered' };
    const messageId = await send(deps, mailer, payload);
    await OutboxMessage.update(delivered(), { where: { id: outboxId } });
    return { messageId };
  }
  return deps.db.sequelize.transaction(async (transaction) => {
    const row = await OutboxMessage.findByPk(outboxId, {
      attributes: ['id', 'deliveredAt'],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    if (!row) {
      // Purged after its retention period: far too old to be sent now.
      deps.logger.warn({ outboxId }, 'mail: outbox row gone, not sent');
      return { messageId: null, skipped: 'outbox_row_gone' as const };
    }
    if (row.deliveredAt) return { messageId: null, skipped: 'already_delivered' as const };
    const messageId = await send(deps, mailer, payload);
    await OutboxMessage.update(delivered(), { where: { id: outboxId }, transaction });
    return { messageId };
  });
}

/** A templated mail as an outbox job. `jobId` makes a retried request one mail, not two. */
export function mailJob(
  to: string,
  locale: Locale,
  template: MailTemplate,
  data: Record<string, string>,
  jobId?: string,
): OutboxJobInput {
  return { queue: 'mail', name: 'send-mail', payload: { to, locale, template, data }, jobId };
}

/**
 * Queues a templated mail through the outbox: in `tx` with the write it follows (a token, an
 * account, a notification), or in a transaction of its own when the caller has none. Services never
 * send inline in a request.
 */
export async function enqueueMail(
  deps: Partial<Pick<CoreDeps, 'db' | 'jobs' | 'logger' | 'relay' | 'events'>>,
  to: string,
  locale: Locale,
  template: MailTemplate,
  data: Record<string, string>,
  jobId?: string,
  tx?: Transaction | null,
): Promise<void> {
  await withOutboxTransaction(tx, (transaction) =>
    outboxJobs(deps, transaction, [mailJob(to, locale, template, data, jobId)]),
  );
}
