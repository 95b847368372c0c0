// Direct messages and replies. A direct message is one `messages` row (recipient_id set) plus one
// `message_recipients` row, the same shape as a broadcast's per-recipient rows, so that the inbox,
// unread counts and read state have a single code path. Threads: a reply carries thread_id = the
// conversation's first message.
import { Message, MessageRecipient, User } from '@mdsc/db';
import type { ReplyMessageInput, SendMessageInput } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { notify } from '../notifications/notify';
import { assertMayWrite, fullName } from './rules';
import { checkedContent, checkedSubject, replySubject } from './text';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'> & Partial<Pick<CoreDeps, 'jobs' | 'logger' | 'events'>>;

export interface SentMessageResult {
  id: number;
  threadId: number;
  subject: string;
  content: string;
  createdAt: string;
}

async function senderName(actor: Actor, transaction: Transaction): Promise<string> {
  const me = await User.findByPk(actor.id, { attributes: ['id', 'firstName', 'lastName'], transaction });
  return me ? fullName(me) : '';
}

async function createDirect(
  deps: Deps,
  actor: Actor,
  fields: { recipientId: number; subject: string; content: string; threadId: number | null },
  transaction: Transaction,
): Promise<SentMessageResult> {
  const msg = await Message.create(
    { senderId: actor.id, messageType: 'direct', isRead: false, readAt: null, ...fields },
    { transaction },
  );
  await MessageRecipient.create(
    { messageId: msg.id, userId: fields.recipientId, isRead: false, readAt: null },
    { transaction },
  );
  await notify(
    deps,
    {
      userId: fields.recipientId,
      type: 'new_message',
      data: {
        messageId: msg.id,
        senderId: actor.id,
        senderName: await senderName(actor, transaction),
        subject: fields.subject,
        broadcast: false,
      },
    },
    transaction,
  );
  return {
    id: msg.id,
    threadId: fields.threadId ?? msg.id,
    subject: msg.subject,
    content: msg.content,
    createdAt: msg.createdAt.toISOString(),
  };
}

export async function sendMessage(
  deps: Deps,
  actor: Actor,
  input: SendMessageInput,
): Promise<SentMessageResult> {
  const subject = checkedSubject(input.subject);
  const content = checkedContent(input.content);
  return transact(deps, 'messaging.sendMessage', async (transaction) => {
    await assertMayWrite(deps, actor, input.recipientId, { transaction });
    return createDirect(
      deps,
      actor,
      { recipientId: input.recipientId, subject, content, threadId: null },
      transaction,
    );
  });
}

/**
 * Replies to a message of the caller's: to its sender when the caller received it (always
 * allowed), or a follow-up to its recipient when the caller sent it (the usual rules apply).
 */
export async function replyToMessage(
  deps: Deps,
  actor: Actor,
  input: ReplyMessageInput,
): Promise<SentMessageResult> {
  const content = checkedContent(input.content);
  return transact(deps, 'messaging.replyToMessage', async (transaction) => {
    const msg = await Message.findByPk(input.messageId, { transaction });
    if (!msg) throw new NotFoundError('Message', { field: 'messageId', id: input.messageId });
    const isSender = msg.senderId === actor.id;
    const received = isSender
      ? null
      : await MessageRecipient.findOne({
          attributes: ['id'],
          where: { messageId: msg.id, userId: actor.id, deletedAt: null },
          transaction,
        });
    if (!isSender && !received)
      throw new NotFoundError('Message', { field: 'messageId', id: input.messageId });
    if (isSender && msg.messageType === 'broadcast') {
      throw new ValidationError(
        'messageId',
        'A broadcast has no single recipient to reply to: send a new broadcast',
      );
    }
    const otherId = isSender ? msg.recipientId : msg.senderId;
    if (!otherId) throw new NotFoundError('Recipient', { field: 'messageId' });
    await assertMayWrite(deps, actor, otherId, { field: 'messageId', isReply: !isSender, transaction });
    const root = msg.threadId ?? msg.id;
    const rootMsg = root === msg.id ? msg : await Message.findByPk(root, { paranoid: false, transaction });
    return createDirect(
      deps,
      actor,
      {
        recipientId: otherId,
        subject: replySubject(rootMsg?.subject ?? msg.subject),
        content,
        threadId: root,
      },
      transaction,
    );
  });
}
