// A course's discussion list (sorts, filters, search, unread markers, keyset pages) and new threads.
import { DiscussionThread, Lesson, User } from '@mdsc/db';
import type {
  CreateThreadInput,
  DiscussionListInput,
  DiscussionSort,
  DiscussionThreadSummaryDto,
} from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, ValidationError } from '../errors';
import { fulltextTerms } from '../catalog/course-list.sql';
import { selectRows, withTransaction } from '../gamification/sql';
import { loadDiscussionAccess } from './access';
import { iso, rawAuthorDto } from './dto';
import { fanOut } from './fanout';
import { checkAttachments, createOnce, markThreadSeen, setFollow, reviewStatusFor, saveAttachments, spendPostingBudget } from './posting';
import { discussionExcerpt, renderDiscussionMarkdown } from './render';

type Deps = CoreDeps;

export interface DiscussionListPage {
  course: { id: number; title: string; slug: string };
  canModerate: boolean;
  canAnnounce: boolean;
  items: DiscussionThreadSummaryDto[];
  nextCursor: string | null;
}

interface ListCursor {
  sort: DiscussionSort;
  /** newest: is_pinned (0/1); votes: vote_count; unanswered: unused (0). */
  key: number;
  id: number;
}

function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id])).toString('base64url');
}

function decodeCursor(raw: string, sort: DiscussionSort): ListCursor {
  try {
    const [s, key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (s === sort && Number.isInteger(key) && Number.isInteger(id)) return { sort, key: key as number, id: id as number };
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'Invalid cursor (or from another sort order)');
}

function likeToken(t: string): string {
  return `%${t.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
}

/**
 * One statement per page: threads of the course with their author, lesson title and the caller's
 * read marker (LEFT JOIN), keyset-paginated on the sort's index. Learners do not see hidden
 * threads, nor pending ones but their own; moderators see everything not deleted.
 */
export async function listThreads(deps: Deps, actor: Actor, input: DiscussionListInput): Promise<DiscussionListPage> {
  const access = await loadDiscussionAccess(actor, input.courseId);
  const dialect = deps.db.dialect;
  const where = ['t.course_id = :courseId', 't.deleted_at IS NULL'];
  const r: Record<string, unknown> = { courseId: input.courseId, me: actor.id };
  if (!access.isModerator) where.push("t.is_hidden = FALSE AND (t.review_status = 'approved' OR t.author_id = :me)");
  if (input.category) {
    where.push('t.category = :category');
    r.category = input.category;
  }
  if (input.lessonId) {
    where.push('t.lesson_id = :lessonId');
    r.lessonId = input.lessonId;
  }
  if (input.sort === 'unanswered') where.push("t.category = 'question' AND t.accepted_post_id IS NULL");
  const q = input.q?.trim();
  if (q) {
    const terms = dialect === 'mysql' ? fulltextTerms(q) : [];
    if (terms.length) {
      where.push('MATCH (t.title, t.body) AGAINST (:ft IN BOOLEAN MODE)');
      r.ft = terms.join(' ');
    } else {
      // SQLite, or only very short words: every word somewhere in the title or body.
      q.normalize('NFC')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .slice(0, 8)
        .forEach((tok, i) => {
          where.push(`(t.title LIKE :w${i} ESCAPE '!' OR t.body LIKE :w${i} ESCAPE '!')`);
          r[`w${i}`] = likeToken(tok);
        });
    }
  }
  const keyCol = input.sort === 'newest' ? 't.is_pinned' : input.sort === 'votes' ? 't.vote_count' : null;
  if (input.cursor) {
    const c = decodeCursor(input.cursor, input.sort);
    r.cursorKey = c.key;
    r.cursorId = c.id;
    where.push(keyCol ? `(${keyCol} < :cursorKey OR (${keyCol} = :cursorKey AND t.id < :cursorId))` : 't.id < :cursorId');
  }
  r.limit = input.limit + 1;
  const order = keyCol ? `${keyCol} DESC, t.id DESC` : 't.id DESC';
  const rows = await selectRows<Record<string, unknown>>(
    deps.db,
    `SELECT t.id, t.course_id, t.lesson_id, t.category, t.title, SUBSTRING(t.body, 1, 600) AS body_start,
            t.author_id, t.vote_count, t.reply_count, t.is_pinned, t.is_locked, t.is_hidden, t.review_status,
            t.accepted_post_id, t.last_post_id, t.created_at, t.last_activity_at,
            u.first_name AS author_first_name, u.last_name AS author_last_name, u.role AS author_role,
            u.avatar_url AS author_avatar_url, l.title AS lesson_title,
            rd.id AS read_id, rd.last_read_post_id
       FROM discussion_threads t
       JOIN users u ON u.id = t.author_id
       LEFT JOIN lessons l ON l.id = t.lesson_id AND l.deleted_at IS NULL
       LEFT JOIN discussion_reads rd ON rd.thread_id = t.id AND rd.user_id = :me
      WHERE ${where.join(' AND ')}
      ORDER BY ${order}
      LIMIT :limit`,
    r,
  );
  const page = rows.slice(0, input.limit);
  const items = page.map((row): DiscussionThreadSummaryDto => {
    const readId = row.read_id;
    return {
      id: Number(row.id),
      courseId: Number(row.course_id),
      lessonId: row.lesson_id == null ? null : Number(row.lesson_id),
      lessonTitle: (row.lesson_title as string | null) ?? null,
      category: row.category as DiscussionThreadSummaryDto['category'],
      title: String(row.title),
      excerpt: discussionExcerpt(String(row.body_start ?? '')),
      author: rawAuthorDto(row),
      voteCount: Number(row.vote_count),
      replyCount: Number(row.reply_count),
      isPinned: !!Number(row.is_pinned),
      isLocked: !!Number(row.is_locked),
      isHidden: !!Number(row.is_hidden),
      isPending: row.review_status === 'pending',
      isAnswered: row.accepted_post_id != null,
      unread: readId == null || Number(row.last_post_id) > Number(row.last_read_post_id ?? 0),
      createdAt: iso(row.created_at as Date),
      lastActivityAt: iso(row.last_activity_at as Date),
    };
  });
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor({
          sort: input.sort,
          key: input.sort === 'newest' ? Number(last.is_pinned) : input.sort === 'votes' ? Number(last.vote_count) : 0,
          id: Number(last.id),
        })
      : null;
  return {
    course: { id: access.course.id, title: access.course.title, slug: access.course.slug },
    canModerate: access.isModerator,
    canAnnounce: access.isModerator,
    items,
    nextCursor,
  };
}

export interface CreatedThread {
  id: number;
  isPending: boolean;
}

export async function createThread(deps: Deps, actor: Actor, input: CreateThreadInput): Promise<CreatedThread> {
  const access = await loadDiscussionAccess(actor, input.courseId);
  if (input.category === 'announcement' && !access.isModerator) {
    throw new ForbiddenError('Only the instructor posts announcements', { reason: 'announcement_moderators_only' });
  }
  if (input.lessonId) {
    const lesson = await Lesson.findOne({ attributes: ['id'], where: { id: input.lessonId, courseId: input.courseId } });
    if (!lesson) throw new ValidationError('lessonId', 'This lesson is not part of the course');
  }
  return createOnce(
    input.clientKey,
    async (clientKey) => {
      // paranoid: false — a deleted thread still spent its key.
      const t = await DiscussionThread.findOne({ attributes: ['id', 'courseId', 'reviewStatus'], where: { authorId: actor.id, clientKey }, paranoid: false });
      if (t && t.courseId !== input.courseId) throw new ValidationError('clientKey', 'This key belongs to another thread');
      return t && { id: t.id, isPending: t.reviewStatus === 'pending' };
    },
    () => insertThread(deps, actor, input, access),
  );
}

async function insertThread(
  deps: Deps,
  actor: Actor,
  input: CreateThreadInput,
  access: Awaited<ReturnType<typeof loadDiscussionAccess>>,
): Promise<CreatedThread> {
  const mediaIds = await checkAttachments(actor, input.courseId, input.attachmentIds);
  await spendPostingBudget(deps, actor, access.isModerator);
  const reviewStatus = await reviewStatusFor(deps, actor, access.isModerator);
  const bodyHtml = renderDiscussionMarkdown(input.body);

  const thread = await withTransaction(deps.db, async (tx) => {
    const t = await DiscussionThread.create(
      {
        courseId: input.courseId,
        lessonId: input.lessonId ?? null,
        authorId: actor.id,
        category: input.category,
        title: input.title,
        body: input.body,
        bodyHtml,
        reviewStatus,
        lastActivityAt: deps.clock.now(),
        clientKey: input.clientKey ?? null,
      },
      { transaction: tx },
    );
    await saveAttachments(deps.db, 'thread', t.id, mediaIds, tx);
    // The author follows their own thread and has read it.
    await setFollow(deps.db, actor.id, t.id, true, tx);
    await markThreadSeen(deps.db, actor.id, t.id, 0, tx);
    if (reviewStatus === 'approved') await threadFanOut(deps, t, access.course, actor, tx);
    return t;
  });
  return { id: thread.id, isPending: reviewStatus === 'pending' };
}

/** Notifications of a new (or newly approved) thread: mentions, and announcements to learners. */
export async function threadFanOut(
  deps: Deps,
  t: DiscussionThread,
  course: { id: number; title: string; instructorId: number },
  author: { id: number },
  tx: Parameters<typeof fanOut>[2],
): Promise<void> {
  const name = await authorName(author.id);
  await fanOut(
    deps,
    {
      course,
      thread: { id: t.id, title: t.title, authorId: t.authorId, category: t.category },
      actor: { id: author.id, name },
      body: t.body,
    },
    tx,
  );
}

export async function authorName(userId: number): Promise<string> {
  const u = await User.findByPk(userId, { attributes: ['id', 'firstName', 'lastName'] });
  return u ? `${u.firstName} ${u.lastName}`.trim() : '';
}
