import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: the interface and e-mails are bilingual; each user's preferred language (French by default).

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('users', 'language', {
    type: DataTypes.STRING(5),
    allowNull: false,
    defaultValue: 'fr',
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'users', 'language');
};
