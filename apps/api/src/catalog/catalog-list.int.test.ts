// The public catalog on MariaDB: FULLTEXT search, filters, sorts, keyset pagination and the
// number of SQL statements a page costs.
import { Course } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectTrpcError, type Harness } from '../testing/catalog-harness';

let h: Harness;
let instructor: Actor;
let categoryId: number;
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  instructor = await h.user('instructor', 'list');
  categoryId = await h.category('Catalogue');
});
afterAll(async () => h?.close());

function row(over: Partial<Course> = {}) {
  const n = ++seq;
  return {
    title: `Cours ${n} ${h.run}`,
    slug: `cours-${n}-${h.run}`,
    instructorId: instructor.id,
    categoryId,
    description: 'Une description ordinaire.',
    isPublished: true,
    ...over,
  } as Course;
}

async function allPages(
  input: Record<string, unknown>,
  limit: number,
  between?: (page: number) => Promise<void>,
) {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await h.caller(null).courses.list({ ...input, limit, cursor });
    ids.push(...res.items.map((c) => c.id));
    if (!res.nextCursor) return ids;
    cursor = res.nextCursor;
    await between?.(page);
  }
  throw new Error('pagination did not end');
}

describe('search', () => {
  it('finds a published course by a word of its description, never an unpublished one', async () => {
    const word = `mangrove${h.run}`;
    const published = await Course.create(row({ description: `Protéger la ${word} du delta.` }));
    await Course.create(row({ description: `Brouillon sur la ${word}.`, isPublished: false }));
    const deleted = await Course.create(row({ description: `Supprimé: ${word}.` }));
    await deleted.destroy();
    const res = await h.caller(null).courses.list({ q: word });
    expect(res.items.map((c) => c.id)).toEqual([published.id]);
    // Prefix, case and accent-insensitive, several words all required.
    expect(
      (await h.caller(null).courses.list({ q: `MANGROVE${h.run.slice(0, 2)}` })).items.map((c) => c.id),
    ).toContain(published.id);
    expect((await h.caller(null).courses.list({ q: `proteger ${word}` })).items.map((c) => c.id)).toEqual([
      published.id,
    ]);
    expect((await h.caller(null).courses.list({ q: `${word} introuvablemot` })).items).toEqual([]);
    // MySQL stopwords ("the", "with") and short words do not empty the results.
    expect((await h.caller(null).courses.list({ q: `the ${word} with la` })).items.map((c) => c.id)).toEqual([
      published.id,
    ]);
  });

  it('treats search operators typed by users as plain text', async () => {
    const res = await h.caller(null).courses.list({ q: '+"(-*~@<>' });
    expect(Array.isArray(res.items)).toBe(true);
    // Punctuation alone is no search at all (and never a LIKE wildcard).
    const all = await h.caller(null).courses.list({ categoryId });
    expect((await h.caller(null).courses.list({ q: '%_', categoryId })).items).toEqual(all.items);
  });
});

describe('pagination', () => {
  it('returns every course exactly once, in every sort order, even with ties and inserts meanwhile', async () => {
    const cat = await h.category('Pagination');
    const rows = Array.from({ length: 45 }, (_, i) =>
      row({ categoryId: cat, enrollmentCount: i % 3, rating: i % 2 ? 4.5 : 3 }),
    );
    const created = await Course.bulkCreate(rows);
    const expected = created.map((c) => c.id).sort((a, b) => a - b);
    for (const sort of ['newest', 'popular', 'rating'] as const) {
      const ids = await allPages({ categoryId: cat, sort }, 7, async (page) => {
        // A course published while someone scrolls must not shift the pages they have not seen.
        if (page === 1) await Course.create(row({ categoryId: cat, enrollmentCount: 0, rating: 0 }));
      });
      const seen = new Set(ids);
      expect(seen.size).toBe(ids.length);
      for (const id of expected) expect(seen.has(id)).toBe(true);
      expect(ids.length - expected.length).toBeLessThanOrEqual(3); // + courses added meanwhile
    }
    const popular = await h.caller(null).courses.list({ categoryId: cat, sort: 'popular', limit: 50 });
    const counts = popular.items.map((c) => c.enrollmentCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('refuses a forged cursor or one from another sort, naming the field', async () => {
    await Course.bulkCreate([row(), row()]);
    const first = await h.caller(null).courses.list({ categoryId, limit: 1, sort: 'newest' });
    expect(first.nextCursor).toBeTruthy();
    await expectTrpcError(
      h.caller(null).courses.list({ cursor: first.nextCursor, sort: 'rating' }),
      'BAD_REQUEST',
      'cursor',
    );
    await expectTrpcError(h.caller(null).courses.list({ cursor: 'bm90LWpzb24' }), 'BAD_REQUEST', 'cursor');
  });
});

describe('filters', () => {
  it('filters by category, difficulty, language, free/paid and price range', async () => {
    const cat = await h.category('Filtres');
    const [free, cheap, dear, en] = await Course.bulkCreate([
      row({ categoryId: cat, price: 0, difficulty: 'beginner' }),
      row({ categoryId: cat, price: 5000, difficulty: 'intermediate' }),
      row({ categoryId: cat, price: 50000, difficulty: 'advanced' }),
      row({ categoryId: cat, price: 0, language: 'en' }),
    ]);
    const ids = async (input: Record<string, unknown>) =>
      (await h.caller(null).courses.list({ categoryId: cat, ...input })).items
        .map((c) => c.id)
        .sort((a, b) => a - b);
    expect(await ids({ pricing: 'free' })).toEqual([free.id, en.id].sort((a, b) => a - b));
    expect(await ids({ pricing: 'paid' })).toEqual([cheap.id, dear.id]);
    expect(await ids({ minPrice: 1000, maxPrice: 10000 })).toEqual([cheap.id]);
    expect(await ids({ difficulty: 'advanced' })).toEqual([dear.id]);
    expect(await ids({ language: 'en' })).toEqual([en.id]);
    await expectTrpcError(
      h.caller(null).courses.list({ minPrice: 10, maxPrice: 1 }),
      'BAD_REQUEST',
      'maxPrice',
    );
  });

  it('lists featured courses and per-category shelves', async () => {
    const cat = await h.category('Vitrine');
    const [a] = await Course.bulkCreate([
      row({ categoryId: cat, isFeatured: true }),
      row({ categoryId: cat }),
    ]);
    expect((await h.caller(null).courses.featured({ limit: 24 })).map((c) => c.id)).toContain(a.id);
    const shelves = await h.caller(null).courses.perCategory({ perCategory: 1 });
    const shelf = shelves.find((s) => s.category.id === cat);
    expect(shelf?.courses).toHaveLength(1);
  });
});

describe('query count', () => {
  it('serves a page of 20 courses in a fixed, small number of SQL statements', async () => {
    const cat = await h.category('Comptage');
    await Course.bulkCreate(Array.from({ length: 25 }, () => row({ categoryId: cat })));
    h.sql.reset();
    const page = await h.caller(null).courses.list({ categoryId: cat, limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.items[0].instructor.name).toContain('list');
    expect(page.items[0].category.id).toBe(cat);
    const statements = h.sql.log.filter((s) => /SELECT|UPDATE|INSERT/i.test(s));
    expect(statements.length).toBeLessThanOrEqual(1);
    // The next page costs the same.
    h.sql.reset();
    await h.caller(null).courses.list({ categoryId: cat, limit: 20, cursor: page.nextCursor });
    expect(h.sql.log.length).toBeLessThanOrEqual(1);
  });

  it('builds the course page in the same number of statements whatever the curriculum size', async () => {
    const as = h.caller(instructor);
    const counts: number[] = [];
    for (const lessons of [1, 12]) {
      const c = await as.courses.create({
        title: `Taille ${lessons} ${h.run}`,
        categoryId,
        description: 'd',
      });
      for (let m = 0; m < 3; m++) {
        const mod = await as.modules.create({ courseId: c.id, title: `M${m}` });
        for (let l = 0; l < lessons; l++) {
          await as.lessons.create({
            courseId: c.id,
            moduleId: mod.id,
            title: `L${l}`,
            contentType: 'text',
            contentText: 'x',
            isPublished: true,
          });
        }
      }
      await as.courses.publish({ id: c.id });
      h.sql.reset();
      await h.caller(null).courses.bySlug({ slug: c.slug });
      counts.push(h.sql.log.length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(4);
  });
});
