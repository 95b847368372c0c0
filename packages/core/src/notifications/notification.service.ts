// The bell: a user's notifications (newest first, cursor pages), unread count, read state, and
// the e-mail preferences. Every query is scoped to the actor: nobody reads another's notifications.
import { Notification, User } from '@mdsc/db';
import type {
  NotificationDto,
  NotificationIdInput,
  NotificationListInput,
  NotificationPreferencesInput,
} from '@mdsc/validators';
import { Op, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { notificationDto } from './notification-dto';

type Deps = Pick<CoreDeps, 'db'> & Partial<Pick<CoreDeps, 'events' | 'logger'>>;

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

/** Newest first. The cursor is the id of the last item seen (ids grow with time). */
export async function listNotifications(
  _deps: Deps,
  actor: Actor,
  input: NotificationListInput,
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
    items: page.map(notificationDto).filter((n): n is NotificationDto => n !== null),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null,
  };
}

export async function countUnreadNotifications(_deps: Deps, actor: Actor): Promise<number> {
  return Notification.count({ where: { userId: actor.id, isRead: false } });
}

async function publishRead(deps: Deps, userId: number, ids: number[] | 'all'): Promise<void> {
  // Other open tabs of the same user update their bell; a failure only delays that.
  await deps.events?.publish([{ userId, event: { kind: 'read', ids } }]).catch((err: unknown) => {
    deps.logger?.warn({ err }, 'live read event not published');
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
  if (!row.isRead) {
    await Notification.update({ isRead: true }, { where: { id: row.id, userId: actor.id } });
    await publishRead(deps, actor.id, [row.id]);
  }
  return { unreadCount: await countUnreadNotifications(deps, actor) };
}

export async function markAllNotificationsRead(deps: Deps, actor: Actor): Promise<{ updated: number }> {
  const [updated] = await Notification.update(
    { isRead: true },
    { where: { userId: actor.id, isRead: false } },
  );
  if (updated > 0) await publishRead(deps, actor.id, 'all');
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
  await Notification.update({ isRead: true }, { where: { id: { [Op.in]: ids }, userId } });
  await publishRead(deps, userId, ids);
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
