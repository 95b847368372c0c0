import { describe, expect, it } from 'vitest';
import { cleanMessageContent, cleanMessageSubject, sendMessageInput } from './messaging';

describe('message text', () => {
  it('keeps what was typed (markup included) minus control and bidi-override characters', () => {
    expect(cleanMessageContent('  <script>x</script>\r\nligne 2\u0000\u0007\u202E\n\n\n\n\nfin  ')).toBe(
      '<script>x</script>\nligne 2\n\n\nfin',
    );
    expect(cleanMessageSubject('Objet\ttrès\r\nlong  ')).toBe('Objet très long');
  });

  it('refuses an empty or over-long message, naming the field', () => {
    const r = sendMessageInput.safeParse({ recipientId: 1, subject: '\u0000 ', content: 'x'.repeat(10_001) });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['content', 'subject']);
    const ok = sendMessageInput.parse({ recipientId: 1, subject: ' Bonjour ', content: '<b>hé</b>' });
    expect(ok).toEqual({ recipientId: 1, subject: 'Bonjour', content: '<b>hé</b>' });
  });
});
