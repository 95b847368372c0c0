// Per-month and per-category XP totals: running sums of the ledger (like user_xp for the global
// board), moved in the award's transaction so that the boards read a page in index order instead
// of summing millions of ledger rows. `rebuildXpRollups` recomputes them from the ledger.
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import type { XpAward } from './ledger';
import { execute, insertCount, selectRows } from './sql';
import { localDay, nextMonthStartDay, startOfDay } from './time';
import { transact } from '../transaction';

/** The month an instant belongs to, in the platform time zone ('YYYY-MM-01'). */
export const monthOf = (at: Date, timeZone: string) => `${localDay(at, timeZone).slice(0, 7)}-01`;

async function bump(deps: CoreDeps, tx: Transaction, table: string, key: string, keyValue: unknown, userId: number, xp: number) {
  const now = new Date();
  // UPDATE then INSERT, not an upsert: under the per-user lock nobody else writes this user's
  // rows, and a plain UPDATE takes no gap lock (READ COMMITTED) where an upsert would.
  const n = await execute(
    deps.db,
    `UPDATE ${table} SET xp = xp + ?, updated_at = ? WHERE user_id = ? AND ${key} = ?`,
    [xp, now, userId, keyValue],
    tx,
  );
  if (n === 0) {
    await insertCount(deps.db, `INSERT INTO ${table} (user_id, ${key}, xp, updated_at) VALUES (?, ?, ?, ?)`, [userId, keyValue, xp, now], tx);
  }
}

export async function addToRollups(deps: CoreDeps, tx: Transaction, userId: number, paid: XpAward[]): Promise<void> {
  const byMonth = new Map<string, number>();
  const byCategory = new Map<number, number>();
  for (const a of paid) {
    const m = monthOf(a.at, deps.config.timezone);
    byMonth.set(m, (byMonth.get(m) ?? 0) + a.amount);
    if (a.categoryId) byCategory.set(a.categoryId, (byCategory.get(a.categoryId) ?? 0) + a.amount);
  }
  for (const [month, xp] of byMonth) await bump(deps, tx, 'xp_monthly_totals', 'month', month, userId, xp);
  for (const [categoryId, xp] of byCategory) await bump(deps, tx, 'xp_category_totals', 'category_id', categoryId, userId, xp);
}

/**
 * Recomputes both tables from the ledger (after a bulk import, or if the time zone changed), in
 * one pass over the ledger per table. Month boundaries are computed here, in the platform time
 * zone, and handed to the database as a CASE over UTC instants (no time-zone tables needed).
 */
export async function rebuildXpRollups(deps: Pick<CoreDeps, 'db' | 'config'>): Promise<{ months: number }> {
  const { db } = deps;
  const tz = deps.config.timezone;
  const [range] = await selectRows<{ lo: Date | string | null; hi: Date | string | null }>(
    db,
    'SELECT MIN(created_at) AS lo, MAX(created_at) AS hi FROM xp_ledger',
    [],
  );
  const months: string[] = [];
  if (range?.lo && range.hi) {
    const last = monthOf(new Date(range.hi), tz);
    for (let m = monthOf(new Date(range.lo), tz); m <= last; m = nextMonthStartDay(m)) months.push(m);
  }
  // created_at before the start of the next month: this month (the last one takes the rest).
  const earlier = months.slice(0, -1);
  const monthCase = earlier.length ? `CASE ${earlier.map(() => 'WHEN created_at < ? THEN ?').join(' ')} ELSE ? END` : '?';
  const caseParams: unknown[] = earlier.flatMap((m) => [startOfDay(nextMonthStartDay(m), tz), m]);
  if (months.length) caseParams.push(months[months.length - 1]);
  const now = new Date();
  await transact(deps, 'gamification.rebuildXpRollups', async (tx) => {
    await execute(db, 'DELETE FROM xp_monthly_totals', [], tx);
    await execute(db, 'DELETE FROM xp_category_totals', [], tx);
    await execute(
      db,
      `INSERT INTO xp_category_totals (user_id, category_id, xp, updated_at)
       SELECT user_id, category_id, SUM(amount), ? FROM xp_ledger WHERE category_id IS NOT NULL GROUP BY user_id, category_id`,
      [now],
      tx,
    );
    if (months.length === 0) return;
    await execute(
      db,
      `INSERT INTO xp_monthly_totals (user_id, month, xp, updated_at)
       SELECT user_id, m, SUM(amount), ? FROM (SELECT user_id, amount, ${monthCase} AS m FROM xp_ledger) l GROUP BY user_id, m`,
      [now, ...caseParams],
      tx,
    );
  });
  return { months: months.length };
}
