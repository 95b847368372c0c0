import { addIndex, DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Why (issue 11): the repair sweep must find facts whose effect is missing.
// - user_xp.badges_evaluated_at: when evaluate-badges last read the user's stats (milliseconds, so
//   an evaluation right after the change it follows is not mistaken for an older one); a user whose
//   user_xp / user_streaks row changed after it has badges that were never evaluated.
// - progress (status, completed_at): completed lessons of the sweep's window, without a table scan.

const indexName = (qi: Parameters<MigrationFn>[0]['context'], table: string, name: string) =>
  isMysql(qi) ? name : `${table}__${name}`;

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('user_xp', 'badges_evaluated_at', { type: DataTypes.DATE(3), allowNull: true });
  await addIndex(qi, 'progress', ['status', 'completed_at'], 'idx_status_completed');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await qi.removeIndex('progress', indexName(qi, 'progress', 'idx_status_completed'));
  await dropColumn(qi, 'user_xp', 'badges_evaluated_at');
};
