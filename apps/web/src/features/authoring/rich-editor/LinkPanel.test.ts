// The link panel's address rule: what the server's sanitiser keeps (http, https, mailto), nothing else.
import { describe, expect, it } from 'vitest';
import { normalizeLinkUrl } from './LinkPanel';

describe('normalizeLinkUrl', () => {
  it('keeps http(s) and mailto addresses, completing a bare domain or e-mail address', () => {
    expect(normalizeLinkUrl(' https://mdsc.example/statuts ')).toBe('https://mdsc.example/statuts');
    expect(normalizeLinkUrl('http://mdsc.example')).toBe('http://mdsc.example/');
    expect(normalizeLinkUrl('mdsc.example/cours?id=1')).toBe('https://mdsc.example/cours?id=1');
    expect(normalizeLinkUrl('contact@mdsc.example')).toBe('mailto:contact@mdsc.example');
    expect(normalizeLinkUrl('mailto:contact@mdsc.example')).toBe('mailto:contact@mdsc.example');
  });

  it('refuses other schemes and empty or broken addresses', () => {
    for (const bad of ['', '   ', 'javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'ftp://x.example', 'https://', 'http://exa mple.com']) {
      expect(normalizeLinkUrl(bad), bad).toBeNull();
    }
  });
});
