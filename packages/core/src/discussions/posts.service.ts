// Replies and comments, upvotes, accepted answers (with their XP), following.
import { Course, DiscussionPost, type DiscussionThread } from '@mdsc/db';
import { XP_AWARDS, type AcceptAnswerInput, type CreatePostInput, type FollowInput, type VoteInput } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { settleAwards } from '../gamification/events';
import { ensureUserRows, lockUserXp } from '../gamification/ledger';
import { lockStreak } from '../gamification/streaks';
import { localDay } from '../gamification/time';
import { execute, forUpdate, insertCount, insertIgnore, selectRows, withTransaction } from '../gamification/sql';
import { notify } from '../notifications/notify';
import { loadDiscussionAccess } from './access';
import { fanOut } from './fanout';
import {
  checkAttachments,
  createOnce,
  markThreadSeen,
  refreshThreadCounters,
  reviewStatusFor,
  saveAttachments,
  setFollow,
  spendPostingBudget,
} from './posting';
import { renderDiscussionMarkdown } from './render';
import { loadVisibleThread, visiblePostsWhere } from './thread-page.service';
import { authorName } from './threads.service';

type Deps = CoreDeps;

export interface CreatedPost {
  id: number;
  threadId: number;
  isPending: boolean;
}

export async function createPost(deps: Deps, actor: Actor, input: CreatePostInput): Promise<CreatedPost> {
  const { thread, access } = await loadVisibleThread(actor, input.threadId);
  if (thread.isLocked && !access.isModerator) {
    throw new ForbiddenError('This thread is locked', { reason: 'thread_locked' });
  }
  return createOnce(
    input.clientKey,
    async (clientKey) => {
      // paranoid: false — a deleted post still spent its key.
      const p = await DiscussionPost.findOne({ attributes: ['id', 'threadId', 'reviewStatus'], where: { authorId: actor.id, clientKey }, paranoid: false });
      if (p && p.threadId !== thread.id) throw new ValidationError('clientKey', 'This key belongs to another post');
      return p && { id: p.id, threadId: p.threadId, isPending: p.reviewStatus === 'pending' };
    },
    () => insertPost(deps, actor, input, thread, access),
  );
}

async function insertPost(
  deps: Deps,
  actor: Actor,
  input: CreatePostInput,
  thread: DiscussionThread,
  access: Awaited<ReturnType<typeof loadVisibleThread>>['access'],
): Promise<CreatedPost> {
  let parentAuthorId: number | null = null;
  if (input.parentId) {
    // Two levels only: a comment answers a reply of this thread, never another comment.
    const parent = await DiscussionPost.findOne({
      attributes: ['id', 'parentId', 'authorId'],
      where: { ...visiblePostsWhere(actor, access.isModerator), id: input.parentId, threadId: thread.id },
    });
    if (!parent || parent.parentId !== null) {
      throw new ValidationError('parentId', 'Comment on a reply of this thread');
    }
    parentAuthorId = parent.authorId;
  }
  const mediaIds = await checkAttachments(actor, thread.courseId, input.attachmentIds);
  await spendPostingBudget(deps, actor, access.isModerator);
  const reviewStatus = await reviewStatusFor(deps, actor, access.isModerator);
  const bodyHtml = renderDiscussionMarkdown(input.body);

  const post = await withTransaction(deps.db, async (tx) => {
    const p = await DiscussionPost.create(
      {
        threadId: thread.id,
        parentId: input.parentId ?? null,
        authorId: actor.id,
        body: input.body,
        bodyHtml,
        reviewStatus,
        clientKey: input.clientKey ?? null,
      },
      { transaction: tx },
    );
    await saveAttachments(deps.db, 'post', p.id, mediaIds, tx);
    if (reviewStatus === 'approved') {
      await publishPost(deps, thread, access.course, p, parentAuthorId, tx);
      await markThreadSeen(deps.db, actor.id, thread.id, p.id, tx);
    }
    return p;
  });
  return { id: post.id, threadId: thread.id, isPending: reviewStatus === 'pending' };
}

/** A post becomes visible (now, or when approved): counters, activity time, notifications. */
export async function publishPost(
  deps: Deps,
  thread: DiscussionThread,
  course: { id: number; title: string; instructorId: number },
  p: DiscussionPost,
  parentAuthorId: number | null,
  tx: Parameters<typeof fanOut>[2],
): Promise<void> {
  await refreshThreadCounters(deps.db, thread.id, tx);
  await execute(deps.db, 'UPDATE discussion_threads SET last_activity_at = ? WHERE id = ?', [deps.clock.now(), thread.id], tx);
  await fanOut(
    deps,
    {
      course,
      thread: { id: thread.id, title: thread.title, authorId: thread.authorId, category: thread.category },
      actor: { id: p.authorId, name: await authorName(p.authorId) },
      postId: p.id,
      parentAuthorId,
      body: p.body,
    },
    tx,
  );
}

/** The course and author of a vote's target, if the caller may see it. */
async function loadTarget(actor: Actor, target: 'thread' | 'post', id: number) {
  if (target === 'thread') {
    const { thread, access } = await loadVisibleThread(actor, id);
    return { table: 'discussion_threads', authorId: thread.authorId, thread, access };
  }
  const post = await DiscussionPost.findByPk(id, { attributes: ['id', 'threadId', 'authorId', 'isHidden', 'reviewStatus'] });
  if (!post) throw new NotFoundError('Post', { field: 'id', id });
  const { thread, access } = await loadVisibleThread(actor, post.threadId);
  if (!access.isModerator && (post.isHidden || (post.reviewStatus === 'pending' && post.authorId !== actor.id))) {
    throw new NotFoundError('Post', { field: 'id', id });
  }
  return { table: 'discussion_posts', authorId: post.authorId, thread, access, post };
}
export { loadTarget as loadDiscussionTarget };

/**
 * Sets the caller's upvote. The unique key (user, target) decides: the counter moves only when a
 * row was really inserted or deleted, in the same transaction — so 20 concurrent clicks count one.
 */
export async function vote(deps: Deps, actor: Actor, input: VoteInput): Promise<{ voteCount: number; myVote: boolean }> {
  const t = await loadTarget(actor, input.target, input.id);
  if (t.authorId === actor.id) throw new ForbiddenError('You cannot vote for your own post', { reason: 'own_post' });
  const { db } = deps;
  return withTransaction(db, async (tx) => {
    if (input.up) {
      const n = await insertCount(
        db,
        `${insertIgnore(db)} INTO discussion_votes (user_id, target_type, target_id, created_at) VALUES (?, ?, ?, ?)`,
        [actor.id, input.target, input.id, new Date()],
        tx,
      );
      if (n > 0) await execute(db, `UPDATE ${t.table} SET vote_count = vote_count + 1 WHERE id = ?`, [input.id], tx);
    } else {
      const n = await execute(
        db,
        'DELETE FROM discussion_votes WHERE user_id = ? AND target_type = ? AND target_id = ?',
        [actor.id, input.target, input.id],
        tx,
      );
      if (n > 0) {
        await execute(
          db,
          `UPDATE ${t.table} SET vote_count = CASE WHEN vote_count > 0 THEN vote_count - 1 ELSE 0 END WHERE id = ?`,
          [input.id],
          tx,
        );
      }
    }
    const [row] = await selectRows<{ vote_count: number }>(db, `SELECT vote_count FROM ${t.table} WHERE id = ?`, [input.id], tx);
    return { voteCount: Number(row?.vote_count ?? 0), myVote: input.up };
  });
}

/**
 * Marks (or withdraws) the accepted answer of a question: its author or a moderator. The first
 * accepted answer's author earns `answer_accepted` XP, once per thread: the thread row is locked,
 * answer_xp_user_id records the payment, and the ledger's unique key (user, reason, thread) backs
 * it. Accepting one's own reply pays nothing; withdrawing never takes XP back.
 */
export async function acceptAnswer(
  deps: Deps,
  actor: Actor,
  input: AcceptAnswerInput,
): Promise<{ acceptedPostId: number | null; xpPaidTo: number | null }> {
  const { thread, access } = await loadVisibleThread(actor, input.threadId);
  if (thread.category !== 'question') throw new ValidationError('threadId', 'Only questions have an accepted answer');
  if (!access.isModerator && thread.authorId !== actor.id) {
    throw new ForbiddenError("Only the question's author or the instructor accepts an answer");
  }
  let answer: DiscussionPost | null = null;
  if (input.postId !== null) {
    answer = await DiscussionPost.findOne({
      attributes: ['id', 'authorId', 'parentId'],
      where: { id: input.postId, threadId: thread.id, isHidden: false, reviewStatus: 'approved' },
    });
    if (!answer || answer.parentId !== null) throw new ValidationError('postId', 'Accept a reply of this question');
  }
  const payee = answer && answer.authorId !== thread.authorId ? answer.authorId : null;
  if (payee) await ensureUserRows(deps, payee);
  const course = await Course.findByPk(thread.courseId, { attributes: ['id', 'categoryId'] });
  const { db } = deps;

  const result = await withTransaction(db, async (tx) => {
    const [locked] = await selectRows<{ answer_xp_user_id: number | null }>(
      db,
      `SELECT answer_xp_user_id FROM discussion_threads WHERE id = ?${forUpdate(db)}`,
      [thread.id],
      tx,
    );
    await execute(db, 'UPDATE discussion_threads SET accepted_post_id = ? WHERE id = ?', [answer?.id ?? null, thread.id], tx);
    let xpPaidTo: number | null = null;
    if (payee && locked && locked.answer_xp_user_id == null) {
      const before = await lockUserXp(deps, payee, tx);
      const streak = await lockStreak(deps, payee, tx);
      const at = deps.clock.now();
      // Through the one settlement of every XP source: the answer's XP also moves the answerer's
      // challenges (an "earn 200 XP this week" one) and has their badges evaluated.
      const settled = await settleAwards(
        deps,
        tx,
        payee,
        before,
        [
          {
            reason: 'answer_accepted',
            amount: XP_AWARDS.answer_accepted,
            sourceType: 'discussion_thread',
            sourceId: thread.id,
            categoryId: course?.categoryId ?? null,
            at,
          },
        ],
        { day: localDay(at, deps.config.timezone), at, streak, streakChanged: false, reason: 'answer_accepted', jobKey: `answer-${thread.id}` },
      );
      await execute(db, 'UPDATE discussion_threads SET answer_xp_user_id = ? WHERE id = ?', [payee, thread.id], tx);
      if (settled.gained > 0) xpPaidTo = payee;
    }
    if (answer && answer.authorId !== actor.id && thread.acceptedPostId !== answer.id) {
      await notify(
        deps,
        {
          userId: answer.authorId,
          type: 'discussion_answer_accepted',
          data: {
            courseId: access.course.id,
            courseTitle: access.course.title,
            threadId: thread.id,
            threadTitle: thread.title,
            postId: answer.id,
            actorName: await authorName(actor.id),
          },
        },
        tx,
      );
    }
    return { acceptedPostId: answer?.id ?? null, xpPaidTo };
  });
  return result;
}

export async function followThread(deps: Deps, actor: Actor, input: FollowInput): Promise<{ isFollowing: boolean }> {
  const { thread } = await loadVisibleThread(actor, input.threadId);
  await setFollow(deps.db, actor.id, thread.id, input.follow);
  return { isFollowing: input.follow };
}

/** Marks every thread of a course as read for the caller ("tout marquer comme lu"): one statement. */
export async function markCourseRead(deps: Deps, actor: Actor, courseId: number): Promise<{ ok: true }> {
  await loadDiscussionAccess(actor, courseId);
  const { db } = deps;
  const select = `SELECT ?, t.id, t.last_post_id, ? FROM discussion_threads t WHERE t.course_id = ? AND t.deleted_at IS NULL`;
  const sql =
    db.dialect === 'mysql'
      ? `INSERT INTO discussion_reads (user_id, thread_id, last_read_post_id, updated_at) ${select}
         ON DUPLICATE KEY UPDATE last_read_post_id = GREATEST(last_read_post_id, VALUES(last_read_post_id)), updated_at = VALUES(updated_at)`
      : // SQLite needs the WHERE for its INSERT … SELECT … ON CONFLICT to parse.
        `INSERT INTO discussion_reads (user_id, thread_id, last_read_post_id, updated_at) ${select}
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = MAX(last_read_post_id, excluded.last_read_post_id), updated_at = excluded.updated_at`;
  await execute(db, sql, [actor.id, new Date(), courseId]);
  return { ok: true };
}
