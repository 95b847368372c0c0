// Badge awarding: every active badge whose criteria hold is granted exactly once (unique
// user_badges + insert-ignore), with a notification in the same transaction; the PDF is rendered
// afterwards by the `render-badge` job.
import { Badge, type BadgeCriteria } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { notify } from '../notifications/notify';
import { execute, insertCount, insertIgnore, selectRows, withTransaction } from './sql';
import { outboxJobs, type OutboxJobInput } from '../outbox/writer';

export interface UserStats {
  totalXp: number;
  level: number;
  dailyStreak: number;
  longestDailyStreak: number;
  /** Ledger awards per reason (one per lesson, quiz, course…: the ledger is unique per source). */
  counts: Record<string, number>;
  completedCourseIds: Set<number>;
  completedChallengeIds: Set<number>;
}

export async function loadUserStats(deps: Pick<CoreDeps, 'db'>, userId: number, tx?: Transaction): Promise<UserStats> {
  const { db } = deps;
  const [counts, xp, courses, challenges] = await Promise.all([
    selectRows<{ reason: string; n: number }>(
      db,
      'SELECT reason, COUNT(*) AS n FROM xp_ledger WHERE user_id = ? GROUP BY reason',
      [userId],
      tx,
    ),
    selectRows<{ total_xp: number; current_level: number; daily_streak: number | null; longest_daily_streak: number | null }>(
      db,
      `SELECT x.total_xp, x.current_level, s.daily_streak, s.longest_daily_streak
         FROM user_xp x LEFT JOIN user_streaks s ON s.user_id = x.user_id WHERE x.user_id = ?`,
      [userId],
      tx,
    ),
    selectRows<{ source_id: string }>(
      db,
      "SELECT source_id FROM xp_ledger WHERE user_id = ? AND reason = 'course_completed'",
      [userId],
      tx,
    ),
    selectRows<{ challenge_id: number }>(
      db,
      'SELECT challenge_id FROM user_challenges WHERE user_id = ? AND completed = ?',
      [userId, true],
      tx,
    ),
  ]);
  const x = xp[0];
  return {
    totalXp: Number(x?.total_xp ?? 0),
    level: Number(x?.current_level ?? 1),
    dailyStreak: Number(x?.daily_streak ?? 0),
    longestDailyStreak: Number(x?.longest_daily_streak ?? 0),
    counts: Object.fromEntries(counts.map((r) => [r.reason, Number(r.n)])),
    completedCourseIds: new Set(courses.map((r) => Number(r.source_id))),
    completedChallengeIds: new Set(challenges.map((r) => Number(r.challenge_id))),
  };
}

/** Whether `criteria` holds for a user with these stats. Unknown types never hold. */
export function criteriaHold(criteria: BadgeCriteria & { courseId?: number; challengeId?: number }, s: UserStats): boolean {
  const c = (reason: string) => s.counts[reason] ?? 0;
  switch (criteria.type) {
    case 'course_completion':
      return criteria.courseId ? s.completedCourseIds.has(criteria.courseId) : c('course_completed') >= criteria.value;
    case 'quiz_perfect':
      return c('quiz_perfect_bonus') >= criteria.value;
    case 'daily_streak':
      return Math.max(s.longestDailyStreak, s.dailyStreak) >= criteria.value;
    case 'xp_total':
      return s.totalXp >= criteria.value;
    case 'level_reached':
      return s.level >= criteria.value;
    case 'lessons_completed':
      return c('lesson_completed') >= criteria.value;
    case 'certificates_earned':
      return c('certificate_earned') >= criteria.value;
    case 'challenge_completed':
      return criteria.challengeId
        ? s.completedChallengeIds.has(criteria.challengeId)
        : s.completedChallengeIds.size >= criteria.value;
    default:
      return false;
  }
}

/** Grants one badge inside `tx`; returns the new user_badges id, or null when already held. */
export async function grantBadge(
  deps: CoreDeps,
  tx: Transaction,
  userId: number,
  badge: { id: number; name: string; tier: string },
  at: Date,
): Promise<number | null> {
  const { db } = deps;
  const n = await insertCount(
    db,
    `${insertIgnore(db)} INTO user_badges (user_id, badge_id, earned_at) VALUES (?, ?, ?)`,
    [userId, badge.id, at],
    tx,
  );
  if (n === 0) return null;
  const [row] = await selectRows<{ id: number }>(
    db,
    'SELECT id FROM user_badges WHERE user_id = ? AND badge_id = ?',
    [userId, badge.id],
    tx,
  );
  const userBadgeId = Number(row.id);
  await notify(
    deps as CoreDeps,
    { userId, type: 'badge_earned', data: { badgeId: badge.id, badgeName: badge.name, tier: badge.tier, userBadgeId } },
    tx,
  );
  return userBadgeId;
}

export const renderBadgeJobId = (userBadgeId: number) => `render-badge-${userBadgeId}`;

/** The render-badge jobs of newly granted badges (once per user badge), for the outbox. */
export function badgePdfJobs(userBadgeIds: number[], jobId = renderBadgeJobId): OutboxJobInput[] {
  return userBadgeIds.map(
    (id): OutboxJobInput => ({ queue: 'gamification', name: 'render-badge', payload: { userBadgeId: id }, jobId: jobId(id) }),
  );
}

/**
 * The `evaluate-badges` job: grants every active badge whose criteria now hold and that the user
 * does not hold yet. Safe to run twice or concurrently: user_badges is unique per (user, badge).
 */
export async function evaluateBadges(deps: CoreDeps, userId: number): Promise<{ granted: number[] }> {
  // Taken before the stats are read: a change committed after this instant leaves user_xp /
  // user_streaks.updated_at >= it, so the repair sweep evaluates the user again.
  const evaluatedAt = new Date();
  const [stats, badges, held] = await Promise.all([
    loadUserStats(deps, userId),
    Badge.findAll({ where: { isActive: true }, attributes: ['id', 'name', 'tier', 'criteria'], order: [['id', 'ASC']] }),
    selectRows<{ badge_id: number }>(deps.db, 'SELECT badge_id FROM user_badges WHERE user_id = ?', [userId]),
  ]);
  const heldIds = new Set(held.map((h) => Number(h.badge_id)));
  const due = badges.filter((b) => !heldIds.has(b.id) && criteriaHold(b.criteria, stats));
  const now = deps.clock.now();
  const granted = await withTransaction(deps.db, async (tx) => {
    const ids: number[] = [];
    for (const b of due) {
      const id = await grantBadge(deps, tx, userId, b, now);
      if (id) ids.push(id);
    }
    await outboxJobs(deps, tx, badgePdfJobs(ids));
    // `updated_at = updated_at`: MySQL's ON UPDATE CURRENT_TIMESTAMP must not move it (the sweep
    // compares the two columns).
    await execute(
      deps.db,
      'UPDATE user_xp SET badges_evaluated_at = ?, updated_at = updated_at WHERE user_id = ?',
      [evaluatedAt, userId],
      tx,
    );
    return ids;
  });
  return { granted };
}
