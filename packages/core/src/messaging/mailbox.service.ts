// Reading messages: inbox (received, per-recipient rows), sent, a conversation, unread count.
// Every query starts from the caller's own rows: nobody lists or opens another user's messages.
import type { InboxInput, MessageIdInput, SentInput } from '@mdsc/validators';
import type { Role } from '@mdsc/validators';
import { QueryTypes } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { fullName, type UserRefDto } from './rules';
import { preview } from './text';

type Deps = Pick<CoreDeps, 'db'>;
export type MessageType = 'direct' | 'broadcast';

export interface CourseRefDto {
  id: number;
  title: string;
}

export interface InboxItemDto {
  id: number;
  threadId: number;
  subject: string;
  preview: string;
  type: MessageType;
  createdAt: string;
  isRead: boolean;
  sender: UserRefDto;
  course: CourseRefDto | null;
  audience: string | null;
}

export interface SentItemDto {
  id: number;
  threadId: number;
  subject: string;
  preview: string;
  type: MessageType;
  createdAt: string;
  recipient: UserRefDto | null;
  course: CourseRefDto | null;
  audience: string | null;
  recipientCount: number;
  readCount: number;
}

export interface ThreadMessageDto {
  id: number;
  subject: string;
  /** As typed (control characters removed): display it as text, never as HTML. */
  content: string;
  type: MessageType;
  createdAt: string;
  sender: UserRefDto;
  recipient: UserRefDto | null;
  course: CourseRefDto | null;
  audience: string | null;
  isMine: boolean;
  /** Mine: the recipient has read it (direct only). Received: I have read it. */
  isRead: boolean;
}

export interface ThreadDto {
  rootId: number;
  subject: string;
  messages: ThreadMessageDto[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function cursorId(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  if (!/^\d{1,12}$/.test(cursor)) throw new ValidationError('cursor', 'invalid cursor');
  return Number(cursor);
}

const course = (id: unknown, title: unknown): CourseRefDto | null =>
  id !== null && id !== undefined && title !== null && title !== undefined
    ? { id: Number(id), title: String(title) }
    : null;

const user = (id: unknown, firstName: unknown, lastName: unknown, role: unknown): UserRefDto | null =>
  id === null || id === undefined
    ? null
    : {
        id: Number(id),
        name: fullName({ firstName: String(firstName ?? ''), lastName: String(lastName ?? '') }),
        role: role as Role,
      };

interface InboxRow {
  rid: number;
  isRead: number | boolean;
  id: number;
  threadId: number | null;
  subject: string;
  excerpt: string;
  type: MessageType;
  createdAt: string | Date;
  courseId: number | null;
  courseTitle: string | null;
  audience: string | null;
  senderId: number;
  senderFirst: string;
  senderLast: string;
  senderRole: Role;
}

export async function listInbox(deps: Deps, actor: Actor, input: InboxInput): Promise<Page<InboxItemDto>> {
  const before = cursorId(input.cursor);
  const rows = await deps.db.sequelize.query<InboxRow>(
    `SELECT mr.id AS rid, mr.is_read AS isRead, m.id, m.thread_id AS threadId, m.subject,
            SUBSTR(m.content, 1, 300) AS excerpt, m.message_type AS type, m.created_at AS createdAt,
            m.course_id AS courseId, c.title AS courseTitle, m.audience,
            s.id AS senderId, s.first_name AS senderFirst, s.last_name AS senderLast, s.role AS senderRole
       FROM message_recipients mr
       JOIN messages m ON m.id = mr.message_id AND m.deleted_at IS NULL
       JOIN users s ON s.id = m.sender_id
       LEFT JOIN courses c ON c.id = m.course_id
      WHERE mr.user_id = :me AND mr.deleted_at IS NULL
        ${input.unreadOnly ? 'AND mr.is_read = FALSE' : ''}
        ${before !== null ? 'AND mr.id < :before' : ''}
      ORDER BY mr.id DESC
      LIMIT :limit`,
    { replacements: { me: actor.id, before, limit: input.limit + 1 }, type: QueryTypes.SELECT },
  );
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      id: Number(r.id),
      threadId: Number(r.threadId ?? r.id),
      subject: r.subject,
      preview: preview(r.excerpt),
      type: r.type,
      createdAt: toIso(r.createdAt)!,
      isRead: !!Number(r.isRead),
      sender: user(r.senderId, r.senderFirst, r.senderLast, r.senderRole)!,
      course: course(r.courseId, r.courseTitle),
      audience: r.audience,
    })),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].rid) : null,
  };
}

interface SentRow {
  id: number;
  threadId: number | null;
  subject: string;
  excerpt: string;
  type: MessageType;
  createdAt: string | Date;
  isRead: number | boolean | null;
  courseId: number | null;
  courseTitle: string | null;
  audience: string | null;
  rId: number | null;
  rFirst: string | null;
  rLast: string | null;
  rRole: Role | null;
}

export async function listSent(deps: Deps, actor: Actor, input: SentInput): Promise<Page<SentItemDto>> {
  const before = cursorId(input.cursor);
  const rows = await deps.db.sequelize.query<SentRow>(
    `SELECT m.id, m.thread_id AS threadId, m.subject, SUBSTR(m.content, 1, 300) AS excerpt,
            m.message_type AS type, m.created_at AS createdAt, m.is_read AS isRead,
            m.course_id AS courseId, c.title AS courseTitle, m.audience,
            r.id AS rId, r.first_name AS rFirst, r.last_name AS rLast, r.role AS rRole
       FROM messages m
       LEFT JOIN users r ON r.id = m.recipient_id
       LEFT JOIN courses c ON c.id = m.course_id
      WHERE m.sender_id = :me AND m.sender_deleted_at IS NULL AND m.deleted_at IS NULL
        ${before !== null ? 'AND m.id < :before' : ''}
      ORDER BY m.id DESC
      LIMIT :limit`,
    { replacements: { me: actor.id, before, limit: input.limit + 1 }, type: QueryTypes.SELECT },
  );
  const page = rows.slice(0, input.limit);
  // Read receipts of the page's broadcasts, in one grouped query.
  const broadcastIds = page.filter((r) => r.type === 'broadcast').map((r) => Number(r.id));
  const stats = new Map<number, { total: number; read: number }>();
  if (broadcastIds.length > 0) {
    const counts = await deps.db.sequelize.query<{ messageId: number; total: number; readCount: number }>(
      `SELECT message_id AS messageId, COUNT(*) AS total, SUM(CASE WHEN is_read THEN 1 ELSE 0 END) AS readCount
         FROM message_recipients WHERE message_id IN (:ids) GROUP BY message_id`,
      { replacements: { ids: broadcastIds }, type: QueryTypes.SELECT },
    );
    for (const c of counts)
      stats.set(Number(c.messageId), { total: Number(c.total), read: Number(c.readCount) });
  }
  return {
    items: page.map((r) => {
      const s = stats.get(Number(r.id));
      return {
        id: Number(r.id),
        threadId: Number(r.threadId ?? r.id),
        subject: r.subject,
        preview: preview(r.excerpt),
        type: r.type,
        createdAt: toIso(r.createdAt)!,
        recipient: user(r.rId, r.rFirst, r.rLast, r.rRole),
        course: course(r.courseId, r.courseTitle),
        audience: r.audience,
        recipientCount: s ? s.total : 1,
        readCount: s ? s.read : r.isRead ? 1 : 0,
      };
    }),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null,
  };
}

/** Visible to the caller: theirs (not removed from "sent") or received (not removed from the inbox). */
const VISIBLE = `((m.sender_id = :me AND m.sender_deleted_at IS NULL) OR (mr.id IS NOT NULL AND mr.deleted_at IS NULL))`;

/** The root of the conversation `messageId` belongs to, if the caller can see that message. */
export async function visibleThreadRoot(deps: Deps, actor: Actor, messageId: number): Promise<number> {
  const rows = await deps.db.sequelize.query<{ id: number; threadId: number | null }>(
    `SELECT m.id, m.thread_id AS threadId FROM messages m
       LEFT JOIN message_recipients mr ON mr.message_id = m.id AND mr.user_id = :me
      WHERE m.id = :id AND m.deleted_at IS NULL AND ${VISIBLE}`,
    { replacements: { me: actor.id, id: messageId }, type: QueryTypes.SELECT },
  );
  if (rows.length === 0) throw new NotFoundError('Message', { field: 'messageId', id: messageId });
  return Number(rows[0].threadId ?? rows[0].id);
}

interface ThreadRow {
  id: number;
  subject: string;
  content: string;
  type: MessageType;
  createdAt: string | Date;
  senderId: number;
  sFirst: string;
  sLast: string;
  sRole: Role;
  rId: number | null;
  rFirst: string | null;
  rLast: string | null;
  rRole: Role | null;
  courseId: number | null;
  courseTitle: string | null;
  audience: string | null;
  directRead: number | boolean | null;
  myRead: number | boolean | null;
}

/** The conversation of `messageId`, oldest first, limited to the messages the caller can see. */
export async function getThread(deps: Deps, actor: Actor, input: MessageIdInput): Promise<ThreadDto> {
  const root = await visibleThreadRoot(deps, actor, input.messageId);
  const rows = await deps.db.sequelize.query<ThreadRow>(
    `SELECT m.id, m.subject, m.content, m.message_type AS type, m.created_at AS createdAt,
            s.id AS senderId, s.first_name AS sFirst, s.last_name AS sLast, s.role AS sRole,
            r.id AS rId, r.first_name AS rFirst, r.last_name AS rLast, r.role AS rRole,
            m.course_id AS courseId, c.title AS courseTitle, m.audience,
            m.is_read AS directRead, mr.is_read AS myRead
       FROM messages m
       JOIN users s ON s.id = m.sender_id
       LEFT JOIN users r ON r.id = m.recipient_id
       LEFT JOIN courses c ON c.id = m.course_id
       LEFT JOIN message_recipients mr ON mr.message_id = m.id AND mr.user_id = :me
      WHERE (m.id = :root OR m.thread_id = :root) AND m.deleted_at IS NULL AND ${VISIBLE}
      ORDER BY m.created_at, m.id`,
    { replacements: { me: actor.id, root }, type: QueryTypes.SELECT },
  );
  const messages = rows.map((r): ThreadMessageDto => {
    const isMine = Number(r.senderId) === actor.id;
    return {
      id: Number(r.id),
      subject: r.subject,
      content: r.content,
      type: r.type,
      createdAt: toIso(r.createdAt)!,
      sender: user(r.senderId, r.sFirst, r.sLast, r.sRole)!,
      recipient: user(r.rId, r.rFirst, r.rLast, r.rRole),
      course: course(r.courseId, r.courseTitle),
      audience: r.audience,
      isMine,
      isRead: isMine ? !!Number(r.directRead) : !!Number(r.myRead),
    };
  });
  return { rootId: root, subject: messages[0]?.subject ?? '', messages };
}

export async function countUnreadMessages(deps: Deps, actor: Actor): Promise<number> {
  const rows = await deps.db.sequelize.query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM message_recipients mr
       JOIN messages m ON m.id = mr.message_id AND m.deleted_at IS NULL
      WHERE mr.user_id = :me AND mr.is_read = FALSE AND mr.deleted_at IS NULL`,
    { replacements: { me: actor.id }, type: QueryTypes.SELECT },
  );
  return Number(rows[0]?.n ?? 0);
}
