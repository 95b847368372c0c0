// Rich lesson text: the allow-list sanitiser every saved lesson HTML goes through, its plain-text
// copy (content_text, searched with FULLTEXT) and the converter that shows older plain-text lessons
// as paragraphs and lists.
//
// sanitize-html rather than DOMPurify: it parses with htmlparser2 and needs no DOM, where
// DOMPurify on the server needs jsdom (megabytes, slower, a second HTML engine to keep up to date);
// its allow-list is declarative (tags, attributes, URL schemes per tag), which is what we want here.
import sanitizeHtml from 'sanitize-html';

/**
 * Images may only come from our own media library: `/api/media/<id>` or its thumbnail (what the
 * editor's image picker inserts). Foreign, protocol-relative, data: and other relative URLs go.
 */
const OWN_IMAGE = /^\/api\/media\/\d+(\/thumbnail)?$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'strike',
    'del',
    'sub',
    'sup',
    'blockquote',
    'code',
    'pre',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    code: ['class'],
  },
  // Syntax highlighting hints of editors (TipTap writes class="language-js"), nothing else.
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The page has its own <h1>: a pasted one becomes a section heading.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const external = /^(https?:|mailto:)/i.test(attribs.href ?? '');
      const { target: _t, rel: _r, ...rest } = attribs;
      return {
        tagName,
        attribs: external ? { ...rest, target: '_blank', rel: 'noopener noreferrer nofollow' } : rest,
      };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
};

/** Keeps the allowed markup only: no scripts, event handlers, styles, frames or foreign URLs. */
export function sanitizeLessonHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of (sanitised) HTML for search and previews: block ends become line breaks, list items
 * start with "- ", entities are decoded.
 */
export function htmlToPlainText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|h[1-6]|blockquote|pre|tr|table|ul|ol|figure|figcaption|caption)>/gi, '\n\n')
    .replace(/<\/t[dh]>/gi, '\t');
  return sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/**
 * Older lessons are plain text: blank lines separate paragraphs, "- item" (or "* ", "• ") lines
 * make a bulleted list and "1. item" lines a numbered one; other line breaks are kept.
 */
export function plainTextToHtml(text: string): string {
  const out: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let para: string[] = [];
    let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
    const flushPara = () => {
      if (para.length) out.push(`<p>${para.map(escapeHtml).join('<br>')}</p>`);
      para = [];
    };
    const flushList = () => {
      if (list)
        out.push(`<${list.tag}>${list.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${list.tag}>`);
      list = null;
    };
    for (const raw of block.split('\n')) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      const tag = bullet ? 'ul' : numbered ? 'ol' : null;
      if (tag) {
        flushPara();
        if (list && (list as { tag: string }).tag !== tag) flushList();
        list ??= { tag, items: [] };
        list.items.push((bullet ?? numbered)![1]);
      } else {
        flushList();
        para.push(line.trim());
      }
    }
    flushPara();
    flushList();
  }
  return out.join('\n');
}

/** Whether sanitised HTML still says anything (text or an image). */
export function hasVisibleContent(html: string): boolean {
  return /<img\s/i.test(html) || htmlToPlainText(html).length > 0;
}
