// The bell: a user's notifications (newest first, cursor pages), unread count, read state, and
// the e-mail preferences. Every query is scoped to the actor: nobody reads another's notifications.
import { Notification, User } from '@mdsc/db';
import type {
  Locale,
  NotificationDto,
  NotificationIdInput,
  NotificationListInput,
  NotificationPreferencesInput,
} from '@mdsc/validators';
import { Op, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { outboxLive } from '../outbox/writer';
import { nameLevelUps } from '../gamification/level-names';
import { notificationDto } from './notification-dto';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db'> & Partial<Pick<CoreDeps, 'events' | 'logger' | 'jobs' | 'relay' | 'clock'>>;

export interface NotificationPage {
  items: NotificationDto[];
  nextCursor: string | null;
}

export interface NotificationPreferences {
  emailOnMessage: boolean;
  emailOnCertificate: boolean;
  emailOnDiscussion: boolean;
}

function parseCursor(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  if (!/^\d{1,12}$/.test(cursor)) throw new ValidationError('cursor', 'invalid cursor');
  return Number(cursor);
}

/**
 * Newest first. The cursor is the id of the last item seen (ids grow with time). Level names come
 * in `locale` (named when shown, not when sent).
 */
export async function listNotifications(
  deps: Deps,
  actor: Actor,
  input: NotificationListInput,
  locale: Locale = actor.locale,
): Promise<NotificationPage> {
  const before = parseCursor(input.cursor);
  const where: WhereOptions<Notification> = { userId: actor.id };
  if (input.unreadOnly) Object.assign(where, { isRead: false });
  if (before !== null) Object.assign(where, { id: { [Op.lt]: before } });
  const rows = await Notification.findAll({
    attributes: ['id', 'payload', 'isRead', 'createdAt'],
    where,
    order: [['id', 'DESC']],
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: await nameLevelUps(
      deps,
      page.map(notificationDto).filter((n): n is NotificationDto => n !== null),
      locale,
    ),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null,
  };
}

export async function countUnreadNotifications(_deps: Deps, actor: Actor): Promise<number> {
  return Notification.count({ where: { userId: actor.id, isRead: false } });
}

/**
 * Marks rows read and tells the user's other open tabs, in one transaction: the live `read` event is
 * an outbox row, relayed once the update committed.
 */
async function markRead(
  deps: Deps,
  userId: number,
  where: WhereOptions<Notification>,
  ids: number[] | 'all',
): Promise<number> {
  return transact(deps, 'notifications.markRead', async (transaction) => {
    const [updated] = await Notification.update({ isRead: true }, { where, transaction });
    if (updated > 0) await outboxLive(deps, transaction, [{ userId, event: { kind: 'read', ids } }]);
    return updated;
  });
}

export async function markNotificationRead(
  deps: Deps,
  actor: Actor,
  input: NotificationIdInput,
): Promise<{ unreadCount: number }> {
  const row = await Notification.findOne({
    attributes: ['id', 'isRead'],
    where: { id: input.id, userId: actor.id },
  });
  if (!row) throw new NotFoundError('Notification', { id: input.id });
  if (!row.isRead) await markRead(deps, actor.id, { id: row.id, userId: actor.id }, [row.id]);
  return { unreadCount: await countUnreadNotifications(deps, actor) };
}

export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<{ updated: number }> {
  const updated = await markRead(deps, actor.id, { userId: actor.id, isRead: false }, 'all');
  return { updated };
}

/**
 * Marks read the new_message notifications pointing at these messages (reading a message in the
 * inbox clears its bell entry too). The payload is TEXT, so the match is textual, within the
 * user's unread rows only (index user_id, is_read).
 */
export async function markMessageNotificationsRead(
  deps: Deps,
  userId: number,
  messageIds: number[],
): Promise<void> {
  if (messageIds.length === 0) return;
  const patterns = messageIds.flatMap((id) => [`%"messageId":${id},%`, `%"messageId":${id}}%`]);
  const rows = await Notification.findAll({
    attributes: ['id'],
    where: {
      userId,
      isRead: false,
      payload: { [Op.like]: '%"type":"new_message"%' },
      [Op.or]: patterns.map((p) => ({ payload: { [Op.like]: p } })),
    },
  });
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await markRead(deps, userId, { id: { [Op.in]: ids }, userId }, ids);
}

export async function getNotificationPreferences(
  _deps: Deps,
  actor: Actor,
): Promise<NotificationPreferences> {
  const u = await User.findByPk(actor.id, {
    attributes: ['id', 'emailOnMessage', 'emailOnCertificate', 'emailOnDiscussion'],
  });
  if (!u) throw new NotFoundError('User', { id: actor.id });
  return {
    emailOnMessage: u.emailOnMessage,
    emailOnCertificate: u.emailOnCertificate,
    emailOnDiscussion: u.emailOnDiscussion,
  };
}

export async function updateNotificationPreferences(
  deps: Deps,
  actor: Actor,
  input: NotificationPreferencesInput,
): Promise<NotificationPreferences> {
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length > 0) await User.update(changes, { where: { id: actor.id } });
  return getNotificationPreferences(deps, actor);
}
