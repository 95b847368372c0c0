// Message text is plain text: cleaned of control characters and capped here too (the router's zod
// schema already did it; services can also be called directly), never HTML-escaped or rendered as
// HTML — the web app shows it as text, so `<script>` is displayed, not run.
import {
  cleanMessageContent,
  cleanMessageSubject,
  MESSAGE_CONTENT_MAX,
  MESSAGE_SUBJECT_MAX,
} from '@mdsc/validators';
import { ValidationError } from '../errors';

export function checkedSubject(raw: string): string {
  const subject = cleanMessageSubject(raw);
  if (!subject) throw new ValidationError('subject', 'required');
  if (subject.length > MESSAGE_SUBJECT_MAX)
    throw new ValidationError('subject', `${MESSAGE_SUBJECT_MAX} characters at most`);
  return subject;
}

export function checkedContent(raw: string): string {
  const content = cleanMessageContent(raw);
  if (!content) throw new ValidationError('content', 'required');
  if (content.length > MESSAGE_CONTENT_MAX)
    throw new ValidationError('content', `${MESSAGE_CONTENT_MAX} characters at most`);
  return content;
}

/** "Re: subject" once, within the column's limit. */
export function replySubject(subject: string): string {
  const s = /^re\s*:/i.test(subject) ? subject : `Re: ${subject}`;
  return s.slice(0, MESSAGE_SUBJECT_MAX);
}

/** One line for lists. */
export function preview(content: string, max = 140): string {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
