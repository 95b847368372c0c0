// Inputs of the messaging procedures, and the text cleaning shared by the server and the browser.
import { z } from 'zod';
import { cursorPageInput, idSchema } from './common';
import { ROLES } from './constants';

export const MESSAGE_SUBJECT_MAX = 200;
export const MESSAGE_CONTENT_MAX = 10_000;

// C0/C1 control characters except tab and line feed, and the bidirectional overrides that can
// make a message display differently from what it contains.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Messages are plain text: stored as typed (no HTML escaping here — the web app renders text, never
 * HTML), minus control characters, with CRLF normalised and at most two blank lines in a row.
 */
export function cleanMessageContent(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/** A subject is one line: tabs and line breaks become spaces. */
export function cleanMessageSubject(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
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
