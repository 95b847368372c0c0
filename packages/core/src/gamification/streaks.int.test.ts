// Streaks in the platform time zone (Africa/Porto-Novo, UTC+1) with a fixed clock: days change at
// local midnight, not UTC midnight; a missed day breaks the streak; the reset job zeroes broken
// streaks; the perfect-quiz streak counts each attempt once, in order.
import { UserStreak, XpLedger } from '@mdsc/db';
import { XP_AWARDS } from '@mdsc/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLearningEvent } from './events';
import { getMyGamification } from './me.service';
import { resetBrokenStreaks } from './streaks';
import { createGamificationHarness, type GamificationHarness } from './testing/harness';

let h: GamificationHarness;
beforeAll(async () => {
  h = await createGamificationHarness({ timezone: 'Africa/Porto-Novo' });
});
afterAll(async () => h?.close());

const streakOf = async (userId: number) => (await UserStreak.findOne({ where: { userId } }))!;

describe('daily streak', () => {
  it('counts days in the platform time zone across midnight and breaks after a missed day', async () => {
    const u = await h.user();
    const c = await h.course();
    const lesson = async (iso: string, i: number) => {
      h.setNow(iso);
      return recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[i], courseId: c.id }));
    };
    // 22:50 UTC on 9 March is 23:50 in Porto-Novo (9 March); 23:10 UTC is 00:10 on 10 March there,
    // although both are 9 March in UTC.
    await lesson('2026-03-09T22:50:00Z', 0);
    expect((await streakOf(u.id)).dailyStreak).toBe(1);
    await lesson('2026-03-09T23:10:00Z', 1);
    let s = await streakOf(u.id);
    expect([s.dailyStreak, s.longestDailyStreak, s.lastActivityDate]).toEqual([2, 2, '2026-03-10']);

    // Same local day again (a quiz passed at 22:59 UTC = 23:59 on 10 March): no change, no bonus.
    h.setNow('2026-03-10T22:59:00Z');
    const a = await h.quizAttempt(u.id, c.id, 75);
    await recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'quiz_passed', sourceId: a.attemptId, courseId: c.id, percentage: 75 }));
    s = await streakOf(u.id);
    expect([s.dailyStreak, s.lastActivityDate]).toEqual([2, '2026-03-10']);

    // 11 March local (00:30 = 23:30 UTC on 10 March): 3 days.
    await lesson('2026-03-10T23:30:00Z', 2);
    s = await streakOf(u.id);
    expect([s.dailyStreak, s.longestDailyStreak, s.lastActivityDate]).toEqual([3, 3, '2026-03-11']);

    // The day bonus was paid for the 2nd and 3rd days only, once each.
    const bonus = await XpLedger.findAll({ where: { userId: u.id, reason: 'streak_day' }, order: [['id', 'ASC']] });
    expect(bonus.map((b) => [b.sourceId, b.amount])).toEqual([
      ['2026-03-10', XP_AWARDS.streak_day],
      ['2026-03-11', XP_AWARDS.streak_day],
    ]);

    // 12 March missed. Seen on 12 March the streak still stands; on the 13th it reads as broken.
    h.setNow('2026-03-12T20:00:00Z');
    expect((await getMyGamification(h.deps, u)).streak.daily).toBe(3);
    h.setNow('2026-03-12T23:30:00Z'); // 00:30 on 13 March in Porto-Novo
    expect((await getMyGamification(h.deps, u)).streak).toMatchObject({ daily: 0, longest: 3, activeToday: false });

    // Activity on 13 March starts a new streak; the longest one is kept.
    const c2 = await h.course();
    h.setNow('2026-03-13T09:00:00Z');
    await recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'lesson_completed', sourceId: c2.lessonIds[0], courseId: c2.id }));
    s = await streakOf(u.id);
    expect([s.dailyStreak, s.longestDailyStreak, s.lastActivityDate]).toEqual([1, 3, '2026-03-13']);
    expect((await getMyGamification(h.deps, u)).streak).toMatchObject({ daily: 1, activeToday: true });

    // A late delivery of an older day changes nothing.
    h.setNow('2026-03-13T10:00:00Z');
    await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c2.lessonIds[1], courseId: c2.id, occurredAt: '2026-03-12T10:00:00Z' }),
    );
    expect((await streakOf(u.id)).dailyStreak).toBe(1);
  });

  it('module, course and certificate events do not count as a learning day', async () => {
    const u = await h.user();
    const c = await h.course();
    h.setNow('2026-04-01T10:00:00Z');
    await recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'course_completed', sourceId: c.id, courseId: c.id }));
    expect((await streakOf(u.id)).dailyStreak).toBe(0);
  });

  it('the reset job zeroes streaks whose last day is before yesterday, and only those', async () => {
    const broken = await h.user();
    const alive = await h.user();
    const c = await h.course();
    h.setNow('2026-06-01T12:00:00Z');
    await recordLearningEvent(h.deps, h.event({ userId: broken.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id }));
    h.setNow('2026-06-02T22:30:00Z'); // 23:30 on 2 June local
    await recordLearningEvent(h.deps, h.event({ userId: alive.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id }));

    // 00:30 on 3 June local: "broken" was last active on 1 June (before yesterday), "alive" on 2 June.
    h.setNow('2026-06-02T23:30:00Z');
    const n = await resetBrokenStreaks(h.deps);
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await streakOf(broken.id)).dailyStreak).toBe(0);
    expect((await streakOf(broken.id)).longestDailyStreak).toBe(1);
    expect((await streakOf(alive.id)).dailyStreak).toBe(1);
    // Running it again changes nothing more for these two.
    await resetBrokenStreaks(h.deps);
    expect((await streakOf(alive.id)).dailyStreak).toBe(1);
  });
});

describe('perfect-quiz streak', () => {
  it('counts consecutive 100 % passes, resets on a lower score or a failure, ignores replays', async () => {
    const u = await h.user();
    const c = await h.course();
    h.setNow('2026-07-01T10:00:00Z');
    const graded = async (percentage: number) => {
      const a = await h.quizAttempt(u.id, c.id, percentage);
      const type = percentage >= 70 ? 'quiz_passed' : 'quiz_failed';
      const ev = h.event({ userId: u.id, type, sourceId: a.attemptId, courseId: c.id, percentage });
      await recordLearningEvent(h.deps, ev);
      return ev;
    };
    const first = await graded(100);
    await graded(100);
    await recordLearningEvent(h.deps, first); // replay of an older attempt
    expect((await streakOf(u.id)).perfectQuizStreak).toBe(2);
    await graded(90);
    expect((await streakOf(u.id)).perfectQuizStreak).toBe(0);
    await graded(100);
    await graded(40);
    expect((await streakOf(u.id)).perfectQuizStreak).toBe(0);
    await graded(100);
    expect((await streakOf(u.id)).perfectQuizStreak).toBe(1);
  });
});
