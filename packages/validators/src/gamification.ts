// XP awards and the 12 levels, in one table shared by the worker, the API and the web app.
export const XP_AWARDS = {
  lesson_completed: 10,
  quiz_passed: 20,
  quiz_perfect_bonus: 10,
  module_completed: 30,
  course_completed: 100,
  certificate_earned: 50,
  streak_day: 5,
  /** Paid to the author of the accepted answer, once per thread (never for posting). */
  answer_accepted: 15,
} as const;
export type XpReason = keyof typeof XP_AWARDS | 'challenge_completed';

/**
 * The levels' thresholds, and their names as shipped: the names shown are stored per language in
 * the database (level_names, migration 0800, renamed by admins); these are the last fallback.
 */
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

// ------------------------------------------------------------------ level helpers
export type LevelDef = (typeof LEVELS)[number];

/** A level's shipped name in `locale` (French for any language the code table lacks). */
export function defaultLevelName(level: number, locale: string): string {
  const def = LEVELS[Math.min(Math.max(level, 1), LEVELS.length) - 1];
  return locale === 'en' ? def.nameEn : def.name;
}

/**
 * Everything the XP bar needs: the level, the band it sits in and how far along. `name` is the
 * shipped French name; services replace it with the stored name in the reader's language.
 */
export function levelProgress(totalXp: number): {
  level: number;
  name: string;
  minXp: number;
  nextMinXp: number | null;
  xpToNextLevel: number | null;
  /** 0–100 within the current level (100 at the top level). */
  percent: number;
} {
  const { level, xpToNextLevel } = levelForXp(totalXp);
  const cur = LEVELS[level - 1];
  const next = LEVELS[level] ?? null;
  const percent = next ? Math.floor(((totalXp - cur.minXp) * 100) / (next.minXp - cur.minXp)) : 100;
  return {
    level,
    name: cur.name,
    minXp: cur.minXp,
    nextMinXp: next?.minXp ?? null,
    xpToNextLevel,
    percent: Math.max(0, Math.min(100, percent)),
  };
}

// ------------------------------------------------------------------ "why did I get this?"
/** Ledger reasons in words; `{title}` is the lesson, quiz, module, course or challenge, or the day. */
export const XP_REASON_LABELS: Record<'fr' | 'en', Record<XpReason, string>> = {
  fr: {
    lesson_completed: 'Leçon terminée : {title}',
    quiz_passed: 'Quiz réussi : {title}',
    quiz_perfect_bonus: 'Bonus sans faute (100 %) : {title}',
    module_completed: 'Module terminé : {title}',
    course_completed: 'Cours terminé : {title}',
    certificate_earned: 'Certificat obtenu : {title}',
    streak_day: 'Série quotidienne prolongée ({title})',
    challenge_completed: 'Défi réussi : {title}',
    answer_accepted: 'Réponse acceptée : {title}',
  },
  en: {
    lesson_completed: 'Lesson completed: {title}',
    quiz_passed: 'Quiz passed: {title}',
    quiz_perfect_bonus: 'Perfect score bonus (100%): {title}',
    module_completed: 'Module completed: {title}',
    course_completed: 'Course completed: {title}',
    certificate_earned: 'Certificate earned: {title}',
    streak_day: 'Daily streak extended ({title})',
    challenge_completed: 'Challenge completed: {title}',
    answer_accepted: 'Answer accepted: {title}',
  },
};
