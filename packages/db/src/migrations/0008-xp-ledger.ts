import { addIndex, createTable, DataTypes, dropTables, fk, id, now, type MigrationFn } from './helpers';

// Why: user_xp only holds a running total; monthly and per-category leaderboards and idempotent
// awards (one award per user/reason/source, enforced by unique_xp_award) need one row per award.

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'xp_ledger', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    amount: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.STRING(50), allowNull: false },
    source_type: { type: DataTypes.STRING(30), allowNull: false },
    source_id: { type: DataTypes.STRING(64), allowNull: false },
    category_id: fk('categories', 'SET NULL', true),
    created_at: now(),
  });
  await addIndex(qi, 'xp_ledger', ['user_id', 'reason', 'source_type', 'source_id'], 'unique_xp_award', {
    unique: true,
  });
  await addIndex(qi, 'xp_ledger', ['created_at', 'user_id'], 'idx_created_user'); // monthly boards
  await addIndex(qi, 'xp_ledger', ['category_id', 'user_id'], 'idx_category_user'); // per-category boards
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['xp_ledger']);
};
