import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: badges are tiered (bronze, silver, gold, legendary) per the gamification strategy, and the
// document's badges table has no column for it.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('badges', 'tier', {
    type: DataTypes.ENUM('bronze', 'silver', 'gold', 'legendary'),
    allowNull: false,
    defaultValue: 'bronze',
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'badges', 'tier');
};
