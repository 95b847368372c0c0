// The learner's own gamification state: XP and level, streaks, badges; and the leaderboard opt-out.
import { Badge, User, UserBadge, UserStreak, UserXp } from '@mdsc/db';
import { levelProgress, type BadgeTier, type LeaderboardVisibilityInput, type Locale } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { localize, translator } from '../i18n/content-translations';
import { localizeLevel } from './level-names';
import { effectiveDailyStreak } from './streaks';
import { localDay } from './time';

export interface EarnedBadgeDto {
  userBadgeId: number;
  badgeId: number;
  name: string;
  description: string | null;
  iconUrl: string | null;
  tier: BadgeTier;
  category: string | null;
  earnedAt: string;
}

export interface MyGamificationDto {
  totalXp: number;
  level: ReturnType<typeof levelProgress>;
  streak: {
    daily: number;
    longest: number;
    perfectQuiz: number;
    lastActivityDate: string | null;
    activeToday: boolean;
  };
  badges: EarnedBadgeDto[];
  hideFromLeaderboard: boolean;
}

/** Badge names and descriptions, and the level's name, come in `locale` (the level's from a cache). */
export async function getMyGamification(deps: CoreDeps, actor: Actor, locale: Locale = actor.locale): Promise<MyGamificationDto> {
  const [user, xp, streak, badges] = await Promise.all([
    User.findByPk(actor.id, { attributes: ['id', 'hideFromLeaderboard'] }),
    UserXp.findOne({ where: { userId: actor.id }, attributes: ['totalXp'] }),
    UserStreak.findOne({ where: { userId: actor.id } }),
    UserBadge.findAll({
      where: { userId: actor.id },
      include: [{ model: Badge, attributes: ['id', 'name', 'description', 'iconUrl', 'tier', 'category'] }],
      order: [
        ['earnedAt', 'DESC'],
        ['id', 'DESC'],
      ],
    }),
  ]);
  if (!user) throw new NotFoundError('User', { id: actor.id });
  const tr = await translator('badge', badges.map((ub) => ub.badgeId), locale);
  const totalXp = xp?.totalXp ?? 0;
  const level = await localizeLevel(deps, levelProgress(totalXp), locale);
  const today = localDay(deps.clock.now(), deps.config.timezone);
  const last = streak?.lastActivityDate ?? null;
  return {
    totalXp,
    level,
    streak: {
      // Read as of today: a broken streak shows 0 even before the nightly reset ran.
      daily: streak ? effectiveDailyStreak({ dailyStreak: streak.dailyStreak, lastActivityDate: last }, today) : 0,
      longest: streak?.longestDailyStreak ?? 0,
      perfectQuiz: streak?.perfectQuizStreak ?? 0,
      lastActivityDate: last,
      activeToday: last === today,
    },
    badges: badges
      .filter((ub) => ub.badge)
      .map((ub) => ({
        userBadgeId: ub.id,
        badgeId: ub.badgeId,
        name: tr(ub.badgeId, 'name', ub.badge!.name),
        description: tr(ub.badgeId, 'description', ub.badge!.description ?? null),
        iconUrl: ub.badge!.iconUrl ?? null,
        tier: ub.badge!.tier,
        category: ub.badge!.category ?? null,
        earnedAt: ub.earnedAt.toISOString(),
      })),
    hideFromLeaderboard: user.hideFromLeaderboard,
  };
}

export interface BadgeCatalogItem {
  id: number;
  name: string;
  description: string | null;
  iconUrl: string | null;
  tier: BadgeTier;
  category: string | null;
  earned: boolean;
}

/** Every active badge, with whether the learner holds it (what is there to earn), in `locale` (three queries). */
export async function listBadgeCatalog(_deps: CoreDeps, actor: Actor, locale: Locale = actor.locale): Promise<BadgeCatalogItem[]> {
  const [badges, held] = await Promise.all([
    Badge.findAll({
      where: { isActive: true },
      attributes: ['id', 'name', 'description', 'iconUrl', 'tier', 'category'],
      order: [['id', 'ASC']],
    }),
    UserBadge.findAll({ where: { userId: actor.id }, attributes: ['badgeId'] }),
  ]);
  const heldIds = new Set(held.map((h) => h.badgeId));
  const items = badges.map((b) => ({
    id: b.id,
    name: b.name,
    description: b.description ?? null,
    iconUrl: b.iconUrl ?? null,
    tier: b.tier,
    category: b.category ?? null,
    earned: heldIds.has(b.id),
  }));
  return localize('badge', items, locale);
}

export async function setLeaderboardVisibility(
  _deps: CoreDeps,
  actor: Actor,
  input: LeaderboardVisibilityInput,
): Promise<{ hideFromLeaderboard: boolean }> {
  const [n] = await User.update({ hideFromLeaderboard: input.hidden }, { where: { id: actor.id } });
  if (n === 0) throw new NotFoundError('User', { id: actor.id });
  return { hideFromLeaderboard: input.hidden };
}
