// Challenge progress, updated from the same learning events as XP. Progress is recomputed from the
// ledger inside the challenge's window (so replays cannot inflate it) and stored in
// user_challenges.progress; reaching the target inside the window pays the reward once.
import { Challenge, type BadgeCriteria } from '@mdsc/db';
import { Op, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { grantBadge } from './badge-award';
import { applyAwards, type AwardResult, type XpState } from './ledger';
import { execute, insertCount, insertIgnore, selectRows } from './sql';
import type { StreakRow } from './streaks';
import { addDays, daysBetween, startOfDay } from './time';

export interface ChallengeProgress {
  current: number;
  target: number;
}

interface WindowTotals {
  counts: Record<string, number>;
  xp: number;
}

type Criteria = BadgeCriteria & { courseId?: number };

/** The UTC instants bounding a challenge's days [startDate 00:00, endDate+1 00:00) in `timeZone`. */
export function challengeWindow(c: { startDate: string; endDate: string }, timeZone: string) {
  return { from: startOfDay(c.startDate, timeZone), to: startOfDay(addDays(c.endDate, 1), timeZone) };
}

async function windowTotals(
  deps: Pick<CoreDeps, 'db'>,
  userId: number,
  from: Date,
  to: Date,
  tx: Transaction,
): Promise<WindowTotals> {
  const rows = await selectRows<{ reason: string; n: number; xp: number }>(
    deps.db,
    `SELECT reason, COUNT(*) AS n, SUM(amount) AS xp FROM xp_ledger
      WHERE user_id = ? AND created_at >= ? AND created_at < ? GROUP BY reason`,
    [userId, from, to],
    tx,
  );
  const counts: Record<string, number> = {};
  let xp = 0;
  for (const r of rows) {
    counts[r.reason] = Number(r.n);
    // Challenge rewards do not count towards other challenges' XP goals (no chain reactions).
    if (r.reason !== 'challenge_completed') xp += Number(r.xp);
  }
  return { counts, xp };
}

async function courseCompletedIn(
  deps: Pick<CoreDeps, 'db'>,
  userId: number,
  courseId: number,
  from: Date,
  to: Date,
  tx: Transaction,
): Promise<boolean> {
  const rows = await selectRows<{ n: number }>(
    deps.db,
    `SELECT COUNT(*) AS n FROM xp_ledger WHERE user_id = ? AND reason = 'course_completed'
        AND source_type = 'course' AND source_id = ? AND created_at >= ? AND created_at < ?`,
    [userId, String(courseId), from, to],
    tx,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Progress towards `criteria` from the window's ledger totals, the streak and the level. */
export function progressFor(
  criteria: Criteria,
  totals: WindowTotals,
  ctx: { streak: StreakRow; level: number; startDate: string; endDate: string; specificCourseDone?: boolean },
): ChallengeProgress {
  const target = criteria.courseId ? 1 : criteria.value;
  const c = (reason: string) => totals.counts[reason] ?? 0;
  let current: number;
  switch (criteria.type) {
    case 'lessons_completed':
      current = c('lesson_completed');
      break;
    case 'course_completion':
      current = criteria.courseId ? (ctx.specificCourseDone ? 1 : 0) : c('course_completed');
      break;
    case 'quiz_perfect':
      current = c('quiz_perfect_bonus');
      break;
    case 'certificates_earned':
      current = c('certificate_earned');
      break;
    case 'xp_total':
      current = totals.xp;
      break;
    case 'level_reached':
      current = ctx.level;
      break;
    case 'daily_streak': {
      // Only the days of the streak that fall inside the window count.
      const last = ctx.streak.lastActivityDate;
      current =
        last && last >= ctx.startDate && last <= ctx.endDate
          ? Math.min(ctx.streak.dailyStreak, daysBetween(ctx.startDate, last) + 1)
          : 0;
      break;
    }
    default:
      current = 0;
  }
  return { current: Math.min(current, target), target };
}

export interface ChallengeUpdate {
  completedChallengeIds: number[];
  grantedUserBadgeIds: number[];
  xp: AwardResult | null;
}

/**
 * Recomputes the user's progress on every challenge open on `day` and pays those now reached.
 * Runs inside the event's transaction, after the event's own awards (`state`).
 */
export async function updateChallenges(
  deps: CoreDeps,
  tx: Transaction,
  userId: number,
  day: string,
  at: Date,
  state: XpState,
  streak: StreakRow,
): Promise<ChallengeUpdate> {
  const open = await Challenge.findAll({
    where: { isActive: true, startDate: { [Op.lte]: day }, endDate: { [Op.gte]: day } },
    include: [{ association: 'rewardBadge', attributes: ['id', 'name', 'tier'] }],
    order: [['id', 'ASC']],
    transaction: tx,
  });
  const result: ChallengeUpdate = { completedChallengeIds: [], grantedUserBadgeIds: [], xp: null };
  if (open.length === 0) return result;

  // Level-based ones last: the other challenges' rewards may raise the level.
  open.sort((a, b) => Number(a.criteria.type === 'level_reached') - Number(b.criteria.type === 'level_reached'));
  const totalsByWindow = new Map<string, WindowTotals>();
  let xp = state;
  for (const ch of open) {
    const { from, to } = challengeWindow(ch, deps.config.timezone);
    const key = `${ch.startDate}/${ch.endDate}`;
    let totals = totalsByWindow.get(key);
    if (!totals) {
      totals = await windowTotals(deps, userId, from, to, tx);
      totalsByWindow.set(key, totals);
    }
    const criteria = ch.criteria as Criteria;
    const specificCourseDone =
      criteria.type === 'course_completion' && criteria.courseId
        ? await courseCompletedIn(deps, userId, criteria.courseId, from, to, tx)
        : undefined;
    const progress = progressFor(criteria, totals, {
      streak,
      level: xp.level,
      startDate: ch.startDate,
      endDate: ch.endDate,
      specificCourseDone,
    });
    await insertCount(
      deps.db,
      `${insertIgnore(deps.db)} INTO user_challenges (user_id, challenge_id, progress, completed, created_at) VALUES (?, ?, ?, ?, ?)`,
      [userId, ch.id, JSON.stringify(progress), false, at],
      tx,
    );
    const reached = progress.current >= progress.target;
    const changed = await execute(
      deps.db,
      `UPDATE user_challenges SET progress = ?, completed = ?, completed_at = ?
        WHERE user_id = ? AND challenge_id = ? AND completed = ?`,
      [JSON.stringify(progress), reached, reached ? at : null, userId, ch.id, false],
      tx,
    );
    if (!reached || changed === 0) continue;

    result.completedChallengeIds.push(ch.id);
    if (ch.rewardXp > 0) {
      const paid = await applyAwards(deps, tx, userId, xp, [
        { reason: 'challenge_completed', amount: ch.rewardXp, sourceType: 'challenge', sourceId: ch.id, categoryId: null, at },
      ]);
      xp = paid;
      result.xp = result.xp
        ? { ...paid, paid: [...result.xp.paid, ...paid.paid], previousLevel: result.xp.previousLevel }
        : paid;
    }
    if (ch.rewardBadge) {
      const ub = await grantBadge(deps, tx, userId, ch.rewardBadge, at);
      if (ub) result.grantedUserBadgeIds.push(ub);
    }
  }
  return result;
}
