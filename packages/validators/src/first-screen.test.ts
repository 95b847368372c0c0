import { describe, expect, it } from 'vitest';
import { catalogFilters, catalogListInput, firstScreenKey } from './first-screen';

describe('first screen', () => {
  it('reads the catalog filters from the URL, unknown sorts falling back to newest', () => {
    expect(catalogFilters('?q=gouvernance&category=3&sort=bogus')).toEqual({
      q: 'gouvernance',
      category: '3',
      difficulty: '',
      language: '',
      pricing: '',
      sort: 'newest',
    });
    expect(catalogListInput(catalogFilters('?category=3&pricing=free&sort=popular'))).toEqual({
      q: undefined,
      categoryId: 3,
      difficulty: undefined,
      language: undefined,
      pricing: 'free',
      sort: 'popular',
      limit: 20,
    });
  });

  it('keys a query by path and canonical input: key order and undefined members do not count', () => {
    expect(firstScreenKey('courses.list', { sort: 'newest', limit: 20, q: undefined })).toBe(
      firstScreenKey('courses.list', { limit: 20, sort: 'newest' }),
    );
    expect(firstScreenKey('auth.me', undefined)).toBe(firstScreenKey('auth.me', undefined));
    expect(firstScreenKey('auth.me', undefined)).not.toBe(firstScreenKey('auth.mine', undefined));
    expect(firstScreenKey('courses.list', { limit: 20 })).not.toBe(firstScreenKey('courses.list', { limit: 10 }));
  });

  it("matches an infinite query's first page (direction, no cursor) but not its next pages", () => {
    const base = { sort: 'newest', limit: 20 };
    expect(firstScreenKey('courses.list', { ...base, direction: 'forward' })).toBe(firstScreenKey('courses.list', base));
    expect(firstScreenKey('courses.list', { ...base, cursor: 'abc', direction: 'forward' })).not.toBe(
      firstScreenKey('courses.list', base),
    );
  });
});
