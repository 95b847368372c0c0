// Course discussions (issue 14): every rule lives in @mdsc/core's discussions services.
import {
  acceptAnswer,
  createPost,
  createThread,
  followThread,
  getThreadPage,
  listThreads,
  markCourseRead,
  moderate,
  moderationCount,
  moderationQueue,
  renderDiscussionMarkdown,
  reportContent,
  resolveReports,
  setThreadFlags,
  vote,
} from '@mdsc/core';
import {
  acceptAnswerInput,
  createPostInput,
  createThreadInput,
  discussionListInput,
  followInput,
  idSchema,
  moderateInput,
  moderationQueueInput,
  renderPreviewInput,
  reportInput,
  resolveReportsInput,
  threadFlagsInput,
  threadPageInput,
  voteInput,
} from '@mdsc/validators';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc';

export const discussionRouter = router({
  /** A course's threads: sort newest (pinned first) / votes / unanswered, filters, search, unread. */
  list: authedProcedure
    .input(discussionListInput)
    .query(({ ctx, input }) => listThreads(ctx.deps, ctx.actor, input)),
  /** A thread page: accepted answer first, replies with comments, caller's votes; marks it read. */
  thread: authedProcedure
    .input(threadPageInput)
    .query(({ ctx, input }) => getThreadPage(ctx.deps, ctx.actor, input)),
  createThread: authedProcedure
    .input(createThreadInput)
    .mutation(({ ctx, input }) => createThread(ctx.deps, ctx.actor, input)),
  reply: authedProcedure
    .input(createPostInput)
    .mutation(({ ctx, input }) => createPost(ctx.deps, ctx.actor, input)),
  vote: authedProcedure.input(voteInput).mutation(({ ctx, input }) => vote(ctx.deps, ctx.actor, input)),
  accept: authedProcedure
    .input(acceptAnswerInput)
    .mutation(({ ctx, input }) => acceptAnswer(ctx.deps, ctx.actor, input)),
  follow: authedProcedure
    .input(followInput)
    .mutation(({ ctx, input }) => followThread(ctx.deps, ctx.actor, input)),
  markAllRead: authedProcedure
    .input(z.object({ courseId: idSchema }))
    .mutation(({ ctx, input }) => markCourseRead(ctx.deps, ctx.actor, input.courseId)),
  report: authedProcedure
    .input(reportInput)
    .mutation(({ ctx, input }) => reportContent(ctx.deps, ctx.actor, input)),
  /** The compose form's preview: exactly what will be stored and shown. */
  preview: authedProcedure
    .input(renderPreviewInput)
    .mutation(({ input }) => ({ html: renderDiscussionMarkdown(input.body) })),
  // Moderation: the course's instructor and admins (checked per object by the services).
  moderate: authedProcedure
    .input(moderateInput)
    .mutation(({ ctx, input }) => moderate(ctx.deps, ctx.actor, input)),
  setFlags: authedProcedure
    .input(threadFlagsInput)
    .mutation(({ ctx, input }) => setThreadFlags(ctx.deps, ctx.actor, input)),
  resolveReports: authedProcedure
    .input(resolveReportsInput)
    .mutation(({ ctx, input }) => resolveReports(ctx.deps, ctx.actor, input)),
  queue: authedProcedure
    .input(moderationQueueInput)
    .query(({ ctx, input }) => moderationQueue(ctx.deps, ctx.actor, input)),
  queueCount: authedProcedure.query(({ ctx }) => moderationCount(ctx.deps, ctx.actor)),
});
