import { createTable, DataTypes, timestamps, type MigrationFn } from './helpers';

// Why: the 12 level names per language (issue 17, part 5), renamed by admins without a release. The
// thresholds stay in code (@mdsc/validators LEVELS); this table holds only the words, one row per
// level and language, primary key (level, locale) — the one read loads all of it (24-odd rows) into
// a per-process cache. Seeded with the names the code table had when this migration was written
// (copied here: a migration must not change when the code table does).

const SEED: [level: number, fr: string, en: string][] = [
  [1, 'Apprenti', 'Apprentice'],
  [2, 'Curieux', 'Curious'],
  [3, 'Explorateur', 'Explorer'],
  [4, 'Initié', 'Initiate'],
  [5, 'Éclaireur', 'Scout'],
  [6, 'Artisan', 'Craftsman'],
  [7, 'Bâtisseur', 'Builder'],
  [8, 'Expert', 'Expert'],
  [9, 'Mentor', 'Mentor'],
  [10, 'Sage', 'Sage'],
  [11, 'Légende', 'Legend'],
  [12, 'Phénix', 'Phoenix'],
];

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'level_names', {
    level: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    locale: { type: DataTypes.STRING(5), allowNull: false, primaryKey: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    ...timestamps(qi),
  });
  const at = new Date();
  await qi.bulkInsert(
    'level_names',
    SEED.flatMap(([level, fr, en]) => [
      { level, locale: 'fr', name: fr, created_at: at, updated_at: at },
      { level, locale: 'en', name: en, created_at: at, updated_at: at },
    ]),
  );
};

export const down: MigrationFn = async ({ context: qi }) => {
  await qi.dropTable('level_names');
};
