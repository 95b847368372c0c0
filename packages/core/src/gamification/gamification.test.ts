// Pure rules of gamification: calendar arithmetic in a time zone, streak transitions, badge
// criteria, challenge progress and recurring windows.
import { describe, expect, it } from 'vitest';
import { criteriaHold, type UserStats } from './badge-award';
import { progressFor } from './challenge-progress';
import { nextWindow } from './challenge-roll';
import { monthOf } from './rollups';
import { effectiveDailyStreak, nextDailyStreak, nextPerfectStreak, type StreakRow } from './streaks';
import { addDays, daysBetween, localDay, startOfDay } from './time';

describe('calendar in a time zone', () => {
  it('changes day at local midnight', () => {
    expect(localDay(new Date('2026-03-09T22:59:59Z'), 'Africa/Porto-Novo')).toBe('2026-03-09');
    expect(localDay(new Date('2026-03-09T23:00:00Z'), 'Africa/Porto-Novo')).toBe('2026-03-10');
    expect(localDay(new Date('2026-03-09T23:00:00Z'), 'UTC')).toBe('2026-03-09');
  });
  it('finds the instant a local day starts, across daylight saving time', () => {
    expect(startOfDay('2026-11-01', 'Africa/Porto-Novo').toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z'); // still CET
    expect(startOfDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z'); // CEST
    expect(startOfDay('2026-06-01', 'America/New_York').toISOString()).toBe('2026-06-01T04:00:00.000Z');
  });
  it('adds days and counts them across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
  it('puts an instant in its local month', () => {
    expect(monthOf(new Date('2026-10-31T23:30:00Z'), 'Africa/Porto-Novo')).toBe('2026-11-01');
    expect(monthOf(new Date('2026-10-31T22:30:00Z'), 'Africa/Porto-Novo')).toBe('2026-10-01');
  });
});

const streak = (s: Partial<StreakRow> = {}): StreakRow => ({
  dailyStreak: 0,
  longestDailyStreak: 0,
  perfectQuizStreak: 0,
  lastActivityDate: null,
  lastQuizAttemptId: null,
  ...s,
});

describe('streak transitions', () => {
  it('extends on the next day, restarts after a gap, ignores the same or an older day', () => {
    let s = nextDailyStreak(streak(), '2026-01-01');
    expect([s.streak.dailyStreak, s.newDay]).toEqual([1, true]);
    s = nextDailyStreak(s.streak, '2026-01-02');
    expect([s.streak.dailyStreak, s.streak.longestDailyStreak]).toEqual([2, 2]);
    expect(nextDailyStreak(s.streak, '2026-01-02').newDay).toBe(false);
    expect(nextDailyStreak(s.streak, '2025-12-31').streak).toBe(s.streak);
    const gap = nextDailyStreak(s.streak, '2026-01-04').streak;
    expect([gap.dailyStreak, gap.longestDailyStreak]).toEqual([1, 2]);
  });
  it('reads a streak as broken once a whole day was missed', () => {
    const s = { dailyStreak: 4, lastActivityDate: '2026-01-10' };
    expect(effectiveDailyStreak(s, '2026-01-10')).toBe(4);
    expect(effectiveDailyStreak(s, '2026-01-11')).toBe(4);
    expect(effectiveDailyStreak(s, '2026-01-12')).toBe(0);
  });
  it('counts perfect quizzes in attempt order only', () => {
    let s = nextPerfectStreak(streak(), 10, true);
    s = nextPerfectStreak(s, 11, true);
    expect(nextPerfectStreak(s, 10, false)).toBe(s); // an older attempt delivered late
    expect(nextPerfectStreak(s, 12, false).perfectQuizStreak).toBe(0);
    expect(s.perfectQuizStreak).toBe(2);
  });
});

const stats = (s: Partial<UserStats> = {}): UserStats => ({
  totalXp: 0,
  level: 1,
  dailyStreak: 0,
  longestDailyStreak: 0,
  counts: {},
  completedCourseIds: new Set(),
  completedChallengeIds: new Set(),
  ...s,
});

describe('badge criteria', () => {
  it('hold exactly at their threshold', () => {
    expect(criteriaHold({ type: 'course_completion', value: 1 }, stats())).toBe(false);
    expect(criteriaHold({ type: 'course_completion', value: 1 }, stats({ counts: { course_completed: 1 } }))).toBe(true);
    expect(criteriaHold({ type: 'course_completion', value: 1, courseId: 7 }, stats({ completedCourseIds: new Set([8]) }))).toBe(false);
    expect(criteriaHold({ type: 'course_completion', value: 1, courseId: 7 }, stats({ completedCourseIds: new Set([7]) }))).toBe(true);
    expect(criteriaHold({ type: 'xp_total', value: 100 }, stats({ totalXp: 99 }))).toBe(false);
    expect(criteriaHold({ type: 'xp_total', value: 100 }, stats({ totalXp: 100 }))).toBe(true);
    expect(criteriaHold({ type: 'daily_streak', value: 3 }, stats({ longestDailyStreak: 3 }))).toBe(true);
    expect(criteriaHold({ type: 'level_reached', value: 5 }, stats({ level: 4 }))).toBe(false);
    expect(criteriaHold({ type: 'quiz_perfect', value: 2 }, stats({ counts: { quiz_perfect_bonus: 2 } }))).toBe(true);
    expect(criteriaHold({ type: 'lessons_completed', value: 2 }, stats({ counts: { lesson_completed: 1 } }))).toBe(false);
    expect(criteriaHold({ type: 'certificates_earned', value: 1 }, stats({ counts: { certificate_earned: 1 } }))).toBe(true);
    expect(criteriaHold({ type: 'challenge_completed', value: 2 }, stats({ completedChallengeIds: new Set([1, 2]) }))).toBe(true);
    expect(criteriaHold({ type: 'unknown' as 'xp_total', value: 0 }, stats())).toBe(false);
  });
});

describe('challenge progress', () => {
  const ctx = { streak: streak({ dailyStreak: 5, lastActivityDate: '2026-05-06' }), level: 3, startDate: '2026-05-04', endDate: '2026-05-10' };
  it('counts the window only, capped at the target', () => {
    const totals = { counts: { lesson_completed: 7, quiz_perfect_bonus: 1 }, xp: 90 };
    expect(progressFor({ type: 'lessons_completed', value: 5 }, totals, ctx)).toEqual({ current: 5, target: 5 });
    expect(progressFor({ type: 'quiz_perfect', value: 3 }, totals, ctx)).toEqual({ current: 1, target: 3 });
    expect(progressFor({ type: 'xp_total', value: 100 }, totals, ctx)).toEqual({ current: 90, target: 100 });
    // A 5-day streak whose last day is the window's third: 3 days of it fall inside.
    expect(progressFor({ type: 'daily_streak', value: 4 }, totals, ctx)).toEqual({ current: 3, target: 4 });
    expect(progressFor({ type: 'level_reached', value: 4 }, totals, ctx)).toEqual({ current: 3, target: 4 });
  });
});

describe('recurring windows', () => {
  it('keeps calendar months calendar months', () => {
    expect(nextWindow({ type: 'monthly', startDate: '2026-01-31', endDate: '2026-02-27' }, '2026-02-28')).toEqual({
      startDate: '2026-02-28',
      endDate: '2026-03-27',
    });
    expect(nextWindow({ type: 'monthly', startDate: '2026-02-01', endDate: '2026-02-28' }, '2026-03-01')).toEqual({
      startDate: '2026-03-01',
      endDate: '2026-03-31',
    });
  });
});
