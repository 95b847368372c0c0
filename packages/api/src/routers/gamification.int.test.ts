// gamification.*, badges.* and challenges.* through the tRPC caller on MariaDB: authorisation,
// input errors naming the field (nothing written), the learner's state, history in FR and EN,
// the badge PDF of its holder only, and the leaderboard opt-out.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluateBadges, openBadgePdf, recordLearningEvent, renderUserBadgePdf, type Actor, type CoreDeps } from '@mdsc/core';
import { Badge, Category, Challenge, Course, createDatabase, Lesson, User } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { createCallerFactory, type Context } from '../trpc';

const run = randomBytes(4).toString('hex');
const db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
const enqueued: { name: string; payload: unknown }[] = [];
const jobs: JobQueue = {
  driver: 'inline',
  async enqueue(_q, name, payload) {
    enqueued.push({ name, payload });
  },
  async close() {},
};
let storageRoot: string;
let deps: CoreDeps;
const createCaller = createCallerFactory(appRouter);
const as = (actor: Actor | null) =>
  createCaller({ deps, redis: null, req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' }, actor } satisfies Context);

let seq = 0;
async function user(role: Actor['role'] = 'student', firstName = 'Koffi'): Promise<Actor> {
  const u = await User.create({
    email: `gr${++seq}-${run}@gamification-router.test`,
    password: 'x',
    firstName,
    lastName: `Agossou${seq}`,
    role,
    isEmailVerified: true,
  });
  return { id: u.id, role, emailVerified: true, locale: 'fr' };
}

async function expectTrpcError(p: Promise<unknown>, code: string, field?: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe(code);
  if (field) {
    const cause = (err as TRPCError).cause as { issues?: { path: (string | number)[] }[]; details?: { field?: string } };
    const fields = cause?.issues?.map((i) => i.path.join('.')) ?? [cause?.details?.field];
    expect(fields).toContain(field);
  }
}

let admin: Actor;
let student: Actor;
let course: { id: number; categoryId: number; lessonId: number };

beforeAll(async () => {
  storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-gam-router-'));
  deps = {
    db,
    clock: { now: () => new Date() },
    logger: { info() {}, warn() {}, error() {} },
    jobs,
    storage: createLocalStorage({ root: storageRoot }),
    config: { publicUrl: 'http://app.test', timezone: 'Africa/Porto-Novo', dataDir: storageRoot },
  };
  admin = await user('admin', 'Admin');
  student = await user('student', 'Aïcha');
  const instructor = await user('instructor');
  const cat = await Category.create({ name: `Router ${run}`, color: '#123456' });
  const c = await Course.create({ title: `Gouvernance locale ${run}`, slug: `gouv-${run}`, instructorId: instructor.id, categoryId: cat.id });
  const l = await Lesson.create({ courseId: c.id, title: 'Le budget participatif', contentType: 'text', orderIndex: 1 });
  course = { id: c.id, categoryId: cat.id, lessonId: l.id };
});
afterAll(async () => {
  await db.close();
  await fs.rm(storageRoot, { recursive: true, force: true });
});

describe('badges (admin CRUD)', () => {
  it('refuses students and bad criteria (naming the field), creates, lists, updates', async () => {
    const input = {
      name: `Premier cours ${run}`,
      description: 'Terminer un cours',
      tier: 'bronze' as const,
      category: 'progression',
      iconUrl: '🎓',
      criteria: { type: 'course_completion' as const, value: 1 },
    };
    await expectTrpcError(as(student).badges.create(input), 'FORBIDDEN');
    await expectTrpcError(as(null).badges.list(), 'UNAUTHORIZED');
    const before = await Badge.count();
    await expectTrpcError(as(admin).badges.create({ ...input, criteria: { type: 'course_completion', value: 0 } }), 'BAD_REQUEST', 'criteria.value');
    await expectTrpcError(
      // @ts-expect-error an unsupported criteria type
      as(admin).badges.create({ ...input, criteria: { type: 'login_count', value: 3 } }),
      'BAD_REQUEST',
      'criteria.type',
    );
    await expectTrpcError(
      // @ts-expect-error unknown keys are refused, not silently dropped
      as(admin).badges.create({ ...input, criteria: { type: 'xp_total', value: 3, extra: 1 } }),
      'BAD_REQUEST',
      'criteria',
    );
    await expectTrpcError(as(admin).badges.create({ ...input, iconUrl: '<script>' }), 'BAD_REQUEST', 'iconUrl');
    expect(await Badge.count()).toBe(before);

    const b = await as(admin).badges.create(input);
    expect(b).toMatchObject({ name: input.name, tier: 'bronze', criteria: { type: 'course_completion', value: 1 }, holderCount: 0 });
    const upd = await as(admin).badges.update({ id: b.id, tier: 'silver', description: null });
    expect(upd).toMatchObject({ tier: 'silver', description: null });
    expect((await as(admin).badges.list()).find((x) => x.id === b.id)).toBeTruthy();
  });
});

describe('challenges (admin CRUD)', () => {
  it('validates the window and the reward badge, then creates and deletes', async () => {
    const input = {
      name: `Défi ${run}`,
      type: 'weekly' as const,
      criteria: { type: 'lessons_completed' as const, value: 3 },
      rewardXp: 40,
      startDate: '2026-11-02',
      endDate: '2026-11-08',
    };
    await expectTrpcError(as(student).challenges.create(input), 'FORBIDDEN');
    await expectTrpcError(as(admin).challenges.create({ ...input, endDate: '2026-11-01' }), 'BAD_REQUEST', 'endDate');
    await expectTrpcError(as(admin).challenges.create({ ...input, startDate: '2026-02-30' }), 'BAD_REQUEST', 'startDate');
    await expectTrpcError(as(admin).challenges.create({ ...input, rewardBadgeId: 999_999_999 }), 'BAD_REQUEST', 'rewardBadgeId');
    await expectTrpcError(
      // @ts-expect-error challenges cannot be about other challenges
      as(admin).challenges.create({ ...input, criteria: { type: 'challenge_completed', value: 1 } }),
      'BAD_REQUEST',
      'criteria.type',
    );
    expect(await Challenge.count({ where: { name: input.name } })).toBe(0);
    const ch = await as(admin).challenges.create(input);
    expect(ch).toMatchObject({ name: input.name, rewardXp: 40, rewardBadge: null });
    await expectTrpcError(as(admin).challenges.update({ id: ch.id, endDate: '2026-10-01' }), 'BAD_REQUEST', 'endDate');
    const listed = (await as(admin).challenges.list()).find((x) => x.id === ch.id);
    expect(listed).toMatchObject({ participantCount: 0, completedCount: 0 });
    await as(admin).challenges.delete({ id: ch.id });
    expect(await Challenge.findByPk(ch.id)).toBeNull();
  });
});

describe('gamification (learner)', () => {
  it('shows XP, level, streak and badges; history explains every award in FR and EN', async () => {
    const badge = await Badge.create({ name: `Leçon ${run}`, tier: 'gold', criteria: { type: 'lessons_completed', value: 1 } });
    await recordLearningEvent(deps, {
      userId: student.id,
      type: 'lesson_completed',
      sourceId: course.lessonId,
      courseId: course.id,
      categoryId: course.categoryId,
      occurredAt: new Date().toISOString(),
    });
    await evaluateBadges(deps, student.id);
    const me = await as(student).gamification.me();
    expect(me).toMatchObject({ totalXp: 10, level: { level: 1, name: 'Apprenti', nextMinXp: 120, percent: 8 } });
    expect(me.streak).toMatchObject({ daily: 1, longest: 1, activeToday: true });
    const earned = me.badges.find((b) => b.badgeId === badge.id)!;
    expect(earned).toMatchObject({ name: badge.name, tier: 'gold' });

    const fr = await as(student).gamification.history({ limit: 10 });
    expect(fr.items[0]).toMatchObject({ amount: 10, reason: 'lesson_completed', label: 'Leçon terminée : Le budget participatif' });
    const en = await as(student).gamification.history({ limit: 10, locale: 'en' });
    expect(en.items[0].label).toBe('Lesson completed: Le budget participatif');
    await expectTrpcError(as(student).gamification.history({ limit: 10, cursor: 'garbage' }), 'BAD_REQUEST', 'cursor');

    // The badge PDF: its holder (and admins) only.
    const other = await user();
    await expectTrpcError(as(other).gamification.badgePdf({ userBadgeId: earned.userBadgeId }), 'FORBIDDEN');
    expect(await as(student).gamification.badgePdf({ userBadgeId: earned.userBadgeId })).toEqual({
      url: `/api/badges/${earned.userBadgeId}/pdf`,
    });
    await expect(openBadgePdf(deps, other, earned.userBadgeId)).rejects.toThrow(/Not your badge/);
    await renderUserBadgePdf(deps, earned.userBadgeId);
    const { key } = await openBadgePdf(deps, student, earned.userBadgeId);
    const file = path.join(storageRoot, key);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain(badge.name);
    expect(text).toContain('Aïcha');
    expect(text).toContain('Or'); // gold, in the holder's language
    expect(enqueued.some((j) => j.name === 'render-badge')).toBe(true);

    const catalog = await as(student).gamification.badges();
    expect(catalog.find((b) => b.id === badge.id)).toMatchObject({ earned: true });
  });

  it('lets a learner hide from the leaderboards and come back', async () => {
    expect(await as(student).gamification.setLeaderboardVisibility({ hidden: true })).toEqual({ hideFromLeaderboard: true });
    const other = await user();
    const board = await as(other).gamification.leaderboard({ scope: 'category', categoryId: course.categoryId });
    expect(board.entries[0]).toMatchObject({ userId: null, name: null, anonymous: true, xp: 10, rank: 1 });
    const own = await as(student).gamification.leaderboard({ scope: 'category', categoryId: course.categoryId });
    expect(own.entries[0]).toMatchObject({ userId: student.id, isViewer: true, rank: 1 });
    expect(own.viewer).toEqual({ rank: 1, xp: 10 });
    await as(student).gamification.setLeaderboardVisibility({ hidden: false });
    const again = await as(other).gamification.leaderboard({ scope: 'category', categoryId: course.categoryId });
    expect(again.entries[0]).toMatchObject({ userId: student.id, name: expect.stringMatching(/^Aïcha A\.$/) as unknown });
    await expectTrpcError(as(other).gamification.leaderboard({ scope: 'category' }), 'BAD_REQUEST', 'categoryId');
    await expectTrpcError(as(null).gamification.me(), 'UNAUTHORIZED');
  });
});
