// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { acceptOf, htmlToText, textToHtml } from './text';

describe('assignment instructions text ↔ HTML', () => {
  it('writes paragraphs, lists and bold, and escapes the rest', () => {
    expect(textToHtml('Lisez **bien** :\n\n- un\n- deux <b>\n\nFin\nligne 2')).toBe(
      '<p>Lisez <strong>bien</strong> :</p><ul><li>un</li><li>deux &lt;b&gt;</li></ul><p>Fin<br>ligne 2</p>',
    );
  });

  it('reads saved instructions back without losing their markup', () => {
    const html =
      '<p>Réalisez le <strong>diagnostic</strong> :</p><ul><li>ses organes ;</li><li>ses décisions.</li></ul><p>Rendez un PDF.</p>';
    const text = htmlToText(html);
    expect(text).toBe('Réalisez le **diagnostic** :\n\n- ses organes ;\n- ses décisions.\n\nRendez un PDF.');
    expect(textToHtml(text)).toBe(html);
  });

  it('lists the accepted extensions for the file input', () => {
    expect(acceptOf(['pdf', 'jpg'])).toBe('.pdf,.jpg,.jpeg');
  });
});
