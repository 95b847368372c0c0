// XP awards and the 12 levels, in one table shared by the worker, the API and the web app.
export const XP_AWARDS = {
  lesson_completed: 10,
  quiz_passed: 20,
  quiz_perfect_bonus: 10,
  module_completed: 30,
  course_completed: 100,
  certificate_earned: 50,
  streak_day: 5,
} as const;
export type XpReason = keyof typeof XP_AWARDS | 'challenge_completed';

export const LEVELS = [
  { level: 1, name: 'Apprenti', nameEn: 'Apprentice', minXp: 0 },
  { level: 2, name: 'Curieux', nameEn: 'Curious', minXp: 120 },
  { level: 3, name: 'Explorateur', nameEn: 'Explorer', minXp: 276 },
  { level: 4, name: 'Initié', nameEn: 'Initiate', minXp: 479 },
  { level: 5, name: 'Éclaireur', nameEn: 'Scout', minXp: 743 },
  { level: 6, name: 'Artisan', nameEn: 'Craftsman', minXp: 1086 },
  { level: 7, name: 'Bâtisseur', nameEn: 'Builder', minXp: 1532 },
  { level: 8, name: 'Expert', nameEn: 'Expert', minXp: 2112 },
  { level: 9, name: 'Mentor', nameEn: 'Mentor', minXp: 2866 },
  { level: 10, name: 'Sage', nameEn: 'Sage', minXp: 3846 },
  { level: 11, name: 'Légende', nameEn: 'Legend', minXp: 5120 },
  { level: 12, name: 'Phénix', nameEn: 'Phoenix', minXp: 6776 },
] as const;

/** The level reached with `totalXp`, and how much XP is missing to the next one (null at the top). */
export function levelForXp(totalXp: number): { level: number; xpToNextLevel: number | null } {
  let current: (typeof LEVELS)[number] = LEVELS[0];
  for (const l of LEVELS) if (totalXp >= l.minXp) current = l;
  const next = LEVELS.find((l) => l.level === current.level + 1);
  return { level: current.level, xpToNextLevel: next ? next.minXp - totalXp : null };
}
