// Read state and deletion, both per user: a recipient's `message_recipients` row holds their read
// flag and their "removed from my inbox" date; the sender's removal is messages.sender_deleted_at.
// Once every party has removed a message it is soft-deleted for good (messages.deleted_at).
import { Message, MessageRecipient } from '@mdsc/db';
import type { MarkMessageReadInput, MessageIdInput } from '@mdsc/validators';
import { Op, QueryTypes } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { markMessageNotificationsRead } from '../notifications/notification.service';
import { countUnreadMessages, visibleThreadRoot } from './mailbox.service';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock'> & Partial<Pick<CoreDeps, 'events' | 'logger'>>;

async function setRead(deps: Deps, userId: number, messageIds: number[], read: boolean): Promise<void> {
  if (messageIds.length === 0) return;
  const readAt = read ? deps.clock.now() : null;
  await transact(deps, 'messaging.setRead', async (transaction) => {
    await MessageRecipient.update(
      { isRead: read, readAt },
      { where: { userId, messageId: { [Op.in]: messageIds } }, transaction },
    );
    // The document's own read flag on direct messages is kept in step (the sender's read receipt).
    await Message.update(
      { isRead: read, readAt },
      { where: { id: { [Op.in]: messageIds }, recipientId: userId, messageType: 'direct' }, transaction },
    );
  });
  if (read) await markMessageNotificationsRead(deps, userId, messageIds);
}

/** Marks one received message read (or unread again). */
export async function markMessageRead(
  deps: Deps,
  actor: Actor,
  input: MarkMessageReadInput,
): Promise<{ unreadCount: number }> {
  const row = await MessageRecipient.findOne({
    attributes: ['id', 'isRead'],
    where: { messageId: input.messageId, userId: actor.id, deletedAt: null },
  });
  if (!row) throw new NotFoundError('Message', { field: 'messageId', id: input.messageId });
  if (!!row.isRead !== input.read) await setRead(deps, actor.id, [input.messageId], input.read);
  return { unreadCount: await countUnreadMessages(deps, actor) };
}

/** Opening a conversation reads every message of it the caller received. */
export async function markThreadRead(
  deps: Deps,
  actor: Actor,
  input: MessageIdInput,
): Promise<{ unreadCount: number }> {
  const root = await visibleThreadRoot(deps, actor, input.messageId);
  const rows = await deps.db.sequelize.query<{ id: number }>(
    `SELECT m.id FROM messages m JOIN message_recipients mr ON mr.message_id = m.id
      WHERE (m.id = :root OR m.thread_id = :root) AND mr.user_id = :me AND mr.is_read = FALSE AND mr.deleted_at IS NULL`,
    { replacements: { root, me: actor.id }, type: QueryTypes.SELECT },
  );
  await setRead(
    deps,
    actor.id,
    rows.map((r) => Number(r.id)),
    true,
  );
  return { unreadCount: await countUnreadMessages(deps, actor) };
}

/** Removes a message from the caller's own view (inbox and/or sent). */
export async function deleteMessage(
  deps: Deps,
  actor: Actor,
  input: MessageIdInput,
): Promise<{ deleted: true }> {
  await transact(deps, 'messaging.deleteMessage', async (transaction) => {
    const msg = await Message.findByPk(input.messageId, { transaction });
    if (!msg) throw new NotFoundError('Message', { field: 'messageId', id: input.messageId });
    const now = deps.clock.now();
    let removed = false;
    if (msg.senderId === actor.id && !msg.senderDeletedAt) {
      await msg.update({ senderDeletedAt: now }, { transaction });
      removed = true;
    }
    const [n] = await MessageRecipient.update(
      { deletedAt: now },
      { where: { messageId: msg.id, userId: actor.id, deletedAt: null }, transaction },
    );
    if (!removed && n === 0) throw new NotFoundError('Message', { field: 'messageId', id: input.messageId });
    const left = await MessageRecipient.count({ where: { messageId: msg.id, deletedAt: null }, transaction });
    if (left === 0 && msg.senderDeletedAt) await msg.destroy({ transaction });
  });
  await markMessageNotificationsRead(deps, actor.id, [input.messageId]);
  return { deleted: true };
}
