// One thread as its page shows it: the thread, the accepted answer first, then replies in order
// with their comments, the caller's votes, attachments and follow state. A fixed number of
// statements whatever the number of replies (measured by discussions.int.test.ts): no N+1.
import {
  DiscussionAttachment,
  DiscussionFollow,
  DiscussionPost,
  DiscussionThread,
  DiscussionVote,
  Lesson,
  MediaFile,
  User,
} from '@mdsc/db';
import type {
  DiscussionAttachmentDto,
  DiscussionCategory,
  DiscussionPostDto,
  ThreadPageInput,
} from '@mdsc/validators';
import { Op, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { loadDiscussionAccess, type DiscussionAccess } from './access';
import { attachmentDto, AUTHOR_ATTRIBUTES, authorDto, iso, parseIdCursor } from './dto';
import { markThreadSeen } from './posting';

export interface ThreadPage {
  thread: {
    id: number;
    course: { id: number; title: string; slug: string };
    lesson: { id: number; title: string } | null;
    category: DiscussionCategory;
    title: string;
    bodyHtml: string;
    author: ReturnType<typeof authorDto>;
    voteCount: number;
    myVote: boolean;
    replyCount: number;
    isPinned: boolean;
    isLocked: boolean;
    isHidden: boolean;
    isPending: boolean;
    isMine: boolean;
    acceptedPostId: number | null;
    isFollowing: boolean;
    attachments: DiscussionAttachmentDto[];
    createdAt: string;
  };
  canModerate: boolean;
  /** The caller may mark an answer (question's author or a moderator, questions only). */
  canAccept: boolean;
  /** The caller may reply (not locked, or a moderator). */
  canReply: boolean;
  posts: DiscussionPostDto[];
  nextCursor: string | null;
}

/** The thread if the caller may see it (hidden and pending ones only for moderators/author). */
export async function loadVisibleThread(
  actor: Actor,
  threadId: number,
): Promise<{ thread: DiscussionThread; access: DiscussionAccess }> {
  const thread = await DiscussionThread.findByPk(threadId);
  if (!thread) throw new NotFoundError('Thread', { field: 'threadId', id: threadId });
  const access = await loadDiscussionAccess(actor, thread.courseId);
  if (!access.isModerator && (thread.isHidden || (thread.reviewStatus === 'pending' && thread.authorId !== actor.id))) {
    throw new NotFoundError('Thread', { field: 'threadId', id: threadId });
  }
  return { thread, access };
}

/** Posts a learner may see: not hidden, and approved unless their own. Moderators see all. */
export function visiblePostsWhere(actor: Actor, isModerator: boolean): WhereOptions<DiscussionPost> {
  if (isModerator) return {};
  return { isHidden: false, [Op.or]: [{ reviewStatus: 'approved' }, { authorId: actor.id }] };
}

const authorInclude = { model: User, as: 'author', attributes: AUTHOR_ATTRIBUTES };

export async function getThreadPage(deps: CoreDeps, actor: Actor, input: ThreadPageInput): Promise<ThreadPage> {
  const afterId = parseIdCursor(input.cursor);
  const { thread, access } = await loadVisibleThread(actor, input.threadId);
  const vis = visiblePostsWhere(actor, access.isModerator);
  const accepted = thread.acceptedPostId;

  const replyWhere: WhereOptions<DiscussionPost> = { ...vis, threadId: thread.id, parentId: null };
  const idConds: object[] = [];
  if (afterId !== null) idConds.push({ [Op.gt]: afterId });
  if (accepted) idConds.push({ [Op.ne]: accepted });
  if (idConds.length) Object.assign(replyWhere, { id: { [Op.and]: idConds } });

  const [author, lesson, replies, acceptedRow] = await Promise.all([
    User.findByPk(thread.authorId, { attributes: AUTHOR_ATTRIBUTES }),
    thread.lessonId ? Lesson.findByPk(thread.lessonId, { attributes: ['id', 'title'] }) : null,
    DiscussionPost.findAll({
      where: replyWhere,
      include: [authorInclude],
      order: [['id', 'ASC']],
      limit: input.limit + 1,
    }),
    accepted && afterId === null
      ? DiscussionPost.findOne({ where: { ...vis, id: accepted, threadId: thread.id }, include: [authorInclude] })
      : null,
  ]);
  const page = replies.slice(0, input.limit);
  const top = acceptedRow ? [acceptedRow, ...page] : page;
  const topIds = top.map((p) => p.id);

  const comments = topIds.length
    ? await DiscussionPost.findAll({
        where: { ...vis, threadId: thread.id, parentId: { [Op.in]: topIds } },
        include: [authorInclude],
        order: [['id', 'ASC']],
      })
    : [];
  const allIds = [...topIds, ...comments.map((c) => c.id)];

  const [votes, attachments, follow] = await Promise.all([
    DiscussionVote.findAll({
      attributes: ['targetType', 'targetId'],
      where: {
        userId: actor.id,
        [Op.or]: [
          { targetType: 'thread', targetId: thread.id },
          ...(allIds.length ? [{ targetType: 'post', targetId: { [Op.in]: allIds } }] : []),
        ],
      },
    }),
    DiscussionAttachment.findAll({
      where: {
        [Op.or]: [
          { targetType: 'thread', targetId: thread.id },
          ...(allIds.length ? [{ targetType: 'post', targetId: { [Op.in]: allIds } }] : []),
        ],
      },
      include: [{ model: MediaFile, as: 'mediaFile', attributes: ['id', 'originalFilename', 'fileCategory'] }],
      order: [['id', 'ASC']],
    }),
    DiscussionFollow.findOne({ attributes: ['id'], where: { userId: actor.id, threadId: thread.id } }),
  ]);
  await markThreadSeen(deps.db, actor.id, thread.id, thread.lastPostId);

  const voted = new Set(votes.map((v) => `${v.targetType}:${v.targetId}`));
  const files = new Map<string, DiscussionAttachmentDto[]>();
  for (const a of attachments) {
    const dto = attachmentDto(a);
    if (!dto) continue;
    const key = `${a.targetType}:${a.targetId}`;
    files.set(key, [...(files.get(key) ?? []), dto]);
  }
  const toDto = (p: DiscussionPost): DiscussionPostDto => ({
    id: p.id,
    parentId: p.parentId,
    bodyHtml: p.bodyHtml,
    // The Markdown source only for its author (to edit); others get the rendering.
    body: p.authorId === actor.id ? p.body : null,
    author: authorDto(p.author),
    voteCount: p.voteCount,
    myVote: voted.has(`post:${p.id}`),
    isAccepted: p.id === accepted,
    isHidden: p.isHidden,
    isPending: p.reviewStatus === 'pending',
    isMine: p.authorId === actor.id,
    attachments: files.get(`post:${p.id}`) ?? [],
    createdAt: iso(p.createdAt),
    comments: [],
  });
  const byParent = new Map<number, DiscussionPostDto[]>();
  for (const c of comments) byParent.set(c.parentId!, [...(byParent.get(c.parentId!) ?? []), toDto(c)]);
  const posts = top.map((p) => ({ ...toDto(p), comments: byParent.get(p.id) ?? [] }));

  const isQuestion = thread.category === 'question';
  return {
    thread: {
      id: thread.id,
      course: { id: access.course.id, title: access.course.title, slug: access.course.slug },
      lesson: lesson ? { id: lesson.id, title: lesson.title } : null,
      category: thread.category,
      title: thread.title,
      bodyHtml: thread.bodyHtml,
      author: authorDto(author),
      voteCount: thread.voteCount,
      myVote: voted.has(`thread:${thread.id}`),
      replyCount: thread.replyCount,
      isPinned: thread.isPinned,
      isLocked: thread.isLocked,
      isHidden: thread.isHidden,
      isPending: thread.reviewStatus === 'pending',
      isMine: thread.authorId === actor.id,
      acceptedPostId: accepted ?? null,
      isFollowing: !!follow,
      attachments: files.get(`thread:${thread.id}`) ?? [],
      createdAt: iso(thread.createdAt),
    },
    canModerate: access.isModerator,
    canAccept: isQuestion && (access.isModerator || thread.authorId === actor.id),
    canReply: !thread.isLocked || access.isModerator,
    posts,
    nextCursor: replies.length > input.limit && page.length ? String(page[page.length - 1].id) : null,
  };
}
