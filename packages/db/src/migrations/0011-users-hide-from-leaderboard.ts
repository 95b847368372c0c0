import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: learners may opt out of public leaderboards (privacy), which the document does not provide.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('users', 'hide_from_leaderboard', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: false,
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'users', 'hide_from_leaderboard');
};
