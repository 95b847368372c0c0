// Search that forgives (issue 17): misspelled and unaccented words find their course, with a
// "Vouliez-vous dire…" suggestion, on MariaDB and on SQLite (embedded mode); the trigram rows follow
// the course's title in the same transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCourse, listCourses, suggestSearch, systemClock, updateCourse, type Actor } from '@mdsc/core';
import { Category, Course, createDatabase, migrateUp, User, type Database } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/catalog-harness';

describe('typo-tolerant search on MariaDB', () => {
  let h: Harness;
  let teacher: Actor;
  let ids: { gouvernance: number; cooperative: number; plaidoyer: number };

  beforeAll(async () => {
    h = await createHarness();
    teacher = await h.user('instructor');
    const categoryId = await h.category();
    const make = async (title: string, shortDescription: string) => {
      const c = await h.caller(teacher).courses.create({ title, shortDescription, categoryId, description: 'Un cours.' });
      await Course.update({ isPublished: true }, { where: { id: c.id } });
      return c.id;
    };
    ids = {
      gouvernance: await make(`Gouvernance associative ${h.run}`, 'Les organes d’une association'),
      cooperative: await make(`Gérer une coopérative agricole ${h.run}`, 'Statuts et assemblées'),
      plaidoyer: await make(`Plaidoyer citoyen ${h.run}`, 'Mobiliser autour d’une cause'),
    };
  });
  afterAll(async () => h?.close());

  const find = async (q: string) => (await h.caller(null).courses.list({ q, limit: 50 })).items.map((c) => c.id);

  it('finds "gouvernance" from "gouvernence", "coopérative" from "cooperative", and not the others', async () => {
    expect(await find('gouvernence')).toContain(ids.gouvernance);
    expect(await find('gouvernence')).not.toContain(ids.plaidoyer);
    expect(await find('cooperative')).toContain(ids.cooperative);
    expect(await find('COOPERATIVE agricol')).toContain(ids.cooperative);
    expect(await find('gouvernence associatve')).toContain(ids.gouvernance);
    expect(await find('plaidoyé')).toContain(ids.plaidoyer);
    expect(await find('zzqxwv')).toEqual([]);
  });

  it('still finds exact words of the long description (FULLTEXT)', async () => {
    expect(await find('cours')).toEqual(expect.arrayContaining([ids.gouvernance, ids.cooperative, ids.plaidoyer]));
  });

  it('suggests the words the courses use', async () => {
    const suggest = (q: string) => h.caller(null).courses.searchSuggestion({ q });
    expect(await suggest('gouvernence')).toBe('gouvernance');
    expect(await suggest('cooperative agricol')).toBe('coopérative agricole');
    expect(await suggest('gouvernance')).toBeNull();
    expect(await suggest('zzqxwv')).toBeNull();
  });

  it('rewrites the rows with the title, in the course update', async () => {
    const rows = async () =>
      (
        (await h.db.sequelize.query('SELECT DISTINCT word FROM course_search_trigrams WHERE course_id = :id', {
          replacements: { id: ids.plaidoyer },
        })) as unknown as [{ word: string }[], unknown]
      )[0].map((r) => r.word);
    expect(await rows()).toContain('plaidoyer');
    await h.caller(teacher).courses.update({ id: ids.plaidoyer, title: `Mobilisation citoyenne ${h.run}` });
    expect(await rows()).not.toContain('plaidoyer');
    expect(await rows()).toContain('mobilisation');
    expect(await find('mobilisaton')).toContain(ids.plaidoyer);
    expect(await find('plaidoyer')).not.toContain(ids.plaidoyer);
  });

  it('one SQL statement per catalog page, search included', async () => {
    h.sql.reset();
    await h.caller(null).courses.list({ q: 'gouvernence', limit: 20 });
    expect(h.sql.log.filter((s) => /SELECT/.test(s))).toHaveLength(1);
  });
});

describe('typo-tolerant search on SQLite (embedded mode)', () => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-search-sqlite-'));
    db = createDatabase({ sqliteFile: path.join(dir, 'db.sqlite') });
    await migrateUp(db.sequelize);
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the misspellings and suggests the right words', async () => {
    const u = await User.create({ email: 'i@search.test', password: 'x', firstName: 'Ina', lastName: 'Lite', role: 'instructor' });
    const cat = await Category.create({ name: 'Société civile' });
    const actor: Actor = { id: u.id, role: 'instructor', emailVerified: true, locale: 'fr' };
    const deps = { db, clock: systemClock };
    const mk = async (title: string) => {
      const c = await createCourse(deps, actor, { title, categoryId: cat.id, description: 'Texte.' } as Parameters<typeof createCourse>[2]);
      await Course.update({ isPublished: true }, { where: { id: c.id } });
      return c.id;
    };
    const gouv = await mk('Gouvernance associative');
    const coop = await mk('La coopérative en pratique');
    const find = async (q: string) => (await listCourses({ db }, { q })).items.map((c) => c.id);
    expect(await find('gouvernence')).toEqual([gouv]);
    expect(await find('cooperative')).toEqual([coop]);
    expect(await find('texte')).toEqual([coop, gouv]);
    expect(await suggestSearch({ db }, 'gouvernence')).toBe('gouvernance');
    expect(await suggestSearch({ db }, 'cooperative')).toBe('coopérative');
    await updateCourse(deps, actor, { id: coop, title: 'Mutuelle de santé' } as Parameters<typeof updateCourse>[2]);
    expect(await find('cooperative')).toEqual([]);
    expect(await find('mutuele')).toEqual([coop]);
  });
});
