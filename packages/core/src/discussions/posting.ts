// What every new thread and post goes through before it is written: the posting limits, the
// attachments check, and whether it waits for review (first post of a learner, when configured).
import type { Readable } from 'node:stream';
import { DiscussionPost, DiscussionThread, MediaFile } from '@mdsc/db';
import { DISCUSSION_ATTACHMENT_MAX_BYTES } from '@mdsc/validators';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { receiveUpload, type MediaDto } from '../catalog/media.service';
import { chooseMediaCategory } from '../catalog/media-rules';
import type { Actor, CoreDeps } from '../deps';
import { ValidationError } from '../errors';
import { rateLimiterOf } from '../security/rate-limit';
import { loadDiscussionAccess } from './access';
import { execute, insertIgnore } from '../gamification/sql';
import type { Database } from '@mdsc/db';

/**
 * Spends one point of the user's per-minute and per-day posting budgets (Redis, atomic per key),
 * before anything is written; over either: RateLimitedError → TOO_MANY_REQUESTS. Moderators are
 * not limited (an instructor answering a backlog of questions is not spam).
 */
export async function spendPostingBudget(deps: Pick<CoreDeps, 'rateLimiter' | 'config'>, actor: Actor, isModerator: boolean) {
  if (isModerator) return;
  const limiter = rateLimiterOf(deps);
  const key = `user:${actor.id}`;
  await limiter.hit('discussionPost', '', key);
  await limiter.hit('discussionPostDaily', '', key);
}

/** 'pending' when first-post review is on and this learner has nothing approved yet. */
export async function reviewStatusFor(
  deps: Pick<CoreDeps, 'config'>,
  actor: Actor,
  isModerator: boolean,
): Promise<'approved' | 'pending'> {
  if (!deps.config.discussionFirstPostReview || isModerator || actor.role !== 'student') return 'approved';
  const where = { authorId: actor.id, reviewStatus: 'approved' as const };
  const [post, thread] = await Promise.all([
    DiscussionPost.findOne({ attributes: ['id'], where }),
    DiscussionThread.findOne({ attributes: ['id'], where }),
  ]);
  return post || thread ? 'approved' : 'pending';
}

/**
 * Idempotent creation by client key: with a key, a thread or post this author already created with
 * it is returned (no second row, no second budget point, no second notification); a concurrent
 * twin losing the race on the unique (client_key, author_id) index gets the winner's. Without a
 * key, `create` runs as is.
 */
export async function createOnce<T>(
  clientKey: string | null | undefined,
  find: (clientKey: string) => Promise<T | null>,
  create: () => Promise<T>,
): Promise<T> {
  if (!clientKey) return create();
  const earlier = await find(clientKey);
  if (earlier) return earlier;
  try {
    return await create();
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    const winner = await find(clientKey);
    if (!winner) throw err;
    return winner;
  }
}

/**
 * A file for a post, by any member of the course (enrolled learner, its instructor, an admin):
 * through the media pipeline, narrowed to images and documents of at most 10 MB. It is a course
 * file like the others (readable by the course's members) and joins a post through `attachmentIds`.
 */
export async function uploadDiscussionFile(
  deps: CoreDeps,
  actor: Actor,
  input: { courseId: number; filename: string | undefined; stream: Readable },
): Promise<MediaDto> {
  const access = await loadDiscussionAccess(actor, input.courseId);
  if (!access.isModerator) await rateLimiterOf(deps).hit('discussionUpload', '', `user:${actor.id}`);
  return receiveUpload(deps, actor, input, {
    category: (d) => {
      const c = chooseMediaCategory(d.mime, undefined, input.filename ?? '');
      return c === 'image' || c === 'document' ? c : null;
    },
    maxBytes: DISCUSSION_ATTACHMENT_MAX_BYTES,
    metadata: { purpose: 'discussion' },
  });
}

/**
 * Attachments are media files the author uploaded to this course (the upload route already checks
 * type and size); anyone else's file, or another course's, is refused and nothing is written.
 */
export async function checkAttachments(actor: Actor, courseId: number, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await MediaFile.findAll({
    attributes: ['id'],
    where: { id: { [Op.in]: unique }, uploadedBy: actor.id, courseId },
  });
  if (found.length !== unique.length) {
    throw new ValidationError('attachmentIds', 'Attach only files you uploaded to this course');
  }
  return unique;
}

export async function saveAttachments(
  db: Database,
  targetType: 'thread' | 'post',
  targetId: number,
  mediaIds: number[],
  tx: Transaction,
): Promise<void> {
  const now = new Date();
  for (const mediaId of mediaIds) {
    await execute(
      db,
      `${insertIgnore(db)} INTO discussion_attachments (target_type, target_id, media_file_id, created_at) VALUES (?, ?, ?, ?)`,
      [targetType, targetId, mediaId, now],
      tx,
    );
  }
}

/** Moves the user's read marker of a thread forward (never back), in one statement. */
export async function markThreadSeen(
  db: Database,
  userId: number,
  threadId: number,
  postId: number,
  tx?: Transaction,
): Promise<void> {
  const now = new Date();
  const sql =
    db.dialect === 'mysql'
      ? `INSERT INTO discussion_reads (user_id, thread_id, last_read_post_id, updated_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE last_read_post_id = GREATEST(last_read_post_id, VALUES(last_read_post_id)), updated_at = VALUES(updated_at)`
      : `INSERT INTO discussion_reads (user_id, thread_id, last_read_post_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = MAX(last_read_post_id, excluded.last_read_post_id), updated_at = excluded.updated_at`;
  await execute(db, sql, [userId, threadId, postId, now], tx);
}

/**
 * Recounts a thread's visible replies and its last post (after a post is added, hidden, shown,
 * approved or deleted): one UPDATE with subqueries, so concurrent changes cannot drift the counter.
 */
export async function refreshThreadCounters(db: Database, threadId: number, tx: Transaction): Promise<void> {
  await execute(
    db,
    `UPDATE discussion_threads SET
       reply_count = (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = ? AND p.deleted_at IS NULL
                        AND p.is_hidden = FALSE AND p.review_status = 'approved'),
       last_post_id = (SELECT COALESCE(MAX(p.id), 0) FROM discussion_posts p WHERE p.thread_id = ? AND p.deleted_at IS NULL
                        AND p.is_hidden = FALSE AND p.review_status = 'approved')
     WHERE id = ?`,
    [threadId, threadId, threadId],
    tx,
  );
}

/** Follows or unfollows a thread (idempotent). */
export async function setFollow(
  db: Database,
  userId: number,
  threadId: number,
  follow: boolean,
  tx?: Transaction,
): Promise<void> {
  if (follow) {
    await execute(
      db,
      `${insertIgnore(db)} INTO discussion_follows (user_id, thread_id, created_at) VALUES (?, ?, ?)`,
      [userId, threadId, new Date()],
      tx,
    );
  } else {
    await execute(db, 'DELETE FROM discussion_follows WHERE user_id = ? AND thread_id = ?', [userId, threadId], tx);
  }
}
