// Rich but safe text for discussions: the author's Markdown is rendered by `marked`, then every
// tag, attribute and URL scheme not on this allow-list is removed by `sanitize-html`. Rendering
// happens once, at write time; the stored HTML is what the web app shows.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// One instance with our options (the module-level `marked` is shared global state).
const markdown = new Marked({ gfm: true, breaks: true, async: false });

/** Tags a discussion post may contain: text formatting, lists, quotes, code, links, tables. */
export const DISCUSSION_ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** http(s), mailto, or a relative link to a page of the platform ("/learn/…", "#post-3"). */
const SAFE_HREF = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...DISCUSSION_ALLOWED_TAGS, 'span'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'], th: ['align'], td: ['align'] },
  // No javascript:, data:, vbscript: … — and relative URLs stay (links to other course pages).
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Script and style contents go with their tags (the default would keep their text).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Titles in a post stay below the page's own headings.
    h1: 'h3',
    h2: 'h3',
    // Links open elsewhere and pass no ranking or referrer: user content. A link whose address is
    // not allowed (javascript:, data:…) becomes plain text rather than a dead, clickable-looking link.
    a: (_tag, attribs) =>
      SAFE_HREF.test(attribs.href ?? '')
        ? {
            tagName: 'a',
            attribs: { href: attribs.href, ...(attribs.title ? { title: attribs.title } : {}), rel: 'nofollow noopener noreferrer ugc', target: '_blank' },
          }
        : { tagName: 'span', attribs: {} },
  },
};

/** Markdown → sanitised HTML. Raw HTML in the Markdown goes through the same allow-list. */
export function renderDiscussionMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false }) as string;
  return sanitizeHtml(html, OPTIONS).trim();
}

/** A plain-text excerpt of Markdown for lists and notifications (no markup, one line). */
export function discussionExcerpt(source: string, max = 160): string {
  const text = sanitizeHtml(markdown.parse(source, { async: false }) as string, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * `@Prénom` or `@Prénom.Nom` tokens (letters, digits, '-', '_'; the dot separates first and last
 * name). Lowercased, deduplicated, at most `max`. Code spans and blocks are not searched.
 */
export function extractMentions(source: string, max: number): string[] {
  const withoutCode = source.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  const out = new Set<string>();
  for (const m of withoutCode.matchAll(/(^|[^\p{L}\p{N}_@.])@([\p{L}\p{N}_-]{2,40}(?:\.[\p{L}\p{N}_-]{1,40})?)/gu)) {
    out.add(m[2].toLowerCase());
    if (out.size >= max) break;
  }
  return [...out];
}

/** A name as a mention token: lowercase, spaces removed ("Marie Claire" → "marieclaire"). */
export function mentionKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}
