// Creating notifications: one row per user (payload `{ type, data }`), pushed live and, for the
// types that have one, e-mailed according to the user's preference — both only once the
// surrounding transaction has committed, so a rolled-back action notifies nobody.
import { Notification, User } from '@mdsc/db';
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
import { enqueueMail } from '../mail/send-mail';
import type { UserEvent } from './bus';
import { encodePayload, notificationDto } from './notification-dto';

/**
 * Everything optional so that any service's deps (typed narrower, e.g. `Pick<CoreDeps, 'db'>`) can
 * be passed as they are; at run time they are the full CoreDeps. Without `events` nothing is
 * pushed live, without `jobs`/`config` no e-mail is sent.
 */
export type NotifyDeps = Partial<Pick<CoreDeps, 'logger' | 'jobs' | 'config' | 'events'>>;

const logError = (deps: NotifyDeps, obj: unknown, msg: string) =>
  deps.logger ? deps.logger.error(obj, msg) : console.error(msg, obj);

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

/** Runs `fn` after `tx` commits (now, without one); failures are logged, never thrown at the caller. */
function afterCommit(
  deps: NotifyDeps,
  tx: Transaction | null | undefined,
  fn: () => Promise<void>,
): Promise<void> {
  const run = () =>
    fn().catch((err: unknown) => logError(deps, { err }, 'notification delivery failed (row is stored)'));
  if (tx) {
    tx.afterCommit(() => void run());
    return Promise.resolve();
  }
  return run();
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

async function sendMails(
  deps: NotifyDeps,
  type: NotificationType,
  data: Record<string, unknown>,
  targets: MailTarget[],
  idFor: (userId: number) => number,
): Promise<void> {
  const template = MAILED[type]?.template;
  const { jobs, config } = deps;
  if (!template || !jobs || !config) return;
  for (const t of targets) {
    // The notification id makes a retried delivery enqueue the same job, not a second mail.
    const vars = mailData(config.publicUrl, type, data, t.name);
    await enqueueMail({ jobs }, t.email, t.locale, template, vars, `notify-${idFor(t.userId)}`);
  }
}

/**
 * Notifies one user. With `tx`, the row is written in that transaction and the live push and
 * e-mail happen after it commits.
 */
export async function notify<T extends NotificationType>(
  deps: NotifyDeps,
  input: NotifyInput<T>,
  tx?: Transaction | null,
): Promise<NotificationDto> {
  const row = await Notification.create(
    { userId: input.userId, payload: encodePayload(input.type, input.data), isRead: false },
    { transaction: tx ?? undefined },
  );
  const dto = notificationDto(row)!;
  const targets = deps.jobs ? await mailTargets(input.type, [input.userId], tx) : [];
  await afterCommit(deps, tx, async () => {
    await deps.events?.publish([
      { userId: input.userId, event: { kind: 'notification', notification: dto } },
    ]);
    await sendMails(deps, input.type, input.data as Record<string, unknown>, targets, () => row.id);
  });
  return dto;
}

/**
 * The same notification to many users (a broadcast): rows inserted in bulk, by chunks, in `tx`;
 * pushed live after commit. E-mails to many users are enqueued in the background so that a
 * broadcast to a whole platform does not hold the request.
 */
export async function notifyMany<T extends NotificationType>(
  deps: NotifyDeps,
  input: { userIds: number[]; type: T; data: NotificationDataMap[T] },
  tx?: Transaction | null,
): Promise<number> {
  const payload = encodePayload(input.type, input.data);
  const idByUser = new Map<number, number>();
  const events: UserEvent[] = [];
  for (let i = 0; i < input.userIds.length; i += INSERT_CHUNK) {
    const chunk = input.userIds.slice(i, i + INSERT_CHUNK);
    const rows = await Notification.bulkCreate(
      chunk.map((userId) => ({ userId, payload, isRead: false })),
      { transaction: tx ?? undefined },
    );
    for (const row of rows) {
      const dto = notificationDto(row);
      idByUser.set(row.userId, row.id);
      if (dto) events.push({ userId: row.userId, event: { kind: 'notification', notification: dto } });
    }
  }
  const targets = deps.jobs ? await mailTargets(input.type, input.userIds, tx) : [];
  await afterCommit(deps, tx, async () => {
    await deps.events?.publish(events);
    if (targets.length === 0) return;
    void sendMails(
      deps,
      input.type,
      input.data as Record<string, unknown>,
      targets,
      (u) => idByUser.get(u) ?? 0,
    ).catch((err: unknown) => logError(deps, { err, type: input.type }, 'broadcast e-mails: enqueue failed'));
  });
  return input.userIds.length;
}
