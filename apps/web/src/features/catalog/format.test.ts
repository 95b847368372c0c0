import { describe, expect, it } from 'vitest';
import { formatMinutes, formatPrice } from './format';

// Intl output uses narrow no-break spaces; normalise them to compare.
const plain = (s: string | null) => s?.replace(/[\u202f\u00a0]/g, ' ');

describe('catalog formatting', () => {
  it('formats XOF prices without decimals, per locale', () => {
    expect(plain(formatPrice(15000, 'XOF', 'fr'))).toBe('15 000 F CFA');
    expect(plain(formatPrice(15000, 'XOF', 'en'))).toMatch(/15,000/);
    expect(plain(formatPrice(12.5, 'EUR', 'fr'))).toBe('12,50 €');
  });
  it('formats durations in hours and minutes', () => {
    expect(plain(formatMinutes(95, 'fr'))).toBe('1 h 35 min');
    expect(formatMinutes(null, 'fr')).toBeNull();
  });
});
