// Instructions are stored as sanitised HTML; the builder edits them as paragraphs of plain text.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Paragraphs (blank line) and line breaks as HTML; everything escaped (the server sanitises too). */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p.trim().split('\n').map(escape).join('<br>')}</p>`)
    .join('');
}

/** The text of stored instructions, paragraphs kept, for editing. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(
    html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h\d|blockquote)>/gi, '\n\n'),
    'text/html',
  );
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
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
