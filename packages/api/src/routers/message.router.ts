import {
  broadcastToAudience,
  broadcastToCourse,
  countUnreadMessages,
  deleteMessage,
  getThread,
  listAllowedRecipients,
  listInbox,
  listSent,
  markMessageRead,
  markThreadRead,
  replyToMessage,
  sendMessage,
} from '@mdsc/core';
import {
  adminBroadcastInput,
  courseBroadcastInput,
  inboxInput,
  markMessageReadInput,
  messageIdInput,
  recipientSearchInput,
  replyMessageInput,
  sendMessageInput,
  sentInput,
} from '@mdsc/validators';
import { adminProcedure, authedProcedure, instructorProcedure, router } from '../trpc';

export const messageRouter = router({
  inbox: authedProcedure.input(inboxInput).query(({ ctx, input }) => listInbox(ctx.deps, ctx.actor, input)),
  sent: authedProcedure.input(sentInput).query(({ ctx, input }) => listSent(ctx.deps, ctx.actor, input)),
  /** A conversation, limited to the messages the caller sent or received. */
  thread: authedProcedure
    .input(messageIdInput)
    .query(({ ctx, input }) => getThread(ctx.deps, ctx.actor, input)),
  unreadCount: authedProcedure.query(({ ctx }) => countUnreadMessages(ctx.deps, ctx.actor)),
  /** The people the caller may write to (compose form's picker). */
  recipients: authedProcedure
    .input(recipientSearchInput)
    .query(({ ctx, input }) => listAllowedRecipients(ctx.deps, ctx.actor, input)),
  send: authedProcedure
    .input(sendMessageInput)
    .mutation(({ ctx, input }) => sendMessage(ctx.deps, ctx.actor, input)),
  reply: authedProcedure
    .input(replyMessageInput)
    .mutation(({ ctx, input }) => replyToMessage(ctx.deps, ctx.actor, input)),
  /** To the students of one of the caller's courses. */
  broadcastCourse: instructorProcedure
    .input(courseBroadcastInput)
    .mutation(({ ctx, input }) => broadcastToCourse(ctx.deps, ctx.actor, input)),
  /** To everyone, or to one role. */
  broadcastAll: adminProcedure
    .input(adminBroadcastInput)
    .mutation(({ ctx, input }) => broadcastToAudience(ctx.deps, ctx.actor, input)),
  markRead: authedProcedure
    .input(markMessageReadInput)
    .mutation(({ ctx, input }) => markMessageRead(ctx.deps, ctx.actor, input)),
  markThreadRead: authedProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => markThreadRead(ctx.deps, ctx.actor, input)),
  /** Removes the message from the caller's own view. */
  delete: authedProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => deleteMessage(ctx.deps, ctx.actor, input)),
});
