import { describe, expect, it } from 'vitest';
import { format } from './index';
import { formatNumber } from './format';
import { lazyNumberFormat, plainInteger } from './numbers';

describe('plain integers (no Intl.NumberFormat on a first screen)', () => {
  it('writes 0–999 exactly as Intl does, in French and in English', () => {
    for (const tag of ['fr', 'fr-FR', 'en', 'en-GB']) {
      const intl = new Intl.NumberFormat(tag);
      for (let n = 0; n < 1000; n++) expect(plainInteger(n), `${tag} ${n}`).toBe(intl.format(n));
    }
  });
  it('leaves every other number to Intl', () => {
    for (const n of [1000, 1234.5, -1, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(plainInteger(n)).toBeNull();
    expect(plainInteger('12')).toBeNull();
    let built = 0;
    const f = lazyNumberFormat(() => (built++, new Intl.NumberFormat('fr')));
    expect(f.format(42)).toBe('42');
    expect(built).toBe(0);
    expect(f.format(1234).replace(/\u202f/g, ' ')).toBe('1 234');
    expect(f.format(-0)).toBe(new Intl.NumberFormat('fr').format(-0));
    expect(built).toBe(1);
  });
  it('gives messages and formatNumber the same text as before', () => {
    expect(format('{count, plural, one {# point} other {# points}}', 'fr', { count: 12 })).toBe('12 points');
    expect(format('{count, plural, one {# point} other {# points}}', 'en', { count: 1500 })).toBe('1,500 points');
    expect(format('{n, number} %', 'fr', { n: 1500 }).replace(/\u202f/g, ' ')).toBe('1 500 %');
    expect(formatNumber(999, 'fr')).toBe('999');
    expect(formatNumber(12.5, 'en')).toBe('12.5');
  });
});
