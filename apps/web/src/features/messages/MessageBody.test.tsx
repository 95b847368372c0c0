import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessageBody } from './MessageBody';

describe('MessageBody', () => {
  it('renders markup typed in a message as text, never as HTML', () => {
    const html = renderToStaticMarkup(
      <MessageBody content={'<script>alert("x")</script>\n<img src=x onerror=alert(1)>'} />,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
