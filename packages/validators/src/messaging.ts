// Inputs of the messaging procedures, and the text cleaning shared by the server and the browser.
import { z } from 'zod';
import { cursorPageInput, idSchema } from './common';
import { ROLES } from './constants';
import { cleanText } from './text';

export const MESSAGE_SUBJECT_MAX = 200;
export const MESSAGE_CONTENT_MAX = 10_000;

/**
 * Messages are plain text: stored as typed (no HTML escaping here — the web app renders text, never
 * HTML), cleaned like every stored text (see text.ts), with at most two blank lines in a row.
 */
export function cleanMessageContent(value: string): string {
  return cleanText(value, { multiline: true }).replace(/\n{4,}/g, '\n\n\n');
}

/** A subject is one line: tabs and line breaks become spaces. */
export function cleanMessageSubject(value: string): string {
  return cleanText(value);
}

// The raw length is bounded first so that a huge body is refused before being cleaned.
export const messageSubjectSchema = z
  .string()
  .max(MESSAGE_SUBJECT_MAX * 2)
  .transform(cleanMessageSubject)
  .pipe(z.string().min(1, 'required').max(MESSAGE_SUBJECT_MAX));

export const messageContentSchema = z
  .string()
  .max(MESSAGE_CONTENT_MAX * 2)
  .transform(cleanMessageContent)
  .pipe(z.string().min(1, 'required').max(MESSAGE_CONTENT_MAX));

export const sendMessageInput = z.object({
  recipientId: idSchema,
  subject: messageSubjectSchema,
  content: messageContentSchema,
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

/** A reply goes to the other party of the message (its sender, or its recipient for one's own). */
export const replyMessageInput = z.object({
  messageId: idSchema,
  content: messageContentSchema,
});
export type ReplyMessageInput = z.infer<typeof replyMessageInput>;

export const courseBroadcastInput = z.object({
  courseId: idSchema,
  subject: messageSubjectSchema,
  content: messageContentSchema,
});
export type CourseBroadcastInput = z.infer<typeof courseBroadcastInput>;

export const BROADCAST_AUDIENCES = ['all', ...ROLES] as const;
export type BroadcastAudience = (typeof BROADCAST_AUDIENCES)[number];

export const adminBroadcastInput = z.object({
  audience: z.enum(BROADCAST_AUDIENCES),
  subject: messageSubjectSchema,
  content: messageContentSchema,
});
export type AdminBroadcastInput = z.infer<typeof adminBroadcastInput>;

export const inboxInput = cursorPageInput.extend({ unreadOnly: z.boolean().optional() });
export type InboxInput = z.infer<typeof inboxInput>;

export const sentInput = cursorPageInput;
export type SentInput = z.infer<typeof sentInput>;

export const messageIdInput = z.object({ messageId: idSchema });
export type MessageIdInput = z.infer<typeof messageIdInput>;

export const markMessageReadInput = z.object({ messageId: idSchema, read: z.boolean().default(true) });
export type MarkMessageReadInput = z.infer<typeof markMessageReadInput>;

export const recipientSearchInput = z.object({
  query: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type RecipientSearchInput = z.infer<typeof recipientSearchInput>;
