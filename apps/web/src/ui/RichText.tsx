// Lesson text as the server saved it: its sanitised HTML (allow-list, see packages/core rich-text.ts),
// or, for a lesson that has none, its plain text in paragraphs. Used by the lesson page and the
// catalog preview.
import './rich-text.css';

/**
 * A last guard, in case something unsanitised ever reaches the page (an old backup restored, a
 * hand-edited row): markup that the server's allow-list never lets through is shown as plain text.
 */
const looksUnsafe = (html: string) =>
  /<\s*(script|iframe|object|embed|style)|\son\w+\s*=|javascript:|\sstyle\s*=/i.test(html);

export function RichText({ html, text }: { html?: string | null; text?: string | null }) {
  if (html && !looksUnsafe(html)) {
    // Sanitised by the server on save (allow-list); the CSP forbids inline scripts besides.
    return (
      <div
        className="lesson-text rich-text"
        data-testid="rich-text"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    );
  }
  if (!text) return null;
  return (
    <div className="lesson-text rich-text">
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>
          {para.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 && <br />}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
