import { describe, expect, it } from 'vitest';
import { LEVELS, levelForXp, levelProgress } from './gamification';
import { badgeCriteriaSchema, challengeCreateInput, challengeCriteriaSchema } from './gamification-inputs';

describe('levelForXp', () => {
  it('switches level exactly at each threshold', () => {
    for (const l of LEVELS) {
      expect(levelForXp(l.minXp).level).toBe(l.level);
      if (l.minXp > 0) expect(levelForXp(l.minXp - 1).level).toBe(l.level - 1);
    }
  });
  it('reports the XP missing to the next level, and none at the top', () => {
    expect(levelForXp(100)).toEqual({ level: 1, xpToNextLevel: 20 });
    expect(levelForXp(10_000)).toEqual({ level: 12, xpToNextLevel: null });
  });
  it('has 12 levels from Apprenti to Phénix', () => {
    expect(LEVELS).toHaveLength(12);
    expect(LEVELS[0].name).toBe('Apprenti');
    expect(LEVELS[11].name).toBe('Phénix');
  });
});

describe('badge and challenge criteria', () => {
  it('accept the documented example and refuse what is not a supported rule', () => {
    expect(badgeCriteriaSchema.parse({ type: 'course_completion', value: 1 })).toEqual({ type: 'course_completion', value: 1 });
    const bad = (v: unknown) => badgeCriteriaSchema.safeParse(v).error?.issues.map((i) => i.path.join('.'));
    expect(bad({ type: 'course_completion', value: 0 })).toEqual(['value']);
    expect(bad({ type: 'login_count', value: 1 })).toEqual(['type']);
    expect(bad({ type: 'xp_total', value: 1, bonus: true })).toEqual(['']);
    expect(bad({ type: 'level_reached', value: 13 })).toEqual(['value']);
    expect(challengeCriteriaSchema.safeParse({ type: 'challenge_completed', value: 1 }).success).toBe(false);
    const window = challengeCreateInput.safeParse({
      name: 'Défi',
      type: 'weekly',
      criteria: { type: 'lessons_completed', value: 3 },
      rewardXp: 10,
      startDate: '2026-05-10',
      endDate: '2026-05-09',
    });
    expect(window.error?.issues.map((i) => i.path.join('.'))).toEqual(['endDate']);
  });
  it('describes the XP bar position within a level', () => {
    expect(levelProgress(0)).toMatchObject({ level: 1, percent: 0, nextMinXp: 120 });
    expect(levelProgress(60)).toMatchObject({ level: 1, percent: 50 });
    expect(levelProgress(6776)).toMatchObject({ level: 12, percent: 100, nextMinXp: null, xpToNextLevel: null });
  });
});
