import { createTable, DataTypes, dropColumn, dropTables, fk, id, isMysql, updatedAt, type MigrationFn } from './helpers';

// Gamification (issue 6).
// - user_streaks.last_quiz_attempt_id: the perfect-quiz streak counts each graded attempt once,
//   in attempt order, so a replayed or late job cannot move it twice.
// - xp_monthly_totals / xp_category_totals: per-period running sums of the ledger, moved in the
//   same transaction as each award (like user_xp). Measured on 100,000 users and 5,000,000 ledger
//   rows (bench/leaderboard): SUM over the month's ledger rows takes seconds even on a covering
//   index (1.2 M rows in a busy month); a page read in index order from these tables takes
//   milliseconds. The ledger stays the source of truth: `rebuildXpRollups` recomputes them.
// - Indexes read in order by the boards (top N by XP, ties by user id, no filesort) and by a
//   learner's history.

const ix = (mysql: boolean, table: string, name: string) => (mysql ? name : `${table}__${name}`);
type Field = string | { name: string; order: 'DESC' };
const INDEXES: { table: string; name: string; fields: Field[]; unique?: boolean }[] = [
  { table: 'user_xp', name: 'idx_rank', fields: [{ name: 'total_xp', order: 'DESC' }, 'user_id'] },
  { table: 'xp_ledger', name: 'idx_user_created', fields: ['user_id', 'created_at'] },
  // The viewer's rank subtracts the deactivated and deleted accounts above them, found through
  // this index and idx_deleted_at (an index merge) instead of a users lookup per ranked learner.
  { table: 'users', name: 'idx_is_active', fields: ['is_active'] },
  { table: 'xp_monthly_totals', name: 'unique_user_month', fields: ['user_id', 'month'], unique: true },
  { table: 'xp_monthly_totals', name: 'idx_month_rank', fields: ['month', { name: 'xp', order: 'DESC' }, 'user_id'] },
  { table: 'xp_category_totals', name: 'unique_user_category', fields: ['user_id', 'category_id'], unique: true },
  { table: 'xp_category_totals', name: 'idx_category_rank', fields: ['category_id', { name: 'xp', order: 'DESC' }, 'user_id'] },
];

export const up: MigrationFn = async ({ context: qi }) => {
  const mysql = isMysql(qi);
  await qi.addColumn('user_streaks', 'last_quiz_attempt_id', { type: DataTypes.INTEGER, allowNull: true });
  await createTable(qi, 'xp_monthly_totals', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    /** First day of the month in the platform time zone. */
    month: { type: DataTypes.DATEONLY, allowNull: false },
    xp: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: updatedAt(qi),
  });
  await createTable(qi, 'xp_category_totals', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    category_id: fk('categories', 'CASCADE', false),
    xp: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    updated_at: updatedAt(qi),
  });
  for (const i of INDEXES) {
    await qi.addIndex(i.table, i.fields as string[], { name: ix(mysql, i.table, i.name), unique: i.unique ?? false });
  }
};

export const down: MigrationFn = async ({ context: qi }) => {
  const mysql = isMysql(qi);
  await dropTables(qi, ['xp_category_totals', 'xp_monthly_totals']);
  for (const i of INDEXES.filter((x) => !x.table.startsWith('xp_') || x.table === 'xp_ledger')) {
    await qi.removeIndex(i.table, ix(mysql, i.table, i.name));
  }
  await dropColumn(qi, 'user_streaks', 'last_quiz_attempt_id');
};
