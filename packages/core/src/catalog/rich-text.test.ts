// The lesson HTML sanitiser: attacks removed, allowed markup kept; the plain-text copy; and the
// converter that shows older plain-text lessons as paragraphs and lists.
import { describe, expect, it } from 'vitest';
import { hasVisibleContent, htmlToPlainText, plainTextToHtml, sanitizeLessonHtml } from './rich-text';

describe('sanitizeLessonHtml removes', () => {
  it('<script> elements with their content, and <noscript>/<template> tricks', () => {
    expect(sanitizeLessonHtml('<p>Bonjour</p><script>alert(document.cookie)</script>')).toBe(
      '<p>Bonjour</p>',
    );
    expect(sanitizeLessonHtml('<p>a<script src="https://evil.example/x.js"></script>b</p>')).toBe(
      '<p>ab</p>',
    );
    expect(sanitizeLessonHtml('<SCRIPT>alert(1)</SCRIPT><p>ok</p>')).toBe('<p>ok</p>');
  });

  it('event handlers (onerror=, onclick=, onload=…)', () => {
    const out = sanitizeLessonHtml(
      '<img src="/api/media/12" onerror="alert(1)"><p onclick="steal()">Texte</p><a href="https://a.example" onmouseover="x()">lien</a>',
    );
    expect(out).not.toMatch(/on(error|click|mouseover)/i);
    expect(out).toContain('<img src="/api/media/12" />');
    expect(out).toContain('<p>Texte</p>');
  });

  it('javascript:, data: and vbscript: URLs, whatever their spelling', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
    ]) {
      const out = sanitizeLessonHtml(`<a href="${href}">clic</a>`);
      expect(out, href).toBe('<a>clic</a>');
    }
    expect(sanitizeLessonHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">')).toBe('');
    expect(sanitizeLessonHtml('<img src="javascript:alert(1)">')).toBe('');
  });

  it('style attributes, <style> elements and CSS injection', () => {
    const out = sanitizeLessonHtml(
      '<style>body{display:none}</style><p style="position:fixed;top:0;background:url(javascript:alert(1))">Texte</p><link rel="stylesheet" href="https://evil.example/x.css">',
    );
    expect(out).toBe('<p>Texte</p>');
  });

  it('iframes, objects, embeds, forms and SVG', () => {
    const out = sanitizeLessonHtml(
      '<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x"><form action="https://evil.example"><input name="p"></form><svg><script>alert(1)</script></svg><p>reste</p>',
    );
    expect(out).toBe('<p>reste</p>');
  });

  it('images from elsewhere than our media library', () => {
    expect(sanitizeLessonHtml('<img src="https://tracker.example/pixel.gif">')).toBe('');
    expect(sanitizeLessonHtml('<img src="//tracker.example/pixel.gif">')).toBe('');
    expect(sanitizeLessonHtml('<img src="/api/media/7" alt="Schéma">')).toBe(
      '<img src="/api/media/7" alt="Schéma" />',
    );
  });
});

describe('sanitizeLessonHtml keeps', () => {
  it('headings, paragraphs, lists, emphasis, quotes, code and tables as written', () => {
    const html = [
      '<h2>Le bureau</h2>',
      '<h3>Rôles</h3>',
      '<p>Le <strong>président</strong>, le <em>trésorier</em>, <u>souligné</u>, <s>barré</s>, <b>gras</b>, <i>italique</i>.</p>',
      '<ul><li>un</li><li>deux</li></ul>',
      '<ol start="3"><li>trois</li></ol>',
      '<blockquote><p>Une citation.</p></blockquote>',
      '<pre><code class="language-js">const a = 1 &lt; 2;</code></pre>',
      '<table><thead><tr><th scope="col">Poste</th></tr></thead><tbody><tr><td colspan="2">Président</td></tr></tbody></table>',
      '<hr />',
      '<p>Ligne<br />suivante</p>',
    ].join('');
    expect(sanitizeLessonHtml(html)).toBe(html);
  });

  it('links: http(s) and mailto open in a new tab with rel="noopener noreferrer nofollow"; relative ones stay', () => {
    expect(sanitizeLessonHtml('<a href="https://mdsc.example/doc" target="_self" rel="opener">doc</a>')).toBe(
      '<a href="https://mdsc.example/doc" target="_blank" rel="noopener noreferrer nofollow">doc</a>',
    );
    expect(sanitizeLessonHtml('<a href="mailto:contact@mdsc.example">écrire</a>')).toContain(
      'rel="noopener noreferrer nofollow"',
    );
    expect(sanitizeLessonHtml('<a href="/courses/gouvernance">cours</a>')).toBe(
      '<a href="/courses/gouvernance">cours</a>',
    );
  });

  it('turns an <h1> into <h2> and drops unknown classes', () => {
    expect(sanitizeLessonHtml('<h1 class="big">Titre</h1><code class="evil language-py">x</code>')).toBe(
      '<h2>Titre</h2><code class="language-py">x</code>',
    );
  });

  it('keeps accents and escapes stray angle brackets', () => {
    expect(sanitizeLessonHtml('<p>Énergie & eau < 5 € — « ok »</p>')).toBe(
      '<p>Énergie &amp; eau &lt; 5 € — « ok »</p>',
    );
  });
});

describe('sanitizeLessonHtml and the lesson editor (TipTap)', () => {
  // What the builder's editor writes (getHTML()), tables with their column widths included.
  const EDITOR_HTML = [
    '<h2>Le bureau</h2>',
    '<p><strong>Gras</strong>, <em>italique</em>, <code>code</code> et un <a target="_blank" rel="noopener noreferrer nofollow" href="https://mdsc.example/statuts">lien</a>.</p>',
    '<ul><li><p>un</p></li><li><p>deux</p></li></ul>',
    '<ol><li><p>premier</p></li></ol>',
    '<blockquote><p>Une citation.</p></blockquote>',
    '<pre><code>const a = 1;</code></pre>',
    '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"><col style="min-width: 25px"></colgroup>',
    '<tbody><tr><th colspan="1" rowspan="1"><p>Poste</p></th><th colspan="1" rowspan="1"><p>Nom</p></th></tr>',
    '<tr><td colspan="1" rowspan="1"><p>Présidente</p></td><td colspan="2" rowspan="1"><p>Awa</p></td></tr></tbody></table>',
    '<img src="/api/media/42" alt="Organigramme">',
    '<p></p>',
  ].join('');

  it('keeps its headings, marks, lists, quotes, code, tables, links with rel and media-library images', () => {
    const out = sanitizeLessonHtml(EDITOR_HTML);
    expect(out).toBe(
      [
        '<h2>Le bureau</h2>',
        '<p><strong>Gras</strong>, <em>italique</em>, <code>code</code> et un <a href="https://mdsc.example/statuts" target="_blank" rel="noopener noreferrer nofollow">lien</a>.</p>',
        '<ul><li><p>un</p></li><li><p>deux</p></li></ul>',
        '<ol><li><p>premier</p></li></ol>',
        '<blockquote><p>Une citation.</p></blockquote>',
        '<pre><code>const a = 1;</code></pre>',
        // Column widths (inline styles) go; the cells and their spans stay.
        '<table><tbody><tr><th colspan="1" rowspan="1"><p>Poste</p></th><th colspan="1" rowspan="1"><p>Nom</p></th></tr>',
        '<tr><td colspan="1" rowspan="1"><p>Présidente</p></td><td colspan="2" rowspan="1"><p>Awa</p></td></tr></tbody></table>',
        '<img src="/api/media/42" alt="Organigramme" />',
        '<p></p>',
      ].join(''),
    );
    // Saved again unchanged: what the editor reloads is what it saved.
    expect(sanitizeLessonHtml(out)).toBe(out);
    expect(sanitizeLessonHtml('<img src="/api/media/42/thumbnail" alt="">')).toBe(
      '<img src="/api/media/42/thumbnail" alt="" />',
    );
  });

  it('strips images that are not ours, even relative ones, and everything outside the allow-list', () => {
    for (const src of [
      'https://cdn.example/a.png',
      '/uploads/a.png',
      'a.png',
      '../api/media/1',
      '/api/media/1?x=1',
      '/api/media/abc',
    ]) {
      expect(sanitizeLessonHtml(`<p>a</p><img src="${src}" alt="x">`), src).toBe('<p>a</p>');
    }
    expect(
      sanitizeLessonHtml(
        '<p data-x="1" class="k" id="i">a</p><details open><summary>s</summary>t</details><video src="/api/media/1"></video><input value="1"><a href="https://a.example" data-evil="1" class="k">l</a>',
      ),
    ).toBe('<p>a</p>st<a href="https://a.example" target="_blank" rel="noopener noreferrer nofollow">l</a>');
  });
});

describe('htmlToPlainText', () => {
  it('gives searchable text: blocks on their own lines, list items with "- ", entities decoded', () => {
    const text = htmlToPlainText(
      '<h2>Le bureau</h2><p>Le <strong>président</strong> &amp; le trésorier</p><ul><li>un</li><li>deux</li></ul><p>fin&nbsp;!</p>',
    );
    expect(text).toBe('Le bureau\n\nLe président & le trésorier\n\n- un\n- deux\n\nfin !');
  });

  it('hasVisibleContent: an image alone counts, empty paragraphs do not', () => {
    expect(hasVisibleContent('<p></p><p><br /></p>')).toBe(false);
    expect(hasVisibleContent('<img src="/api/media/3" />')).toBe(true);
  });
});

describe('plainTextToHtml (older lessons)', () => {
  it('makes paragraphs of blank-line blocks and lists of "- item" lines', () => {
    const text =
      'Introduction du cours.\nSur deux lignes.\n\nLes organes :\n- l’assemblée générale\n- le bureau\n* le conseil\n\n1. d’abord\n2) ensuite\n\nFin <b>sans balise</b> & co.';
    expect(plainTextToHtml(text)).toBe(
      [
        '<p>Introduction du cours.<br>Sur deux lignes.</p>',
        '<p>Les organes :</p>',
        '<ul><li>l’assemblée générale</li><li>le bureau</li><li>le conseil</li></ul>',
        '<ol><li>d’abord</li><li>ensuite</li></ol>',
        '<p>Fin &lt;b&gt;sans balise&lt;/b&gt; &amp; co.</p>',
      ].join('\n'),
    );
  });

  it('gives HTML the sanitiser keeps unchanged in meaning, and Windows line endings work', () => {
    const html = plainTextToHtml('a\r\n- b\r\n\r\nc');
    expect(html).toBe('<p>a</p>\n<ul><li>b</li></ul>\n<p>c</p>');
    expect(htmlToPlainText(sanitizeLessonHtml(html))).toBe('a\n\n- b\n\nc');
  });
});

describe('demo lessons', () => {
  it('ship rich text already within the allow-list (the seed writes it as is)', async () => {
    const { DEMO_COURSES } = await import('@mdsc/db');
    const rich = DEMO_COURSES.flatMap((c) => c.modules.flatMap((m) => m.lessons)).filter((l) => l.contentHtml);
    expect(rich.length).toBeGreaterThan(0);
    for (const l of rich) {
      expect(sanitizeLessonHtml(l.contentHtml!), l.title).toBe(l.contentHtml);
      expect(htmlToPlainText(l.contentHtml!).length, l.title).toBeGreaterThan(0);
    }
  });
});
