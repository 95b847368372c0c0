// Reports, moderation actions (hide / unhide / delete / approve, pin, lock) and the moderation
// queue. Moderators are the course's instructor and admins; an author may delete their own words.
import { Course, DiscussionPost, DiscussionReport, DiscussionThread, User } from '@mdsc/db';
import type {
  ModerateInput,
  ModerationQueueInput,
  ReportInput,
  ResolveReportsInput,
  ThreadFlagsInput,
} from '@mdsc/validators';
import { Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { execute, insertIgnore, selectRows, withTransaction } from '../gamification/sql';
import { assertModerator } from './access';
import { AUTHOR_ATTRIBUTES, authorDto, iso, parseIdCursor } from './dto';
import { loadDiscussionTarget, publishPost } from './posts.service';
import { refreshThreadCounters } from './posting';
import { discussionExcerpt } from './render';
import { threadFanOut } from './threads.service';

type Deps = CoreDeps;

/** One report per user and target; reporting again changes nothing (and is not an error). */
export async function reportContent(deps: Deps, actor: Actor, input: ReportInput): Promise<{ reported: true }> {
  const t = await loadDiscussionTarget(actor, input.target, input.id);
  if (t.authorId === actor.id) throw new ForbiddenError('You cannot report your own post', { reason: 'own_post' });
  await execute(
    deps.db,
    `${insertIgnore(deps.db)} INTO discussion_reports (course_id, reporter_id, target_type, target_id, reason, details, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
    [t.thread.courseId, actor.id, input.target, input.id, input.reason, input.details || null, new Date()],
  );
  return { reported: true };
}

async function closeReports(deps: Deps, actor: Actor, target: string, id: number, outcome: string, tx?: Parameters<typeof execute>[3]) {
  await execute(
    deps.db,
    `UPDATE discussion_reports SET status = ?, resolved_by = ?, resolved_at = ?
      WHERE target_type = ? AND target_id = ? AND status = 'open'`,
    [outcome, actor.id, new Date(), target, id],
    tx,
  );
}

/**
 * hide / unhide (reversible, the content stays for moderators), delete (soft: deleted_at), approve
 * (a first post waiting for review becomes visible and its notifications go out). Hiding or
 * deleting closes the target's open reports as resolved.
 */
export async function moderate(deps: Deps, actor: Actor, input: ModerateInput): Promise<{ ok: true }> {
  const isPost = input.target === 'post';
  const row = isPost
    ? await DiscussionPost.findByPk(input.id)
    : await DiscussionThread.findByPk(input.id);
  if (!row) throw new NotFoundError(isPost ? 'Post' : 'Thread', { field: 'id', id: input.id });
  const thread = isPost
    ? await DiscussionThread.findByPk((row as DiscussionPost).threadId)
    : (row as DiscussionThread);
  if (!thread) throw new NotFoundError('Thread', { field: 'id', id: input.id });
  // An author may delete their own thread or post; everything else is for moderators.
  const ownDelete = input.action === 'delete' && row.authorId === actor.id;
  const access = ownDelete ? null : await assertModerator(actor, thread.courseId);
  const course = access?.course ?? (await Course.findByPk(thread.courseId, { attributes: ['id', 'title', 'instructorId'] }))!;

  const table = isPost ? 'discussion_posts' : 'discussion_threads';
  const set = (sql: string, values: unknown[], tx: Parameters<typeof execute>[3]) =>
    execute(deps.db, `UPDATE ${table} SET ${sql} WHERE id = ?`, [...values, row.id], tx);
  await withTransaction(deps.db, async (tx) => {
    const wasVisible = !row.isHidden && row.reviewStatus === 'approved';
    switch (input.action) {
      case 'hide':
        await set('is_hidden = TRUE', [], tx);
        await closeReports(deps, actor, input.target, input.id, 'resolved', tx);
        break;
      case 'unhide':
        await set('is_hidden = FALSE', [], tx);
        break;
      case 'delete':
        await row.destroy({ transaction: tx });
        await closeReports(deps, actor, input.target, input.id, 'resolved', tx);
        if (isPost && thread.acceptedPostId === row.id) {
          await execute(deps.db, 'UPDATE discussion_threads SET accepted_post_id = NULL WHERE id = ?', [thread.id], tx);
        }
        break;
      case 'approve':
        if (row.reviewStatus !== 'pending') break;
        await set("review_status = 'approved'", [], tx);
        row.reviewStatus = 'approved';
        if (!row.isHidden) {
          if (isPost) {
            const p = row as DiscussionPost;
            const parent = p.parentId
              ? await DiscussionPost.findByPk(p.parentId, { attributes: ['authorId'], transaction: tx })
              : null;
            await publishPost(deps, thread, course, p, parent?.authorId ?? null, tx);
          } else {
            await threadFanOut(deps, thread, course, { id: thread.authorId }, tx);
          }
        }
        break;
    }
    if (isPost && (wasVisible || input.action === 'unhide')) await refreshThreadCounters(deps.db, thread.id, tx);
  });
  return { ok: true };
}

export async function setThreadFlags(
  deps: Deps,
  actor: Actor,
  input: ThreadFlagsInput,
): Promise<{ isPinned: boolean; isLocked: boolean }> {
  const thread = await DiscussionThread.findByPk(input.threadId);
  if (!thread) throw new NotFoundError('Thread', { field: 'threadId', id: input.threadId });
  await assertModerator(actor, thread.courseId);
  const changes: Partial<{ isPinned: boolean; isLocked: boolean }> = {};
  if (input.pinned !== undefined) changes.isPinned = input.pinned;
  if (input.locked !== undefined) changes.isLocked = input.locked;
  if (Object.keys(changes).length) await thread.update(changes);
  return { isPinned: thread.isPinned, isLocked: thread.isLocked };
}

export async function resolveReports(deps: Deps, actor: Actor, input: ResolveReportsInput): Promise<{ ok: true }> {
  const t = await loadDiscussionTarget(actor, input.target, input.id);
  await assertModerator(actor, t.thread.courseId);
  await closeReports(deps, actor, input.target, input.id, input.outcome);
  return { ok: true };
}

export interface ModerationItem {
  target: 'thread' | 'post';
  id: number;
  threadId: number;
  threadTitle: string;
  course: { id: number; title: string };
  author: ReturnType<typeof authorDto>;
  excerpt: string;
  isHidden: boolean;
  isPending: boolean;
  reportCount: number;
  reasons: string[];
  details: string[];
  createdAt: string;
}

/** Courses whose discussions `actor` moderates, as SQL on `col` (admins: every course). Only
 * integers are interpolated (ids from the session and the validated input). */
function moderatedCourses(actor: Actor, courseId: number | undefined, col: string): string {
  const parts: string[] = [];
  if (courseId) parts.push(`${col} = ${Number(courseId)}`);
  if (actor.role !== 'admin') parts.push(`${col} IN (SELECT id FROM courses WHERE instructor_id = ${Number(actor.id)})`);
  return parts.length ? parts.join(' AND ') : '1 = 1';
}

/**
 * What needs a moderator: reported content (grouped per target, newest report first) and content
 * waiting for first-post review. Keyset pages on a sequence key: the latest report id for reported
 * items, and for pending ones their own id in a second section after the reports.
 */
export async function moderationQueue(
  deps: Deps,
  actor: Actor,
  input: ModerationQueueInput,
): Promise<{ items: ModerationItem[]; nextCursor: string | null }> {
  if (actor.role === 'student') throw new ForbiddenError('Moderators only');
  if (input.courseId) await assertModerator(actor, input.courseId);
  // Cursor: "r<report id>" while in reports, "p<post id>" / "t<thread id>" in the pending section.
  const raw = input.cursor ?? '';
  const section = raw ? raw[0] : 'r';
  const after = raw ? parseIdCursor(raw.slice(1)) : null;
  if (!'rpt'.includes(section)) throw new ValidationError('cursor', 'Invalid cursor');
  const limit = input.limit;
  const out: ModerationItem[] = [];
  let nextCursor: string | null = null;

  if (section === 'r') {
    const r: Record<string, unknown> = { limit: limit + 1 };
    const scope = moderatedCourses(actor, input.courseId, 'x.course_id');
    if (after !== null) r.after = after;
    const groups = await selectRows<{ target_type: 'thread' | 'post'; target_id: number; last_id: number; n: number }>(
      deps.db,
      `SELECT x.target_type, x.target_id, MAX(x.id) AS last_id, COUNT(*) AS n
         FROM discussion_reports x
        WHERE x.status = 'open' AND ${scope}
        GROUP BY x.target_type, x.target_id
        ${after !== null ? 'HAVING MAX(x.id) < :after' : ''}
        ORDER BY last_id DESC
        LIMIT :limit`,
      r,
    );
    const page = groups.slice(0, limit);
    out.push(...(await describe(page.map((g) => ({ target: g.target_type, id: Number(g.target_id), reportCount: Number(g.n) })))));
    if (groups.length > limit) return { items: out, nextCursor: `r${page[page.length - 1].last_id}` };
  }
  // Pending first posts: posts, then threads, each by id (descending).
  for (const kind of ['p', 't'] as const) {
    if (section === 't' && kind === 'p') continue;
    const room = limit - out.length;
    if (room <= 0) {
      nextCursor = kind; // the start of that section
      break;
    }
    const model = kind === 'p' ? DiscussionPost : DiscussionThread;
    const scope = moderatedCourses(actor, input.courseId, 'course_id');
    const idWhere = section === kind && after !== null ? { id: { [Op.lt]: after } } : {};
    const threadScope =
      kind === 'p'
        ? { threadId: { [Op.in]: deps.db.sequelize.literal(`(SELECT id FROM discussion_threads WHERE ${scope})`) } }
        : { id: { [Op.in]: deps.db.sequelize.literal(`(SELECT id FROM discussion_threads WHERE ${scope})`) } };
    const rows = await (model as typeof DiscussionPost).findAll({
      attributes: ['id'],
      where: { reviewStatus: 'pending', [Op.and]: [idWhere, threadScope] },
      order: [['id', 'DESC']],
      limit: room + 1,
    });
    const page = rows.slice(0, room);
    out.push(...(await describe(page.map((p) => ({ target: kind === 'p' ? 'post' : 'thread', id: p.id, reportCount: 0 })))));
    if (rows.length > room) {
      nextCursor = `${kind}${page[page.length - 1].id}`;
      break;
    }
  }
  return { items: out, nextCursor };
}

/** The content of queue entries: one query per table, not per item. */
async function describe(refs: { target: 'thread' | 'post'; id: number; reportCount: number }[]): Promise<ModerationItem[]> {
  if (refs.length === 0) return [];
  const postIds = refs.filter((x) => x.target === 'post').map((x) => x.id);
  const threadIds = refs.filter((x) => x.target === 'thread').map((x) => x.id);
  const posts = postIds.length
    ? await DiscussionPost.findAll({
        where: { id: { [Op.in]: postIds } },
        include: [{ model: User, as: 'author', attributes: AUTHOR_ATTRIBUTES }],
      })
    : [];
  const allThreadIds = [...new Set([...threadIds, ...posts.map((p) => p.threadId)])];
  const threads = await DiscussionThread.findAll({
    where: { id: { [Op.in]: allThreadIds } },
    include: [
      { model: User, as: 'author', attributes: AUTHOR_ATTRIBUTES },
      { model: Course, as: 'course', attributes: ['id', 'title'] },
    ],
  });
  const reports = await DiscussionReport.findAll({
    attributes: ['targetType', 'targetId', 'reason', 'details'],
    where: {
      status: 'open',
      [Op.or]: [
        ...(postIds.length ? [{ targetType: 'post', targetId: { [Op.in]: postIds } }] : []),
        ...(threadIds.length ? [{ targetType: 'thread', targetId: { [Op.in]: threadIds } }] : []),
      ],
    },
    order: [['id', 'ASC']],
  });
  const tById = new Map(threads.map((t) => [t.id, t]));
  const pById = new Map(posts.map((p) => [p.id, p]));
  const items: ModerationItem[] = [];
  for (const ref of refs) {
    const p = ref.target === 'post' ? pById.get(ref.id) : undefined;
    const t = tById.get(p ? p.threadId : ref.id);
    if (!t || (ref.target === 'post' && !p)) continue; // deleted since
    const mine = reports.filter((x) => x.targetType === ref.target && x.targetId === ref.id);
    const src = p ?? t;
    items.push({
      target: ref.target,
      id: ref.id,
      threadId: t.id,
      threadTitle: t.title,
      course: { id: t.course?.id ?? t.courseId, title: t.course?.title ?? '' },
      author: authorDto(src.author),
      excerpt: discussionExcerpt(src.body, 240),
      isHidden: src.isHidden,
      isPending: src.reviewStatus === 'pending',
      reportCount: ref.reportCount,
      reasons: [...new Set(mine.map((x) => x.reason))],
      details: mine.map((x) => x.details).filter((d): d is string => !!d),
      createdAt: iso(src.createdAt),
    });
  }
  return items;
}

/** Open items for the caller's nav badge: the queue's entries (reported content and content awaiting review). */
export async function moderationCount(deps: Deps, actor: Actor): Promise<{ count: number }> {
  if (actor.role === 'student') return { count: 0 };
  const threads = `SELECT id FROM discussion_threads WHERE deleted_at IS NULL AND ${moderatedCourses(actor, undefined, 'course_id')}`;
  const [row] = await selectRows<{ reported: number; threads: number; posts: number }>(
    deps.db,
    `SELECT
      (SELECT COUNT(*) FROM (SELECT DISTINCT x.target_type, x.target_id FROM discussion_reports x
        WHERE x.status = 'open' AND ${moderatedCourses(actor, undefined, 'x.course_id')}) s) AS reported,
      (SELECT COUNT(*) FROM discussion_threads WHERE review_status = 'pending' AND id IN (${threads})) AS threads,
      (SELECT COUNT(*) FROM discussion_posts WHERE review_status = 'pending' AND deleted_at IS NULL AND thread_id IN (${threads})) AS posts`,
    {},
  );
  return { count: Number(row?.reported ?? 0) + Number(row?.threads ?? 0) + Number(row?.posts ?? 0) };
}
