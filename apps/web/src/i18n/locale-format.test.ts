import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatNumber, formatPrice, formatRelative } from './format';

// Intl uses narrow no-break spaces as French group separators; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('locale formatting', () => {
  it('formats XOF prices without decimals per locale', () => {
    expect(plain(formatPrice(15000, 'fr'))).toBe('15 000 F CFA');
    expect(plain(formatPrice(15000.4, 'en'))).toBe('F CFA 15,000');
    expect(plain(formatPrice(19.5, 'en', 'EUR'))).toBe('€19.50');
  });
  it('formats numbers and dates per locale; a calendar day stays that day', () => {
    expect(plain(formatNumber(1234.5, 'fr'))).toBe('1 234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatDate('2026-03-01', 'fr')).toBe('1er mars 2026');
    expect(formatDate('2026-03-01', 'en')).toBe('1 March 2026');
  });
  it('formats relative times', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(formatRelative('2026-03-01T11:55:00Z', 'fr', now)).toBe('il y a 5 minutes');
    expect(formatRelative('2026-03-01T11:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-03-03T12:00:00Z', 'fr', now)).toBe('après-demain');
    expect(formatRelative('2026-02-28T12:00:00Z', 'en', now)).toBe('yesterday');
  });
  it('formats sizes in decimal units (ko, Mo, Go / kB, MB, GB)', () => {
    expect(plain(formatBytes(850, 'fr'))).toBe('0,9 ko');
    expect(plain(formatBytes(32_700, 'fr'))).toBe('32,7 ko');
    expect(plain(formatBytes(1_250_000, 'fr'))).toBe('1,3 Mo');
    expect(plain(formatBytes(11_480_000_000, 'fr'))).toBe('11,5 Go');
    expect(formatBytes(1_250_000, 'en')).toBe('1.3 MB');
    expect(formatBytes(32_700, 'en')).toBe('32.7 kB');
  });
});
