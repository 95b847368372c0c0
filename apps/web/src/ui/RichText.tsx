// Lesson text as the server saved it: its sanitised HTML (allow-list, see packages/core rich-text.ts),
// or, for a lesson that has none, its plain text in paragraphs. Used by the lesson page and the
// catalog preview.
import { useLayoutEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { lowDataHtml, useLowData } from '../lib/low-data';
import './rich-text.css';

/**
 * A last guard, in case something unsanitised ever reaches the page (an old backup restored, a
 * hand-edited row): markup that the server's allow-list never lets through is shown as plain text.
 */
const looksUnsafe = (html: string) =>
  /<\s*(script|iframe|object|embed|style)|\son\w+\s*=|javascript:|\sstyle\s*=/i.test(html);

export function RichText({ html, text }: { html?: string | null; text?: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const safe = !!html && !looksUnsafe(html);
  // Low-data mode: uploaded images as their thumbnails (at most 480 px wide).
  const lowData = useLowData().enabled;
  // Wide tables scroll inside a focusable region (keyboard users can scroll it too) instead of
  // widening the page on a phone; the table keeps its table semantics.
  useLayoutEffect(() => {
    ref.current?.querySelectorAll('table').forEach((table) => {
      if (table.parentElement?.classList.contains('table-scroll')) return;
      const region = document.createElement('div');
      region.className = 'table-scroll';
      region.tabIndex = 0;
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', t('rte.tableRegion'));
      table.replaceWith(region);
      region.appendChild(table);
    });
  }, [html, safe, t]);

  if (safe) {
    // Sanitised by the server on save (allow-list); the CSP forbids inline scripts besides.
    return (
      <div ref={ref} className="lesson-text rich-text" data-testid="rich-text" dangerouslySetInnerHTML={{ __html: lowData ? lowDataHtml(html) : html }} />
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
