// Daily streak (a day with at least one completed lesson or passed quiz, in the platform time
// zone), longest streak, and perfect-quiz streak (consecutive quiz passes at 100 %).
import { UserStreak } from '@mdsc/db';
import { Op, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { forUpdate, selectRows, execute } from './sql';
import { addDays, localDay } from './time';

export interface StreakRow {
  dailyStreak: number;
  longestDailyStreak: number;
  perfectQuizStreak: number;
  lastActivityDate: string | null;
  /** The last quiz attempt counted in the perfect-quiz streak (replays and late deliveries skip). */
  lastQuizAttemptId: number | null;
}

export async function lockStreak(deps: Pick<CoreDeps, 'db'>, userId: number, tx: Transaction): Promise<StreakRow> {
  const rows = await selectRows<{
    daily_streak: number;
    longest_daily_streak: number;
    perfect_quiz_streak: number;
    last_activity_date: string | Date | null;
    last_quiz_attempt_id: number | null;
  }>(
    deps.db,
    `SELECT daily_streak, longest_daily_streak, perfect_quiz_streak, last_activity_date, last_quiz_attempt_id
       FROM user_streaks WHERE user_id = ?${forUpdate(deps.db)}`,
    [userId],
    tx,
  );
  const r = rows[0];
  if (!r) throw new Error(`user_streaks row missing for user ${userId}`);
  return {
    dailyStreak: Number(r.daily_streak),
    longestDailyStreak: Number(r.longest_daily_streak),
    perfectQuizStreak: Number(r.perfect_quiz_streak),
    lastActivityDate: toDay(r.last_activity_date),
    lastQuizAttemptId: r.last_quiz_attempt_id == null ? null : Number(r.last_quiz_attempt_id),
  };
}

function toDay(v: string | Date | null): string | null {
  if (v == null) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
}

/** The streak after activity on `day`; `extended` when this day is a new day of the streak. */
export function nextDailyStreak(s: StreakRow, day: string): { streak: StreakRow; newDay: boolean } {
  const last = s.lastActivityDate;
  // Same day, or a late event older than the last active day: nothing changes.
  if (last && day <= last) return { streak: s, newDay: false };
  const daily = last && addDays(last, 1) === day ? s.dailyStreak + 1 : 1;
  return {
    streak: { ...s, dailyStreak: daily, longestDailyStreak: Math.max(s.longestDailyStreak, daily), lastActivityDate: day },
    newDay: true,
  };
}

/** The perfect-quiz streak after a graded attempt (attempt ids only grow: older ones are ignored). */
export function nextPerfectStreak(s: StreakRow, attemptId: number, perfect: boolean): StreakRow {
  if (s.lastQuizAttemptId != null && attemptId <= s.lastQuizAttemptId) return s;
  return { ...s, perfectQuizStreak: perfect ? s.perfectQuizStreak + 1 : 0, lastQuizAttemptId: attemptId };
}

export async function saveStreak(deps: Pick<CoreDeps, 'db'>, userId: number, s: StreakRow, tx: Transaction) {
  await execute(
    deps.db,
    `UPDATE user_streaks SET daily_streak = ?, longest_daily_streak = ?, perfect_quiz_streak = ?,
        last_activity_date = ?, last_quiz_attempt_id = ?, updated_at = ? WHERE user_id = ?`,
    [s.dailyStreak, s.longestDailyStreak, s.perfectQuizStreak, s.lastActivityDate, s.lastQuizAttemptId, new Date(), userId],
    tx,
  );
}

/** The streak as of today: a streak whose last day is before yesterday is broken (0). */
export function effectiveDailyStreak(
  s: { dailyStreak: number; lastActivityDate: string | null },
  today: string,
): number {
  if (!s.lastActivityDate || s.lastActivityDate < addDays(today, -1)) return 0;
  return s.dailyStreak;
}

/** Scheduled: zero the daily streaks whose last active day is before yesterday (platform time zone). */
export async function resetBrokenStreaks(deps: Pick<CoreDeps, 'db' | 'clock' | 'config'>): Promise<number> {
  const yesterday = addDays(localDay(deps.clock.now(), deps.config.timezone), -1);
  const [affected] = await UserStreak.update(
    { dailyStreak: 0 },
    { where: { dailyStreak: { [Op.gt]: 0 }, lastActivityDate: { [Op.lt]: yesterday } } },
  );
  return affected;
}
