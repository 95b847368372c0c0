import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { format } from './index';

describe('i18n', () => {
  it('formats plurals per locale', () => {
    expect(format(fr['categories.courses'], 'fr', { count: 0 })).toBe('aucun cours');
    expect(format(fr['categories.courses'], 'fr', { count: 1 })).toBe('1 cours');
    expect(format(en['categories.courses'], 'en', { count: 1 })).toBe('1 course');
    expect(format(en['categories.courses'], 'en', { count: 1200 })).toBe('1,200 courses');
  });
  it('has an English text for every French key', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const v of Object.values(en)) expect(v.length).toBeGreaterThan(0);
  });
});
