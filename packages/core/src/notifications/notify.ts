// Creating notifications: one row per user (payload `{ type, data }`), pushed live and, for the
// types that have one, e-mailed according to the user's preference — both through the outbox, in
// the surrounding transaction: a rolled-back action notifies nobody, a committed one everybody.
import { Notification, sqlInsert, User } from '@mdsc/db';
import type { MailTemplate } from '@mdsc/jobs';
import {
  LOCALES,
  type Locale,
  type NotificationDataMap,
  type NotificationDto,
  type NotificationType,
} from '@mdsc/validators';
import { Op, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { mailJob } from '../mail/send-mail';
import { outboxJobs, outboxLive, outboxWrite, withOutboxTransaction, type OutboxJobInput } from '../outbox/writer';
import type { UserEvent } from './bus';
import { encodePayload, notificationDto } from './notification-dto';

/**
 * Everything optional so that any service's deps (typed narrower, e.g. `Pick<CoreDeps, 'db'>`) can
 * be passed as they are; at run time they are the full CoreDeps. Without `config` no e-mail is
 * written (the links need the public address).
 */
export type NotifyDeps = Partial<Pick<CoreDeps, 'logger' | 'jobs' | 'config' | 'events' | 'db' | 'relay'>>;

export interface NotifyInput<T extends NotificationType> {
  userId: number;
  type: T;
  data: NotificationDataMap[T];
}

/** Types that may also go out by e-mail, the user column that allows it, and the template. */
const MAILED: Partial<
  Record<
    NotificationType,
    { pref: 'emailOnMessage' | 'emailOnCertificate' | 'emailOnDiscussion'; template: MailTemplate }
  >
> = {
  new_message: { pref: 'emailOnMessage', template: 'new-message' },
  certificate_ready: { pref: 'emailOnCertificate', template: 'certificate-ready' },
  discussion_reply: { pref: 'emailOnDiscussion', template: 'discussion-activity' },
  discussion_answer_accepted: { pref: 'emailOnDiscussion', template: 'discussion-activity' },
  discussion_mention: { pref: 'emailOnDiscussion', template: 'discussion-activity' },
  discussion_announcement: { pref: 'emailOnDiscussion', template: 'discussion-activity' },
  discussion_followed: { pref: 'emailOnDiscussion', template: 'discussion-activity' },
};

/** The sentence of a discussion e-mail, in both languages (the template picks one). */
const DISCUSSION_SUMMARY: Partial<Record<NotificationType, { fr: string; en: string }>> = {
  discussion_reply: { fr: '{actor} a répondu dans « {thread} ».', en: '{actor} replied in “{thread}”.' },
  discussion_answer_accepted: {
    fr: 'Votre réponse dans « {thread} » a été acceptée.',
    en: 'Your answer in “{thread}” was accepted.',
  },
  discussion_mention: { fr: '{actor} vous a mentionné dans « {thread} ».', en: '{actor} mentioned you in “{thread}”.' },
  discussion_announcement: {
    fr: '{actor} a publié une annonce : « {thread} ».',
    en: '{actor} posted an announcement: “{thread}”.',
  },
  discussion_followed: {
    fr: 'Nouvelle activité dans « {thread} », que vous suivez.',
    en: 'New activity in “{thread}”, which you follow.',
  },
};

const INSERT_CHUNK = 1000;

interface MailTarget {
  userId: number;
  email: string;
  locale: Locale;
  name: string;
}

function mailData(
  publicUrl: string,
  type: NotificationType,
  data: Record<string, unknown>,
  name: string,
): Record<string, string> {
  const base = publicUrl.replace(/\/$/, '');
  if (type === 'new_message') {
    return {
      name,
      senderName: String(data.senderName ?? ''),
      subject: String(data.subject ?? ''),
      url: `${base}/messages/${String(data.messageId)}`,
    };
  }
  const summary = DISCUSSION_SUMMARY[type];
  if (summary) {
    const fill = (t: string) =>
      t.replace('{actor}', String(data.actorName ?? '')).replace('{thread}', String(data.threadTitle ?? ''));
    const anchor = data.postId ? `#post-${String(data.postId)}` : '';
    return {
      name,
      courseTitle: String(data.courseTitle ?? ''),
      threadTitle: String(data.threadTitle ?? ''),
      summaryFr: fill(summary.fr),
      summaryEn: fill(summary.en),
      url: `${base}/discussions/${String(data.threadId)}${anchor}`,
    };
  }
  return { name, courseTitle: String(data.courseTitle ?? ''), url: `${base}/certificates` };
}

async function mailTargets(
  type: NotificationType,
  userIds: number[],
  tx: Transaction | null | undefined,
): Promise<MailTarget[]> {
  const mailed = MAILED[type];
  if (!mailed || userIds.length === 0) return [];
  const out: MailTarget[] = [];
  for (let i = 0; i < userIds.length; i += INSERT_CHUNK) {
    const users = await User.findAll({
      attributes: ['id', 'email', 'firstName', 'language'],
      where: { id: { [Op.in]: userIds.slice(i, i + INSERT_CHUNK) }, [mailed.pref]: true, isActive: true },
      transaction: tx ?? undefined,
    });
    for (const u of users) {
      const locale = (LOCALES as readonly string[]).includes(u.language) ? (u.language as Locale) : 'fr';
      out.push({ userId: u.id, email: u.email, locale, name: u.firstName });
    }
  }
  return out;
}

/** The e-mails of a notification, as outbox jobs (one per target, keyed by its notification id). */
function mailJobs(
  deps: NotifyDeps,
  type: NotificationType,
  data: Record<string, unknown>,
  targets: MailTarget[],
  idFor: (userId: number) => number,
): OutboxJobInput[] {
  const template = MAILED[type]?.template;
  const { config } = deps;
  if (!template || !config) return [];
  return targets.map((t) =>
    // The notification id makes a retried delivery the same job, not a second mail.
    mailJob(t.email, t.locale, template, mailData(config.publicUrl, type, data, t.name), `notify-${idFor(t.userId)}`),
  );
}

/**
 * Notifies one user: the row, its live push and its e-mail are written in `tx` (the push and mail
 * as outbox rows, relayed once it commits). Without `tx`, in a transaction of its own.
 */
export async function notify<T extends NotificationType>(
  deps: NotifyDeps,
  input: NotifyInput<T>,
  tx?: Transaction | null,
  opts: NotifyOptions = {},
): Promise<NotificationDto> {
  return withOutboxTransaction(tx, async (transaction) => {
    // A plain INSERT (the worker notifies once per certificate it renders).
    const row = { id: 0, payload: encodePayload(input.type, input.data), isRead: false, createdAt: new Date() };
    row.id = await sqlInsert(
      { sequelize: Notification.sequelize! },
      'INSERT INTO notifications (user_id, payload, is_read, created_at) VALUES (?, ?, ?, ?)',
      [input.userId, row.payload, false, row.createdAt],
      transaction,
    );
    const dto = notificationDto(row)!;
    const targets = opts.recipient
      ? knownTarget(input.type, input.userId, opts.recipient)
      : await mailTargets(input.type, [input.userId], transaction);
    // The push and the e-mail in one statement (one round trip on MariaDB).
    await outboxWrite(deps, transaction, {
      live: [{ userId: input.userId, event: { kind: 'notification', notification: dto } }],
      jobs: mailJobs(deps, input.type, input.data as Record<string, unknown>, targets, () => row.id),
    });
    return dto;
  });
}

export interface NotifyOptions {
  /**
   * The user as the caller has just read them (a job that loaded them with its own row): no
   * lookup. `mailable`: the user is active and accepts this type's e-mails.
   */
  recipient?: { email: string; language: string | null; firstName: string; mailable: boolean };
}

function knownTarget(type: NotificationType, userId: number, r: NonNullable<NotifyOptions['recipient']>): MailTarget[] {
  if (!MAILED[type] || !r.mailable) return [];
  const locale = (LOCALES as readonly string[]).includes(r.language ?? '') ? (r.language as Locale) : 'fr';
  return [{ userId, email: r.email, locale, name: r.firstName }];
}

/**
 * The same notification to many users (a broadcast): rows inserted in bulk, by chunks, in `tx`,
 * with their live pushes and e-mails as outbox rows (the relay sends the first ones at once and
 * the rest from its poll loop, so a broadcast to a whole platform does not hold the request).
 */
export async function notifyMany<T extends NotificationType>(
  deps: NotifyDeps,
  input: { userIds: number[]; type: T; data: NotificationDataMap[T] },
  tx?: Transaction | null,
): Promise<number> {
  const payload = encodePayload(input.type, input.data);
  return withOutboxTransaction(tx, async (transaction) => {
    const idByUser = new Map<number, number>();
    const events: UserEvent[] = [];
    for (let i = 0; i < input.userIds.length; i += INSERT_CHUNK) {
      const chunk = input.userIds.slice(i, i + INSERT_CHUNK);
      const rows = await Notification.bulkCreate(
        chunk.map((userId) => ({ userId, payload, isRead: false })),
        { transaction },
      );
      for (const row of rows) {
        const dto = notificationDto(row);
        idByUser.set(row.userId, row.id);
        if (dto) events.push({ userId: row.userId, event: { kind: 'notification', notification: dto } });
      }
    }
    const targets = await mailTargets(input.type, input.userIds, transaction);
    await outboxLive(deps, transaction, events);
    await outboxJobs(
      deps,
      transaction,
      mailJobs(deps, input.type, input.data as Record<string, unknown>, targets, (u) => idByUser.get(u) ?? 0),
    );
    return input.userIds.length;
  });
}
