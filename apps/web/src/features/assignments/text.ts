// Instructions are stored as sanitised HTML; the builder edits them as text with a small markup:
// a blank line between paragraphs, "- " starting the lines of a list, **bold**. Both ways keep that
// subset intact, so editing saved instructions loses nothing.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const inline = (s: string) => escape(s.trim()).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

/** The text with its markup as HTML; everything else escaped (the server sanitises too). */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((l) => l.trim()))
    .filter((lines) => lines.length > 0)
    .map((lines) =>
      lines.every((l) => /^\s*- /.test(l))
        ? `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*- /, ''))}</li>`).join('')}</ul>`
        : `<p>${lines.map(inline).join('<br>')}</p>`,
    )
    .join('');
}

/** Stored instructions back to the editable text (the inverse of textToHtml). */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(strong|b)>/gi, '**')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<\/li>/gi, '\n')
    .replace(/<\/(p|ul|ol|h\d|blockquote)>/gi, '\n\n');
  const doc = new DOMParser().parseFromString(marked, 'text/html');
  return (doc.body.textContent ?? '')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A last guard, as on the lesson page: markup the server's allow-list never lets through is not
 * rendered as HTML.
 */
export const looksUnsafe = (html: string) =>
  /<\s*(script|iframe|object|embed|style)|\son\w+\s*=|javascript:|\sstyle\s*=/i.test(html);

/** `datetime-local` value (the reader's time) ↔ ISO instant. */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The `accept` attribute for the allowed types. */
export const acceptOf = (types: readonly string[]) =>
  types.flatMap((t) => (t === 'jpg' ? ['.jpg', '.jpeg'] : [`.${t}`])).join(',');
