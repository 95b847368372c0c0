// Embedded mode: the same catalog queries on SQLite, where search is LIKE-based (no FULLTEXT).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listCourses } from '@mdsc/core';
import { Category, Course, createDatabase, migrateUp, User, type Database } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: Database;
let dir: string;
let base: { instructorId: number; categoryId: number };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-catalog-sqlite-'));
  db = createDatabase({ sqliteFile: path.join(dir, 'db.sqlite') });
  await migrateUp(db.sequelize);
  const u = await User.create({
    email: 'i@sqlite.test',
    password: 'x',
    firstName: 'Ina',
    lastName: 'Lite',
    role: 'instructor',
  });
  const c = await Category.create({ name: 'Embarqué' });
  base = { instructorId: u.id, categoryId: c.id };
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('catalog on SQLite', () => {
  it('searches titles and descriptions word by word, ignoring unpublished courses', async () => {
    await Course.bulkCreate([
      {
        ...base,
        title: 'Gestion associative',
        slug: 'gestion',
        description: 'Comptabilité 100% simple',
        isPublished: true,
      },
      {
        ...base,
        title: 'Brouillon',
        slug: 'brouillon',
        description: 'Comptabilité avancée',
        isPublished: false,
      },
      { ...base, title: 'Plaidoyer', slug: 'plaidoyer', description: 'Mobiliser', isPublished: true },
    ] as Course[]);
    const find = async (q: string) => (await listCourses({ db }, { q })).items.map((c) => c.slug);
    expect(await find('comptabilité')).toEqual(['gestion']);
    expect(await find('GESTION simple')).toEqual(['gestion']);
    expect(await find('gestion mobiliser')).toEqual([]);
    expect(await find('100')).toEqual(['gestion']);
  });

  it('pages through every course exactly once', async () => {
    await Course.bulkCreate(
      Array.from({ length: 23 }, (_, i) => ({
        ...base,
        title: `Page ${i}`,
        slug: `page-${i}`,
        enrollmentCount: i % 4,
        isPublished: true,
      })) as Course[],
    );
    for (const sort of ['newest', 'popular', 'rating'] as const) {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await listCourses({ db }, { sort, limit: 5, cursor });
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
    }
  });
});
