import { MAIL_TEMPLATES } from '@mdsc/jobs';
import { describe, expect, it } from 'vitest';
import { renderMail } from './templates';

describe('mail templates', () => {
  it('renders every template in French and English, HTML and text, with the link in both', () => {
    for (const template of MAIL_TEMPLATES) {
      for (const locale of ['fr', 'en'] as const) {
        const m = renderMail(template, locale, { name: 'Aminata', url: 'https://mooc.example/x?token=abc', newEmail: 'n@x.org', courseTitle: 'Droits', senderName: 'Jean' });
        expect(m.subject.length, `${template}/${locale}`).toBeGreaterThan(5);
        expect(m.text).toContain('Aminata');
        expect(m.html).toContain(`lang="${locale}"`);
        expect(m.text).toContain('https://mooc.example/x?token=abc');
        expect(m.html).toContain('https://mooc.example/x?token=abc');
      }
    }
    expect(renderMail('verify-email', 'fr', { name: 'A', url: 'https://x' }).subject).toMatch(/Confirmez/);
    expect(renderMail('verify-email', 'en', { name: 'A', url: 'https://x' }).subject).toMatch(/Confirm/);
  });

  it('escapes data in HTML and refuses non-http links', () => {
    const m = renderMail('welcome', 'fr', { name: '<script>alert(1)</script>', url: 'javascript:alert(1)' });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).not.toContain('javascript:');
    expect(m.text).not.toContain('javascript:');
  });
});
