// Broadcasts: an instructor to the students of one of their courses, an admin to everyone or to
// one role. One `messages` row (type broadcast, recipient NULL) plus one `message_recipients` row
// per recipient — each with its own read state — and one notification per recipient, all inserted
// in bulk, by chunks, in one transaction; the live pushes go out after it commits.
import { Course, Message, User } from '@mdsc/db';
import type { AdminBroadcastInput, BroadcastAudience, CourseBroadcastInput } from '@mdsc/validators';
import { QueryTypes, type Transaction } from 'sequelize';
import { assertOwnerOrAdmin } from '../authz';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { notifyMany } from '../notifications/notify';
import { fullName } from './rules';
import { checkedContent, checkedSubject } from './text';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'> & Partial<Pick<CoreDeps, 'jobs' | 'logger' | 'events'>>;

export interface BroadcastResult {
  id: number;
  recipientCount: number;
  createdAt: string;
}

const CHUNK = 1000;

async function sendBroadcast(
  deps: Deps,
  actor: Actor,
  fields: { subject: string; content: string; courseId: number | null; audience: string },
  recipientIds: number[],
  transaction: Transaction,
): Promise<BroadcastResult> {
  const msg = await Message.create(
    {
      senderId: actor.id,
      recipientId: null,
      messageType: 'broadcast',
      isRead: false,
      readAt: null,
      threadId: null,
      ...fields,
    },
    { transaction },
  );
  const now = deps.clock.now();
  const qi = deps.db.sequelize.getQueryInterface();
  for (let i = 0; i < recipientIds.length; i += CHUNK) {
    await qi.bulkInsert(
      'message_recipients',
      recipientIds.slice(i, i + CHUNK).map((userId) => ({
        message_id: msg.id,
        user_id: userId,
        is_read: false,
        read_at: null,
        deleted_at: null,
        created_at: now,
      })),
      { transaction },
    );
  }
  const me = await User.findByPk(actor.id, { attributes: ['id', 'firstName', 'lastName'], transaction });
  await notifyMany(
    deps,
    {
      userIds: recipientIds,
      type: 'new_message',
      data: {
        messageId: msg.id,
        senderId: actor.id,
        senderName: me ? fullName(me) : '',
        subject: fields.subject,
        broadcast: true,
      },
    },
    transaction,
  );
  return { id: msg.id, recipientCount: recipientIds.length, createdAt: msg.createdAt.toISOString() };
}

async function ids(deps: Deps, sql: string, replacements: Record<string, unknown>, transaction: Transaction) {
  const rows = await deps.db.sequelize.query<{ id: number }>(sql, {
    replacements,
    type: QueryTypes.SELECT,
    transaction,
  });
  return rows.map((r) => Number(r.id));
}

/** To every active student of the course (its instructor, or an admin). */
export async function broadcastToCourse(
  deps: Deps,
  actor: Actor,
  input: CourseBroadcastInput,
): Promise<BroadcastResult> {
  const subject = checkedSubject(input.subject);
  const content = checkedContent(input.content);
  const course = await Course.findByPk(input.courseId, { attributes: ['id', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { field: 'courseId', id: input.courseId });
  assertOwnerOrAdmin(actor, course.instructorId, 'this course');
  return transact(deps, 'messaging.broadcastToCourse', async (transaction) => {
    const recipients = await ids(
      deps,
      `SELECT e.user_id AS id FROM enrollments e JOIN users u ON u.id = e.user_id
        WHERE e.course_id = :courseId AND e.is_active = TRUE AND u.deleted_at IS NULL AND u.is_active = TRUE
          AND u.id <> :me
        ORDER BY e.user_id`,
      { courseId: course.id, me: actor.id },
      transaction,
    );
    if (recipients.length === 0)
      throw new ValidationError('courseId', 'This course has no enrolled students yet');
    return sendBroadcast(
      deps,
      actor,
      { subject, content, courseId: course.id, audience: 'course' },
      recipients,
      transaction,
    );
  });
}

/** Admins only: to every active user, or to every active user of one role. */
export async function broadcastToAudience(
  deps: Deps,
  actor: Actor,
  input: AdminBroadcastInput,
): Promise<BroadcastResult> {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
  const subject = checkedSubject(input.subject);
  const content = checkedContent(input.content);
  const audience: BroadcastAudience = input.audience;
  return transact(deps, 'messaging.broadcastToAudience', async (transaction) => {
    const recipients = await ids(
      deps,
      `SELECT id FROM users WHERE deleted_at IS NULL AND is_active = TRUE AND id <> :me
        ${audience === 'all' ? '' : 'AND role = :role'} ORDER BY id`,
      { me: actor.id, role: audience },
      transaction,
    );
    if (recipients.length === 0) throw new ValidationError('audience', 'Nobody to send this to');
    return sendBroadcast(
      deps,
      actor,
      { subject, content, courseId: null, audience },
      recipients,
      transaction,
    );
  });
}
