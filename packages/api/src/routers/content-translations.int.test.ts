// Names of badges, challenges and categories in the request's language (issue 17, part 5) through
// the tRPC caller on MariaDB: the English name comes back in English, the French original where
// there is none; admins set and clear it (bad input names the field, nothing written); a list costs
// the same number of queries whatever its length.
import { randomBytes } from 'node:crypto';
import type { Actor, CoreDeps } from '@mdsc/core';
import { ContentTranslation, Course, createDatabase, User } from '@mdsc/db';
import type { Locale } from '@mdsc/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { expectFieldError } from '../testing/field-error';
import { createCallerFactory, type Context } from '../trpc';

const run = randomBytes(4).toString('hex');
let queries = 0;
const db = createDatabase({ url: process.env.TEST_DATABASE_URL!, logging: () => void (queries += 1) });
let deps: CoreDeps;
const createCaller = createCallerFactory(appRouter);
const as = (actor: Actor | null, locale: Locale | null = null) =>
  createCaller({ deps, redis: null, req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' }, actor, locale } satisfies Context);

let seq = 0;
async function user(role: Actor['role']): Promise<Actor> {
  const u = await User.create({
    email: `ct${++seq}-${run}@translations.test`,
    password: 'x',
    firstName: 'Afi',
    lastName: `Mensah${seq}`,
    role,
    isEmailVerified: true,
  });
  return { id: u.id, role, emailVerified: true, locale: 'fr' };
}

const badgeInput = (name: string, extra: { nameEn?: string | null; descriptionEn?: string | null } = {}) => ({
  name,
  description: 'Terminer sa première leçon.',
  tier: 'bronze' as const,
  category: 'progression',
  criteria: { type: 'lessons_completed' as const, value: 1 },
  ...extra,
});

let admin: Actor;
let student: Actor;

beforeAll(async () => {
  deps = {
    db,
    clock: { now: () => new Date() },
    logger: { info() {}, warn() {}, error() {} },
    jobs: { driver: 'inline', async enqueue() {}, async close() {} },
    storage: undefined as never,
    config: { publicUrl: 'http://app.test', timezone: 'Africa/Porto-Novo', dataDir: '/tmp' },
  };
  admin = await user('admin');
  student = await user('student');
});
afterAll(async () => {
  await db.close();
});

describe('translated names', () => {
  it('a badge comes back in English in English mode, in French otherwise, and falls back to French', async () => {
    const b = await as(admin).badges.create(badgeInput(`Premier pas ${run}`, { nameEn: `First step ${run}` }));
    expect(b).toMatchObject({ name: `Premier pas ${run}`, nameEn: `First step ${run}`, descriptionEn: null });

    const inEnglish = (await as(student, 'en').gamification.badges()).find((x) => x.id === b.id)!;
    expect(inEnglish.name).toBe(`First step ${run}`);
    expect(inEnglish.description).toBe('Terminer sa première leçon.'); // no English description: French
    const inFrench = (await as(student, 'fr').gamification.badges()).find((x) => x.id === b.id)!;
    expect(inFrench.name).toBe(`Premier pas ${run}`);
    // No language on the request: the user's own (French here).
    expect((await as(student).gamification.badges()).find((x) => x.id === b.id)!.name).toBe(`Premier pas ${run}`);

    // Cleared by the admin: English readers get the French original again.
    const cleared = await as(admin).badges.update({ id: b.id, nameEn: '' });
    expect(cleared.nameEn).toBeNull();
    expect((await as(student, 'en').gamification.badges()).find((x) => x.id === b.id)!.name).toBe(`Premier pas ${run}`);
    expect(await ContentTranslation.count({ where: { entityType: 'badge', entityId: b.id } })).toBe(0);
  });

  it('challenges (and their reward badge) and categories are translated; missing ones stay French', async () => {
    const reward = await as(admin).badges.create(badgeInput(`Relève ${run}`, { nameEn: `Challenge taker ${run}` }));
    const today = new Date().toISOString().slice(0, 10);
    const translated = await as(admin).challenges.create({
      name: `Défi de la semaine ${run}`,
      description: 'Terminez cinq leçons cette semaine.',
      nameEn: `Weekly challenge ${run}`,
      descriptionEn: 'Complete five lessons this week.',
      type: 'weekly',
      criteria: { type: 'lessons_completed', value: 5 },
      rewardXp: 50,
      rewardBadgeId: reward.id,
      startDate: today,
      endDate: today,
    });
    const untranslated = await as(admin).challenges.create({
      name: `Défi sans traduction ${run}`,
      description: null,
      type: 'event',
      criteria: { type: 'lessons_completed', value: 2 },
      rewardXp: 10,
      startDate: today,
      endDate: today,
    });
    const mine = await as(student, 'en').gamification.challenges();
    expect(mine.find((c) => c.id === translated.id)).toMatchObject({
      name: `Weekly challenge ${run}`,
      description: 'Complete five lessons this week.',
      rewardBadge: { name: `Challenge taker ${run}` },
    });
    expect(mine.find((c) => c.id === untranslated.id)!.name).toBe(`Défi sans traduction ${run}`);
    const adminView = (await as(admin, 'en').challenges.list()).find((c) => c.id === translated.id)!;
    expect(adminView).toMatchObject({ name: `Défi de la semaine ${run}`, nameEn: `Weekly challenge ${run}` });

    const cat = await as(admin).categories.create({ name: `Gouvernance ${run}`, nameEn: `Governance ${run}`, description: 'Redevabilité' });
    const listed = async (locale: Locale) => (await as(null, locale).categories.list()).find((c) => c.id === cat.id)!;
    expect((await listed('en')).name).toBe(`Governance ${run}`);
    expect((await listed('en')).description).toBe('Redevabilité');
    expect((await listed('fr')).name).toBe(`Gouvernance ${run}`);
    expect((await as(admin).categories.adminList()).find((c) => c.id === cat.id)).toMatchObject({
      name: `Gouvernance ${run}`,
      nameEn: `Governance ${run}`,
    });

    // Deleting a challenge deletes its translations in the same transaction.
    await as(admin).challenges.delete({ id: translated.id });
    expect(await ContentTranslation.count({ where: { entityType: 'challenge', entityId: translated.id } })).toBe(0);
  });

  it('course cards and the course page show their category in the reader’s language', async () => {
    const instructor = await user('instructor');
    const cat = await as(admin).categories.create({ name: `Plaidoyer ${run}`, nameEn: `Advocacy ${run}`, description: null });
    const course = await Course.create({
      title: `Mobiliser ${run}`,
      slug: `mobiliser-${run}`,
      instructorId: instructor.id,
      categoryId: cat.id,
      isPublished: true,
    });
    const card = async (locale: Locale) =>
      (await as(null, locale).courses.list({ categoryId: cat.id })).items.find((c) => c.id === course.id)!.category.name;
    expect(await card('en')).toBe(`Advocacy ${run}`);
    expect(await card('fr')).toBe(`Plaidoyer ${run}`);
    const shelf = async (locale: Locale) =>
      (await as(null, locale).courses.perCategory({ perCategory: 2 })).find((s) => s.category.id === cat.id)!.category.name;
    expect(await shelf('en')).toBe(`Advocacy ${run}`);
    expect(await shelf('fr')).toBe(`Plaidoyer ${run}`);
    expect((await as(null, 'en').courses.bySlug({ slug: course.slug })).category.name).toBe(`Advocacy ${run}`);
    expect((await as(null, 'fr').courses.bySlug({ slug: course.slug })).category.name).toBe(`Plaidoyer ${run}`);
  });

  it('refuses a too long English name, naming the field, and writes nothing', async () => {
    const before = await ContentTranslation.count();
    const badges = await as(admin).badges.list();
    await expectFieldError(as(admin).badges.create(badgeInput(`Trop long ${run}`, { nameEn: 'x'.repeat(256) })), 'nameEn');
    await expectFieldError(as(admin).categories.update({ id: 1, nameEn: 'y'.repeat(256) }), 'nameEn');
    expect(await ContentTranslation.count()).toBe(before);
    expect((await as(admin).badges.list()).length).toBe(badges.length);
    await expect(as(student).categories.adminList()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a list in English costs the same number of queries with 1 or 12 more translated badges', async () => {
    const countFor = async () => {
      queries = 0;
      await as(student, 'en').gamification.badges();
      return queries;
    };
    await as(admin).badges.create(badgeInput(`Compte 0 ${run}`, { nameEn: `Count 0 ${run}`, descriptionEn: 'One' }));
    const few = await countFor();
    for (let i = 1; i <= 12; i++) {
      await as(admin).badges.create(badgeInput(`Compte ${i} ${run}`, { nameEn: `Count ${i} ${run}`, descriptionEn: 'Many' }));
    }
    const many = await countFor();
    expect(many).toBe(few);
    // Catalogue of badges, the learner's badges, one query for every translation of the list.
    expect(many).toBe(3);
    // French needs no translation query.
    queries = 0;
    await as(student, 'fr').gamification.badges();
    expect(queries).toBe(2);
  });
});
