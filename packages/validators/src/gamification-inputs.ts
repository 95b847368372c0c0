// Inputs of the gamification procedures and the criteria JSON of badges and challenges, shared by
// the API (validation) and the browser (admin forms).
import { z } from 'zod';
import { cursorPageInput, idSchema } from './common';
import { BADGE_TIERS, CHALLENGE_TYPES, LOCALES } from './constants';
import { cleanText, englishNameFields, englishNameUpdateFields, optionalSafeText, safeName } from './text';

export const BADGE_CRITERIA_TYPES = [
  'course_completion',
  'quiz_perfect',
  'daily_streak',
  'xp_total',
  'level_reached',
  'lessons_completed',
  'certificates_earned',
  'challenge_completed',
] as const;
export type BadgeCriteriaType = (typeof BADGE_CRITERIA_TYPES)[number];

const count = z.number().int().min(1).max(1_000_000);

const courseCompletion = z.strictObject({
  type: z.literal('course_completion'),
  value: count,
  /** A specific course rather than any `value` courses. */
  courseId: idSchema.optional(),
});
const quizPerfect = z.strictObject({ type: z.literal('quiz_perfect'), value: count });
const dailyStreak = z.strictObject({ type: z.literal('daily_streak'), value: z.number().int().min(1).max(3650) });
const xpTotal = z.strictObject({ type: z.literal('xp_total'), value: count });
const levelReached = z.strictObject({ type: z.literal('level_reached'), value: z.number().int().min(1).max(12) });
const lessonsCompleted = z.strictObject({ type: z.literal('lessons_completed'), value: count });
const certificatesEarned = z.strictObject({ type: z.literal('certificates_earned'), value: count });
const challengeCompleted = z.strictObject({
  type: z.literal('challenge_completed'),
  value: count,
  challengeId: idSchema.optional(),
});

/** badges.criteria: one of the supported rule types, e.g. {"type":"course_completion","value":1}. */
export const badgeCriteriaSchema = z.discriminatedUnion('type', [
  courseCompletion,
  quizPerfect,
  dailyStreak,
  xpTotal,
  levelReached,
  lessonsCompleted,
  certificatesEarned,
  challengeCompleted,
]);
export type BadgeCriteriaInput = z.infer<typeof badgeCriteriaSchema>;

/** challenges.criteria: the same rules, counted inside the challenge's window (no challenge-of-challenges). */
export const challengeCriteriaSchema = z.discriminatedUnion('type', [
  courseCompletion,
  quizPerfect,
  dailyStreak,
  xpTotal,
  levelReached,
  lessonsCompleted,
  certificatesEarned,
]);
export type ChallengeCriteriaInput = z.infer<typeof challengeCriteriaSchema>;

const optionalText = (max: number) => optionalSafeText(max);
const optionalMultiline = (max: number) => optionalSafeText(max, { multiline: true });

/** An icon: an http(s) URL, an uploaded file (`/api/media/…`), or a short emoji / symbol. */
export const badgeIconSchema = z
  .string()
  .max(2000)
  .transform((v) => cleanText(v))
  .pipe(z.string().max(500))
  .refine(
    (v) =>
      /^https?:\/\//i.test(v)
        ? URL.canParse(v)
        : /^\/api\/media\/\d+(\/[\w.-]+)?$/.test(v) || (v.length <= 8 && !/[\s<>"'`]/.test(v)),
    'must be an http(s) URL, an uploaded file or an emoji',
  );

export const badgeCreateInput = z.object({
  name: safeName(2, 255),
  description: optionalMultiline(2000),
  iconUrl: badgeIconSchema.nullish().transform((v) => (v ? v : null)),
  tier: z.enum(BADGE_TIERS),
  category: optionalText(50),
  criteria: badgeCriteriaSchema,
  isActive: z.boolean().default(true),
  ...englishNameFields,
});
export type BadgeCreateInput = z.infer<typeof badgeCreateInput>;

export const badgeUpdateInput = z.object({
  id: idSchema,
  name: safeName(2, 255).optional(),
  description: optionalMultiline(2000).optional(),
  iconUrl: badgeIconSchema
    .nullish()
    .transform((v) => (v ? v : null))
    .optional(),
  tier: z.enum(BADGE_TIERS).optional(),
  category: optionalText(50).optional(),
  criteria: badgeCriteriaSchema.optional(),
  isActive: z.boolean().optional(),
  ...englishNameUpdateFields,
});
export type BadgeUpdateInput = z.infer<typeof badgeUpdateInput>;

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const calendarDateSchema = z.iso.date();

const challengeFields = {
  name: safeName(2, 255),
  description: optionalMultiline(2000),
  type: z.enum(CHALLENGE_TYPES),
  criteria: challengeCriteriaSchema,
  rewardXp: z.number().int().min(0).max(10_000),
  rewardBadgeId: idSchema.nullish().transform((v) => v ?? null),
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  isActive: z.boolean().default(true),
  ...englishNameFields,
};

const endNotBeforeStart = (v: { startDate?: string; endDate?: string }, ctx: z.RefinementCtx) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before the start date' });
  }
};

export const challengeCreateInput = z.object(challengeFields).superRefine(endNotBeforeStart);
export type ChallengeCreateInput = z.infer<typeof challengeCreateInput>;

export const challengeUpdateInput = z
  .object({
    id: idSchema,
    name: challengeFields.name.optional(),
    description: optionalMultiline(2000).optional(),
    type: challengeFields.type.optional(),
    criteria: challengeCriteriaSchema.optional(),
    rewardXp: challengeFields.rewardXp.optional(),
    rewardBadgeId: idSchema.nullable().optional(),
    startDate: calendarDateSchema.optional(),
    endDate: calendarDateSchema.optional(),
    isActive: z.boolean().optional(),
    ...englishNameUpdateFields,
  })
  .superRefine(endNotBeforeStart);
export type ChallengeUpdateInput = z.infer<typeof challengeUpdateInput>;

export const gamificationAdminListInput = z.object({ includeInactive: z.boolean().default(true) }).default({ includeInactive: true });
export type GamificationAdminListInput = z.infer<typeof gamificationAdminListInput>;

export const LEADERBOARD_SCOPES = ['global', 'month', 'category'] as const;
export type LeaderboardScope = (typeof LEADERBOARD_SCOPES)[number];

export const leaderboardInput = z
  .object({
    scope: z.enum(LEADERBOARD_SCOPES).default('global'),
    categoryId: idSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    /** Same as offset, for infinite queries (the client library names the page parameter `cursor`). */
    cursor: z.number().int().min(0).max(1_000_000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'category' && !v.categoryId) {
      ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'required for the category leaderboard' });
    }
  });
export type LeaderboardInput = z.infer<typeof leaderboardInput>;

export const xpHistoryInput = cursorPageInput.extend({ locale: z.enum(LOCALES).optional() });
export type XpHistoryInput = z.infer<typeof xpHistoryInput>;

export const leaderboardVisibilityInput = z.object({ hidden: z.boolean() });
export type LeaderboardVisibilityInput = z.infer<typeof leaderboardVisibilityInput>;

export const userBadgeInput = z.object({ userBadgeId: idSchema });
export type UserBadgeInput = z.infer<typeof userBadgeInput>;

export const gamificationIdInput = z.object({ id: idSchema });

// ------------------------------------------------------------------ level names (admin)
/** A level's number, 1 to 12 (the thresholds are LEVELS in ./gamification). */
export const levelNumberSchema = z.number().int().min(1).max(12);

/**
 * An admin renaming a level: its French name (required) and its English name (empty: readers in
 * English see the French name).
 */
export const levelRenameInput = z.strictObject({
  level: levelNumberSchema,
  name: safeName(1, 100),
  nameEn: optionalSafeText(100),
});
export type LevelRenameInput = z.output<typeof levelRenameInput>;
