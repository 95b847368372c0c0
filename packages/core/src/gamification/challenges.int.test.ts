// Challenges on MariaDB: progress from the learning events, completion inside the window pays the
// reward XP and badge once (replays included), completion after the window pays nothing; the
// roll job opens the next window of recurring challenges and closes ended ones, once.
import { Badge, Challenge, Notification, UserBadge, UserChallenge, XpLedger } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMyChallenges } from './challenge-admin.service';
import { nextWindow, rollChallenges } from './challenge-roll';
import { recordLearningEvent } from './events';
import { createGamificationHarness, type GamificationHarness } from './testing/harness';

let h: GamificationHarness;
beforeAll(async () => {
  h = await createGamificationHarness({ timezone: 'Africa/Porto-Novo' });
});
afterAll(async () => h?.close());

async function weeklyLessons(value: number, startDate: string, endDate: string, withBadge = true) {
  const badge = withBadge
    ? await Badge.create({ name: `Défi ${h.run} ${startDate}`, tier: 'silver', criteria: { type: 'challenge_completed', value: 99 } })
    : null;
  return Challenge.create({
    name: `5 leçons ${h.run} ${startDate}`,
    type: 'weekly',
    criteria: { type: 'lessons_completed', value },
    rewardXp: 50,
    rewardBadgeId: badge?.id ?? null,
    startDate,
    endDate,
  });
}

const challengeXp = (userId: number, challengeId: number) =>
  XpLedger.findAll({ where: { userId, reason: 'challenge_completed', sourceId: String(challengeId) } });

describe('challenges', () => {
  it('completed inside its window: pays the XP and the badge once, even when events are replayed', async () => {
    const ch = await weeklyLessons(2, '2026-08-03', '2026-08-09');
    const u = await h.user();
    const c = await h.course();
    const lesson = (i: number, at: string) =>
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[i], courseId: c.id, occurredAt: at });

    h.setNow('2026-08-05T10:00:00Z');
    await recordLearningEvent(h.deps, lesson(0, '2026-08-05T10:00:00Z'));
    let uc = (await UserChallenge.findOne({ where: { userId: u.id, challengeId: ch.id } }))!;
    expect([uc.progress, uc.completed]).toEqual([{ current: 1, target: 2 }, false]);

    // 23:30 on 9 August in Porto-Novo (22:30 UTC): the last evening of the window.
    h.setNow('2026-08-09T22:30:00Z');
    const second = lesson(1, '2026-08-09T22:30:00Z');
    const res = await recordLearningEvent(h.deps, second);
    expect(res.completedChallengeIds).toEqual([ch.id]);
    for (let i = 0; i < 5; i++) await recordLearningEvent(h.deps, second);
    await Promise.all(Array.from({ length: 5 }, () => recordLearningEvent(h.deps, second)));

    uc = (await UserChallenge.findOne({ where: { userId: u.id, challengeId: ch.id } }))!;
    expect([uc.progress, uc.completed, uc.completedAt?.toISOString()]).toEqual([
      { current: 2, target: 2 },
      true,
      '2026-08-09T22:30:00.000Z',
    ]);
    expect((await challengeXp(u.id, ch.id)).map((r) => r.amount)).toEqual([50]);
    expect(await UserBadge.count({ where: { userId: u.id, badgeId: ch.rewardBadgeId! } })).toBe(1);
    const notes = await Notification.findAll({ where: { userId: u.id } });
    expect(notes.filter((n) => JSON.parse(n.payload).type === 'badge_earned')).toHaveLength(1);
    // The badge PDF is asked for once.
    expect(h.jobs.filter((j) => j.name === 'render-badge')).toHaveLength(1);

    const mine = await listMyChallenges(h.deps, u);
    expect(mine.find((m) => m.id === ch.id)).toMatchObject({ completed: true, progress: { current: 2, target: 2 }, status: 'open' });
  });

  it('completed after its window: nothing is paid', async () => {
    const ch = await weeklyLessons(2, '2026-08-17', '2026-08-23');
    const u = await h.user();
    const c = await h.course();
    h.setNow('2026-08-22T10:00:00Z');
    await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id, occurredAt: '2026-08-22T10:00:00Z' }),
    );
    // 00:30 on 24 August in Porto-Novo, although still 23 August in UTC: after the window.
    h.setNow('2026-08-23T23:30:00Z');
    const res = await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[1], courseId: c.id, occurredAt: '2026-08-23T23:30:00Z' }),
    );
    expect(res.xpGained).toBe(10); // the lesson only, no challenge reward
    const uc = (await UserChallenge.findOne({ where: { userId: u.id, challengeId: ch.id } }))!;
    expect([uc.progress, uc.completed]).toEqual([{ current: 1, target: 2 }, false]);
    expect(await challengeXp(u.id, ch.id)).toHaveLength(0);
    expect(await UserBadge.count({ where: { userId: u.id, badgeId: ch.rewardBadgeId! } })).toBe(0);
  });

  it('counts only what happened inside the window (XP goal, streak goal)', async () => {
    const xpGoal = await Challenge.create({
      name: `XP ${h.run}`,
      type: 'event',
      criteria: { type: 'xp_total', value: 25 },
      rewardXp: 30,
      startDate: '2026-09-10',
      endDate: '2026-09-20',
    });
    const streakGoal = await Challenge.create({
      name: `Série ${h.run}`,
      type: 'event',
      criteria: { type: 'daily_streak', value: 2 },
      rewardXp: 20,
      startDate: '2026-09-10',
      endDate: '2026-09-20',
    });
    const u = await h.user();
    const c = await h.course();
    const lesson = async (i: number, at: string) => {
      h.setNow(at);
      return recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[i], courseId: c.id }));
    };
    await lesson(0, '2026-09-09T10:00:00Z'); // before the window: neither XP nor streak day counts
    await lesson(1, '2026-09-10T10:00:00Z'); // in: 10 XP + 5 (streak day 2); streak in window: 1 day
    let mine = await listMyChallenges(h.deps, u);
    expect(mine.find((m) => m.id === xpGoal.id)?.progress).toEqual({ current: 15, target: 25 });
    expect(mine.find((m) => m.id === streakGoal.id)?.progress).toEqual({ current: 1, target: 2 });
    const res = await lesson(2, '2026-09-11T10:00:00Z'); // 10 + 5 more: 30 XP, 2 days in the window
    expect(res.completedChallengeIds.sort()).toEqual([xpGoal.id, streakGoal.id].sort());
    mine = await listMyChallenges(h.deps, u);
    expect(mine.filter((m) => m.id === xpGoal.id || m.id === streakGoal.id).every((m) => m.completed)).toBe(true);
    // Rewards: 30 + 20, once.
    const rewards = await XpLedger.findAll({ where: { userId: u.id, reason: 'challenge_completed' } });
    expect(rewards.map((r) => r.amount).sort()).toEqual([20, 30]);
  });
});

describe('roll-challenges', () => {
  it('computes the next window of weekly and monthly challenges', () => {
    expect(nextWindow({ type: 'weekly', startDate: '2026-10-05', endDate: '2026-10-11' }, '2026-10-12')).toEqual({
      startDate: '2026-10-12',
      endDate: '2026-10-18',
    });
    // Skips windows already over (the worker was down for weeks).
    expect(nextWindow({ type: 'weekly', startDate: '2026-10-05', endDate: '2026-10-11' }, '2026-10-28')).toEqual({
      startDate: '2026-10-26',
      endDate: '2026-11-01',
    });
    expect(nextWindow({ type: 'monthly', startDate: '2026-01-01', endDate: '2026-01-31' }, '2026-02-01')).toEqual({
      startDate: '2026-02-01',
      endDate: '2026-02-28',
    });
    expect(nextWindow({ type: 'event', startDate: '2026-01-01', endDate: '2026-01-31' }, '2026-02-01')).toBeNull();
  });

  it('opens the next window when one ends, closes the old one a day later, once', async () => {
    const name = `Roulement ${h.run}`;
    const weekly = await Challenge.create({
      name,
      type: 'weekly',
      criteria: { type: 'lessons_completed', value: 3 },
      rewardXp: 10,
      startDate: '2026-10-05',
      endDate: '2026-10-11',
    });
    const oneOff = await Challenge.create({
      name: `Événement ${h.run}`,
      type: 'event',
      criteria: { type: 'quiz_perfect', value: 1 },
      rewardXp: 10,
      startDate: '2026-10-01',
      endDate: '2026-10-11',
    });
    const byName = () => Challenge.findAll({ where: { name }, order: [['startDate', 'ASC']] });

    h.setNow('2026-10-11T12:00:00Z'); // still inside: nothing to do
    await rollChallenges(h.deps);
    expect(await byName()).toHaveLength(1);

    h.setNow('2026-10-12T08:00:00Z'); // Monday 12 October: next week opens, the old one is in its grace day
    await Promise.all([rollChallenges(h.deps), rollChallenges(h.deps)]);
    let rows = await byName();
    expect(rows.map((r) => [r.startDate, r.endDate, r.isActive])).toEqual([
      ['2026-10-05', '2026-10-11', true],
      ['2026-10-12', '2026-10-18', true],
    ]);

    h.setNow('2026-10-13T08:00:00Z');
    await rollChallenges(h.deps);
    await rollChallenges(h.deps);
    rows = await byName();
    expect(rows.map((r) => [r.startDate, r.isActive])).toEqual([
      ['2026-10-05', false],
      ['2026-10-12', true],
    ]);
    expect((await Challenge.findByPk(oneOff.id))!.isActive).toBe(false);
    expect(await Challenge.count({ where: { name: oneOff.name } })).toBe(1);
    expect((await Challenge.findByPk(weekly.id))!.isActive).toBe(false);
  });
});
