import { describe, expect, it } from 'vitest';
import { LEVELS, levelForXp } from './gamification';

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
