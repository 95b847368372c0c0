// The XP ledger: one row per award, unique per (user, reason, source). An award that is already
// in the ledger (replayed job, concurrent duplicate, lesson re-completed) inserts nothing and pays
// nothing; user_xp follows the ledger in the same transaction.
import { levelForXp, LEVELS, type XpReason } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { notify } from '../notifications/notify';
import { addToRollups } from './rollups';
import { execute, forUpdate, insertCount, insertIgnore, selectRows } from './sql';

export interface XpAward {
  reason: XpReason;
  amount: number;
  sourceType: string;
  sourceId: string | number;
  categoryId: number | null;
  /** When it happened (the ledger's created_at: monthly boards and challenge windows use it). */
  at: Date;
}

export interface XpState {
  totalXp: number;
  level: number;
  xpToNextLevel: number | null;
}

export interface AwardResult extends XpState {
  /** The awards that were new (paid now). */
  paid: XpAward[];
  previousLevel: number;
}

/** user_xp and user_streaks rows exist before any transaction locks them (no insert races inside). */
export async function ensureUserRows(deps: Pick<CoreDeps, 'db'>, userId: number): Promise<void> {
  const { db } = deps;
  const now = new Date();
  const first = levelForXp(0);
  await insertCount(
    db,
    `${insertIgnore(db)} INTO user_xp (user_id, total_xp, current_level, xp_to_next_level, created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?)`,
    [userId, first.level, first.xpToNextLevel, now, now],
  );
  await insertCount(
    db,
    `${insertIgnore(db)} INTO user_streaks (user_id, daily_streak, perfect_quiz_streak, longest_daily_streak, created_at, updated_at) VALUES (?, 0, 0, 0, ?, ?)`,
    [userId, now, now],
  );
}

/**
 * Locks the user's user_xp row for the rest of the transaction. Every gamification write for a
 * user takes this lock first, so they are serialised per user and always lock in the same order.
 */
export async function lockUserXp(deps: Pick<CoreDeps, 'db'>, userId: number, tx: Transaction): Promise<XpState> {
  const rows = await selectRows<{ total_xp: number; current_level: number; xp_to_next_level: number | null }>(
    deps.db,
    `SELECT total_xp, current_level, xp_to_next_level FROM user_xp WHERE user_id = ?${forUpdate(deps.db)}`,
    [userId],
    tx,
  );
  const r = rows[0];
  if (!r) throw new Error(`user_xp row missing for user ${userId}`);
  return { totalXp: Number(r.total_xp), level: Number(r.current_level), xpToNextLevel: r.xp_to_next_level };
}

/**
 * Inserts the awards (skipping the ones already in the ledger) and moves user_xp by what was
 * actually inserted. Must run inside the transaction that holds `lockUserXp`. A level-up sends a
 * notification in the same transaction.
 */
export async function applyAwards(
  deps: CoreDeps,
  tx: Transaction,
  userId: number,
  before: XpState,
  awards: XpAward[],
): Promise<AwardResult> {
  const { db } = deps;
  const paid: XpAward[] = [];
  for (const a of awards) {
    if (a.amount <= 0) continue;
    const n = await insertCount(
      db,
      `${insertIgnore(db)} INTO xp_ledger (user_id, amount, reason, source_type, source_id, category_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [userId, a.amount, a.reason, a.sourceType, String(a.sourceId), a.categoryId, a.at],
      tx,
    );
    if (n > 0) paid.push(a);
  }
  const gained = paid.reduce((s, a) => s + a.amount, 0);
  if (gained === 0) return { ...before, paid, previousLevel: before.level };

  await addToRollups(deps, tx, userId, paid);
  const totalXp = before.totalXp + gained;
  const { level, xpToNextLevel } = levelForXp(totalXp);
  await execute(
    db,
    'UPDATE user_xp SET total_xp = ?, current_level = ?, xp_to_next_level = ?, updated_at = ? WHERE user_id = ?',
    [totalXp, level, xpToNextLevel, new Date(), userId],
    tx,
  );
  if (level > before.level) {
    // The shipped French name, a fallback only: the level is named in the reader's language when shown.
    await notify(deps, { userId, type: 'level_up', data: { level, levelName: LEVELS[level - 1].name } }, tx);
  }
  return { totalXp, level, xpToNextLevel, paid, previousLevel: before.level };
}
