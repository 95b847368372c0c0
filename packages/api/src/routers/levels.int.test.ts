// Level names per language (issue 17, part 5) through the tRPC caller on MariaDB: the reader's
// language → French → the shipped name; one cached read per process, cleared by a rename and
// expired after LEVEL_NAMES_TTL_MS for renames made elsewhere; admins only; a bad input names its
// field and writes nothing. Every place that shows a level name (XP bar, dashboard, leaderboard,
// level-up notifications) names it in the reader's language.
import { randomBytes } from 'node:crypto';
import {
  clearLevelNamesCache,
  createMemoryEventBus,
  LEVEL_NAMES_TTL_MS,
  levelNamer,
  liveNotifications,
  type Actor,
  type CoreDeps,
} from '@mdsc/core';
import { createDatabase, LevelName, Notification, User, UserXp } from '@mdsc/db';
import { LEVELS, type Locale } from '@mdsc/validators';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { expectFieldError } from '../testing/field-error';
import { createCallerFactory, type Context } from '../trpc';

const run = randomBytes(4).toString('hex');
let queries: string[] = [];
const db = createDatabase({ url: process.env.TEST_DATABASE_URL!, logging: (sql) => void queries.push(sql) });
let now = new Date('2026-12-03T10:00:00Z');
let deps: CoreDeps;
const createCaller = createCallerFactory(appRouter);
const as = (actor: Actor | null, locale: Locale | null = null) =>
  createCaller({ deps, redis: null, req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' }, actor, locale } satisfies Context);
const levelReads = () => queries.filter((q) => /FROM `level_names`/.test(q)).length;

let seq = 0;
const withXp: number[] = [];
async function user(role: Actor['role'], locale: Locale = 'fr', xp = 0): Promise<Actor> {
  const u = await User.create({
    email: `lv${++seq}-${run}@levels.test`,
    password: 'x',
    firstName: 'Kossi',
    lastName: `Agbo${seq}`,
    role,
    isEmailVerified: true,
    language: locale,
  });
  if (xp > 0) {
    await UserXp.create({ userId: u.id, totalXp: xp, currentLevel: 3, xpToNextLevel: 479 - xp });
    withXp.push(u.id);
  }
  return { id: u.id, role, emailVerified: true, locale };
}

/** Puts the 24 shipped names back (the migration's seed). */
async function resetNames() {
  await LevelName.destroy({ where: {} });
  await LevelName.bulkCreate(LEVELS.flatMap((l) => [
    { level: l.level, locale: 'fr', name: l.name },
    { level: l.level, locale: 'en', name: l.nameEn },
  ]));
  clearLevelNamesCache();
}

const stored = async () =>
  (await LevelName.findAll({ order: [['level', 'ASC'], ['locale', 'ASC']], raw: true })).map((r) => `${r.level}:${r.locale}:${r.name}`);

let admin: Actor;
let learnerEn: Actor;
let learnerFr: Actor;

beforeAll(async () => {
  deps = {
    db,
    clock: { now: () => now },
    logger: { info() {}, warn() {}, error() {} },
    jobs: { driver: 'inline', async enqueue() {}, async close() {} },
    storage: undefined as never,
    config: { publicUrl: 'http://app.test', timezone: 'Africa/Porto-Novo', dataDir: '/tmp' },
  };
  admin = await user('admin');
  // 300 XP: level 3 (Explorateur / Explorer).
  learnerEn = await user('student', 'en', 300);
  learnerFr = await user('student', 'fr', 300);
});
beforeEach(resetNames);
afterAll(async () => {
  // Totals written without ledger rows: the leaderboard test (same database, a later file) checks
  // user_xp against the ledger, so they go.
  await UserXp.destroy({ where: { userId: withXp } });
  await resetNames();
  await db.close();
});

describe('level names', () => {
  it('are seeded by the migration in French and English', async () => {
    expect(await LevelName.count()).toBe(24);
    const list = await as(admin).levels.list();
    expect(list).toHaveLength(12);
    expect(list[11]).toMatchObject({ level: 12, minXp: 6776, name: 'Phénix', nameEn: 'Phoenix' });
  });

  it('fall back from the reader’s language to French, then to the shipped name', async () => {
    await as(admin).levels.update({ level: 3, name: `Pionnier ${run}`, nameEn: `Pathfinder ${run}` });
    expect((await as(learnerEn).gamification.me()).level).toMatchObject({ level: 3, name: `Pathfinder ${run}` });
    expect((await as(learnerFr).gamification.me()).level.name).toBe(`Pionnier ${run}`);
    // The request's language wins over the user's.
    expect((await as(learnerFr, 'en').gamification.me()).level.name).toBe(`Pathfinder ${run}`);

    // English emptied: English readers see the French name.
    const cleared = await as(admin).levels.update({ level: 3, name: `Pionnier ${run}`, nameEn: '' });
    expect(cleared.nameEn).toBeNull();
    expect(await LevelName.count({ where: { level: 3, locale: 'en' } })).toBe(0);
    expect((await as(learnerEn).gamification.me()).level.name).toBe(`Pionnier ${run}`);

    // No row at all (a database restored from before the rename, say): the shipped name.
    await LevelName.destroy({ where: { level: 3 } });
    clearLevelNamesCache();
    expect((await as(learnerEn).gamification.me()).level.name).toBe('Explorer');
    expect((await as(learnerFr).gamification.me()).level.name).toBe('Explorateur');
  });

  it('are read once per process, re-read after a rename, and after the TTL when renamed elsewhere', async () => {
    queries = [];
    await as(learnerEn).gamification.me();
    await as(learnerEn).dashboard.learner();
    await as(learnerFr).gamification.leaderboard({ scope: 'global', limit: 20 });
    expect(levelReads()).toBe(1); // one cold read, then the cache

    await as(admin).levels.update({ level: 3, name: 'Explorateur', nameEn: `Trailblazer ${run}` });
    queries = [];
    expect((await as(learnerEn).dashboard.learner()).level.name).toBe(`Trailblazer ${run}`);
    expect(levelReads()).toBe(1); // the rename cleared the cache: one fresh read

    // Another API process renames: this one keeps its copy until it expires.
    await LevelName.update({ name: `Ranger ${run}` }, { where: { level: 3, locale: 'en' } });
    expect((await as(learnerEn).gamification.me()).level.name).toBe(`Trailblazer ${run}`);
    now = new Date(now.getTime() + LEVEL_NAMES_TTL_MS + 1);
    expect((await as(learnerEn).gamification.me()).level.name).toBe(`Ranger ${run}`);
  });

  it('name every level of a list with one read at most, however long the list', async () => {
    clearLevelNamesCache();
    queries = [];
    const name = await levelNamer(deps, 'en');
    expect(LEVELS.map((l) => name(l.level))).toEqual(LEVELS.map((l) => l.nameEn));
    expect(levelReads()).toBe(1);
    const board = await as(learnerEn).gamification.leaderboard({ scope: 'global', limit: 50 });
    const mine = board.entries.find((e) => e.isViewer)!;
    expect(mine).toMatchObject({ level: 3, levelName: 'Explorer' });
    expect(levelReads()).toBe(1);
  });

  it('name a level-up notification when it is shown, in the reader’s language', async () => {
    await Notification.create({
      userId: learnerEn.id,
      payload: JSON.stringify({ type: 'level_up', data: { level: 3, levelName: 'Explorateur' } }),
    });
    await as(admin).levels.update({ level: 3, name: 'Explorateur', nameEn: `Wayfinder ${run}` });
    const [n] = (await as(learnerEn).notifications.list({ limit: 5 })).items;
    expect(n).toMatchObject({ type: 'level_up', data: { level: 3, levelName: `Wayfinder ${run}` } });
    const [fr] = (await as(learnerEn, 'fr').notifications.list({ limit: 5 })).items;
    expect(fr.data).toMatchObject({ levelName: 'Explorateur' });
  });

  it('name a live level-up in the subscriber’s language', async () => {
    const events = createMemoryEventBus();
    const stop = new AbortController();
    const stream = liveNotifications({ ...deps, events }, learnerEn, stop.signal)[Symbol.asyncIterator]();
    expect((await stream.next()).value).toMatchObject({ kind: 'ready' });
    const notification = { id: 1, type: 'level_up', data: { level: 3, levelName: 'Explorateur' }, isRead: false, createdAt: now.toISOString() } as const;
    await events.publish([{ userId: learnerEn.id, event: { kind: 'notification', notification } }]);
    expect((await stream.next()).value).toMatchObject({ kind: 'notification', notification: { data: { level: 3, levelName: 'Explorer' } } });
    stop.abort();
  });

  it('are renamed by admins only', async () => {
    const before = await stored();
    await expect(as(learnerFr).levels.update({ level: 1, name: 'Pirate', nameEn: 'Pirate' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(learnerFr).levels.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(null).levels.update({ level: 1, name: 'Pirate', nameEn: null })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await stored()).toEqual(before);
  });

  it('refuse a bad input, naming the field, and write nothing', async () => {
    const before = await stored();
    await expectFieldError(as(admin).levels.update({ level: 13, name: 'Titan', nameEn: 'Titan' }), 'level');
    await expectFieldError(as(admin).levels.update({ level: 2, name: '   ', nameEn: 'Curious' }), 'name');
    await expectFieldError(as(admin).levels.update({ level: 2, name: 'Curieux', nameEn: 'x'.repeat(101) }), 'nameEn');
    await expectFieldError(as(admin).levels.update({ level: 2, name: '\u202e', nameEn: 'Curious' }), 'name');
    expect(await stored()).toEqual(before);
  });
});
