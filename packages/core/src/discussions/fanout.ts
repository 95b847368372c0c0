// Who hears about new discussion content. Each user gets at most one notification per new thread
// or post, the most specific one: mention > reply to my thread / my reply > followed thread. The
// author is never notified of their own words. Runs inside the writing transaction (rows written
// with it; live pushes and e-mails after commit, through notify/notifyMany).
import { DiscussionFollow, Enrollment, User } from '@mdsc/db';
import {
  DISCUSSION_MENTIONS_MAX,
  type DiscussionNotificationData,
  type NotificationType,
} from '@mdsc/validators';
import { literal, Op, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { notifyMany } from '../notifications/notify';
import { extractMentions, mentionKey } from './render';

type Deps = Pick<CoreDeps, 'db'> & Partial<CoreDeps>;

export interface FanoutContext {
  course: { id: number; title: string; instructorId: number };
  thread: { id: number; title: string; authorId: number; category: string };
  actor: { id: number; name: string };
  postId?: number;
  /** The reply a comment answers (its author is told). */
  parentAuthorId?: number | null;
  body: string;
}

/**
 * Course members named by the @mentions of `body`: `@prénom` names the one member with that first
 * name (an ambiguous first name names nobody: write `@prénom.nom`), `@prénom.nom` the member with
 * both. Members are the learners with an active enrolment and the course's instructor.
 */
export async function resolveMentions(
  courseId: number,
  instructorId: number,
  body: string,
  tx?: Transaction,
): Promise<number[]> {
  const tokens = extractMentions(body, DISCUSSION_MENTIONS_MAX);
  if (tokens.length === 0) return [];
  const firsts = [...new Set(tokens.map((t) => t.split('.')[0]))];
  // Candidates by first name (case and spaces aside, compared in JS); membership in one query.
  const members = await User.findAll({
    attributes: ['id', 'firstName', 'lastName'],
    where: {
      isActive: true,
      [Op.or]: [
        { id: instructorId },
        {
          id: {
            [Op.in]: literal(
              `(SELECT user_id FROM enrollments WHERE course_id = ${Number(courseId)} AND is_active = TRUE)`,
            ),
          },
        },
      ],
    },
    transaction: tx,
  });
  const byFirst = new Map<string, { id: number; last: string }[]>();
  for (const m of members) {
    const key = mentionKey(m.firstName);
    if (!firsts.includes(key)) continue;
    byFirst.set(key, [...(byFirst.get(key) ?? []), { id: m.id, last: mentionKey(m.lastName) }]);
  }
  const ids = new Set<number>();
  for (const t of tokens) {
    const [first, last] = t.split('.');
    const candidates = byFirst.get(first) ?? [];
    const hits = last ? candidates.filter((c) => c.last === last) : candidates;
    if (hits.length === 1) ids.add(hits[0].id);
  }
  return [...ids];
}

export async function fanOut(deps: Deps, ctx: FanoutContext, tx: Transaction): Promise<void> {
  const data: DiscussionNotificationData = {
    courseId: ctx.course.id,
    courseTitle: ctx.course.title,
    threadId: ctx.thread.id,
    threadTitle: ctx.thread.title,
    actorName: ctx.actor.name,
    ...(ctx.postId ? { postId: ctx.postId } : {}),
  };
  const chosen = new Map<number, NotificationType>();
  const give = (userId: number | null | undefined, type: NotificationType) => {
    if (!userId || userId === ctx.actor.id || chosen.has(userId)) return;
    chosen.set(userId, type);
  };

  for (const id of await resolveMentions(ctx.course.id, ctx.course.instructorId, ctx.body, tx)) {
    give(id, 'discussion_mention');
  }
  if (ctx.postId) {
    give(ctx.parentAuthorId, 'discussion_reply');
    give(ctx.thread.authorId, 'discussion_reply');
    const followers = await DiscussionFollow.findAll({
      attributes: ['userId'],
      where: { threadId: ctx.thread.id },
      transaction: tx,
    });
    for (const f of followers) give(f.userId, 'discussion_followed');
  } else if (ctx.thread.category === 'announcement') {
    const learners = await Enrollment.findAll({
      attributes: ['userId'],
      where: { courseId: ctx.course.id, isActive: true },
      transaction: tx,
    });
    for (const e of learners) give(e.userId, 'discussion_announcement');
  }

  const byType = new Map<NotificationType, number[]>();
  for (const [userId, type] of chosen) byType.set(type, [...(byType.get(type) ?? []), userId]);
  for (const [type, userIds] of byType) {
    await notifyMany(deps, { userIds, type, data } as Parameters<typeof notifyMany>[1], tx);
  }
}
