import { describe, expect, it } from 'vitest';
import { discussionExcerpt, extractMentions, mentionKey, renderDiscussionMarkdown } from './render';

describe('renderDiscussionMarkdown', () => {
  it('renders Markdown to HTML', () => {
    const html = renderDiscussionMarkdown('# Titre\n\n**gras** et `code`\n\n- un\n- deux');
    expect(html).toContain('<h3>Titre</h3>');
    expect(html).toContain('<strong>gras</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>un</li>');
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const html = renderDiscussionMarkdown(
      'Salut <script>alert(1)</script> <img src=x onerror="alert(2)"> [clic](javascript:alert(3)) ' +
        '<a href="JaVaScRiPt:alert(4)">x</a> <a href="data:text/html;base64,PHNjcmlwdD4=">y</a> <iframe src="//evil"></iframe>',
    );
    expect(html).not.toMatch(/<script|alert\(1\)|onerror|<img|<iframe/i);
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html).toContain('Salut');
    expect(html).toContain('<span>clic</span>'); // the text stays, the link goes
  });

  it('keeps safe links, marked as user content opening elsewhere', () => {
    const html = renderDiscussionMarkdown('[doc](https://example.org/a?b=1)');
    expect(html).toBe(
      '<p><a href="https://example.org/a?b=1" rel="nofollow noopener noreferrer ugc" target="_blank">doc</a></p>',
    );
  });
});

describe('excerpts and mentions', () => {
  it('makes a one-line text excerpt', () => {
    expect(discussionExcerpt('**Bonjour** à tous\n\n<script>x()</script>Le quiz 2', 20)).toBe('Bonjour à tous Le q…');
  });

  it('finds @mentions outside code, once each', () => {
    expect(extractMentions('Merci @Awa et @kofi.Mensah, @awa ! mail a@b.c `@code`', 10)).toEqual([
      'awa',
      'kofi.mensah',
    ]);
    expect(extractMentions('@a1 @b2 @c3', 2)).toEqual(['a1', 'b2']);
    expect(mentionKey('Marie Claire')).toBe('marieclaire');
  });
});
