// Course discussions (issue 14): inputs of the discussion procedures and the shapes the web app
// renders. Text is cleaned with the messaging helpers (control characters and bidi overrides out,
// CRLF normalised) before its length is checked; Markdown is rendered and sanitised on the server.
import { z } from 'zod';
import { cursorPageInput, idSchema } from './common';
import { cleanMessageContent, cleanMessageSubject } from './messaging';

export const DISCUSSION_CATEGORIES = ['question', 'discussion', 'announcement'] as const;
export type DiscussionCategory = (typeof DISCUSSION_CATEGORIES)[number];

export const DISCUSSION_SORTS = ['newest', 'votes', 'unanswered'] as const;
export type DiscussionSort = (typeof DISCUSSION_SORTS)[number];

export const DISCUSSION_REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'other'] as const;
export type DiscussionReportReason = (typeof DISCUSSION_REPORT_REASONS)[number];

export const DISCUSSION_TITLE_MAX = 200;
export const DISCUSSION_BODY_MAX = 20_000;
/** Attachments per thread or post (media ids already uploaded by the author to the course). */
export const DISCUSSION_ATTACHMENTS_MAX = 5;
/** An attachment (an image or a document) is at most 10 MB. */
export const DISCUSSION_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Mentions notified per post: more than that is a broadcast, not a mention. */
export const DISCUSSION_MENTIONS_MAX = 10;

export const discussionTitleSchema = z
  .string()
  .max(DISCUSSION_TITLE_MAX * 2)
  .transform(cleanMessageSubject)
  .pipe(z.string().min(3, 'too_short').max(DISCUSSION_TITLE_MAX));

export const discussionBodySchema = z
  .string()
  .max(DISCUSSION_BODY_MAX * 2)
  .transform(cleanMessageContent)
  .pipe(z.string().min(1, 'required').max(DISCUSSION_BODY_MAX));

const attachmentIds = z.array(idSchema).max(DISCUSSION_ATTACHMENTS_MAX).default([]);

/**
 * Drawn by the client once per draft (a UUID): sending the same post again with it, after an
 * answer lost on a bad connection, returns the first post instead of writing a second one.
 */
export const clientKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid_client_key');

export const discussionListInput = cursorPageInput.extend({
  courseId: idSchema,
  sort: z.enum(DISCUSSION_SORTS).default('newest'),
  category: z.enum(DISCUSSION_CATEGORIES).optional(),
  lessonId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type DiscussionListInput = z.infer<typeof discussionListInput>;

export const createThreadInput = z.object({
  courseId: idSchema,
  lessonId: idSchema.nullish(),
  category: z.enum(DISCUSSION_CATEGORIES),
  title: discussionTitleSchema,
  body: discussionBodySchema,
  attachmentIds,
  clientKey: clientKeySchema.nullish(),
});
export type CreateThreadInput = z.infer<typeof createThreadInput>;

/** A reply to the thread (no parentId) or a comment on a reply (parentId: that reply). */
export const createPostInput = z.object({
  threadId: idSchema,
  parentId: idSchema.nullish(),
  body: discussionBodySchema,
  attachmentIds,
  clientKey: clientKeySchema.nullish(),
});
export type CreatePostInput = z.infer<typeof createPostInput>;

export const threadIdInput = z.object({ threadId: idSchema });
export type ThreadIdInput = z.infer<typeof threadIdInput>;

export const threadPageInput = z.object({
  threadId: idSchema,
  /** Replies after this cursor (the first page when absent). */
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ThreadPageInput = z.infer<typeof threadPageInput>;

export const DISCUSSION_TARGETS = ['thread', 'post'] as const;
export type DiscussionTarget = (typeof DISCUSSION_TARGETS)[number];

export const discussionTargetInput = z.object({ target: z.enum(DISCUSSION_TARGETS), id: idSchema });
export type DiscussionTargetInput = z.infer<typeof discussionTargetInput>;

/** Sets the caller's vote (idempotent: sending `up: true` twice is one vote). */
export const voteInput = discussionTargetInput.extend({ up: z.boolean() });
export type VoteInput = z.infer<typeof voteInput>;

export const acceptAnswerInput = z.object({
  threadId: idSchema,
  /** The accepted reply; null withdraws the acceptance. */
  postId: idSchema.nullable(),
});
export type AcceptAnswerInput = z.infer<typeof acceptAnswerInput>;

export const followInput = z.object({ threadId: idSchema, follow: z.boolean() });
export type FollowInput = z.infer<typeof followInput>;

export const reportInput = discussionTargetInput.extend({
  reason: z.enum(DISCUSSION_REPORT_REASONS),
  details: z
    .string()
    .max(2000)
    .transform(cleanMessageContent)
    .pipe(z.string().max(1000))
    .optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete', 'approve'] as const;
export const moderateInput = discussionTargetInput.extend({ action: z.enum(MODERATION_ACTIONS) });
export type ModerateInput = z.infer<typeof moderateInput>;

export const threadFlagsInput = z.object({
  threadId: idSchema,
  pinned: z.boolean().optional(),
  locked: z.boolean().optional(),
});
export type ThreadFlagsInput = z.infer<typeof threadFlagsInput>;

export const moderationQueueInput = cursorPageInput.extend({ courseId: idSchema.optional() });
export type ModerationQueueInput = z.infer<typeof moderationQueueInput>;

export const resolveReportsInput = discussionTargetInput.extend({ outcome: z.enum(['resolved', 'dismissed']) });
export type ResolveReportsInput = z.infer<typeof resolveReportsInput>;

export const renderPreviewInput = z.object({ body: discussionBodySchema });

// ------------------------------------------------------------------ outputs
export interface DiscussionAuthorDto {
  id: number;
  name: string;
  role: 'student' | 'instructor' | 'admin';
  avatarUrl: string | null;
}

export interface DiscussionAttachmentDto {
  id: number;
  name: string;
  category: string;
  url: string;
}

export interface DiscussionThreadSummaryDto {
  id: number;
  courseId: number;
  lessonId: number | null;
  lessonTitle: string | null;
  category: DiscussionCategory;
  title: string;
  excerpt: string;
  author: DiscussionAuthorDto;
  voteCount: number;
  replyCount: number;
  isPinned: boolean;
  isLocked: boolean;
  isHidden: boolean;
  isPending: boolean;
  isAnswered: boolean;
  unread: boolean;
  createdAt: string;
  lastActivityAt: string;
}

export interface DiscussionPostDto {
  id: number;
  parentId: number | null;
  bodyHtml: string;
  body: string | null;
  author: DiscussionAuthorDto;
  voteCount: number;
  myVote: boolean;
  isAccepted: boolean;
  isHidden: boolean;
  isPending: boolean;
  isMine: boolean;
  attachments: DiscussionAttachmentDto[];
  createdAt: string;
  comments: DiscussionPostDto[];
}
