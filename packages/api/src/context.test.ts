import { describe, expect, it } from 'vitest';
import { requestLocale } from './context';

describe('requestLocale', () => {
  it('takes the app\'s x-locale first, then Accept-Language by weight, else nothing', () => {
    expect(requestLocale('en', 'fr-FR,fr;q=0.9')).toBe('en');
    expect(requestLocale('EN ', null)).toBe('en');
    expect(requestLocale('de', 'en-GB,en;q=0.8')).toBe('en');
    expect(requestLocale(null, 'de-DE,fr;q=0.5,en;q=0.7')).toBe('en');
    expect(requestLocale(null, 'es, fr-BE;q=0.3')).toBe('fr');
    expect(requestLocale(null, 'en;q=0, de')).toBeNull();
    expect(requestLocale(null, null)).toBeNull();
  });
});
