import { createTable, DataTypes, timestamps, type MigrationFn } from './helpers';

// Why: badge, challenge and category names (and descriptions) in another language than French
// (issue 17, part 5). The entity's own row keeps the French original; this table holds one row per
// entity, language and field that has been translated, and a reader in another language gets the
// French text where a row is missing. The primary key (entity_type, entity_id, locale, field) is the
// index both reads use: a list in one language (entity_type, entity_id IN (…), locale) and an admin
// form (entity_type, entity_id). No foreign key can point at three tables: the services delete an
// entity's rows in the transaction that deletes the entity.

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'content_translations', {
    entity_type: { type: DataTypes.ENUM('badge', 'challenge', 'category'), allowNull: false, primaryKey: true },
    entity_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    locale: { type: DataTypes.STRING(5), allowNull: false, primaryKey: true },
    field: { type: DataTypes.ENUM('name', 'description'), allowNull: false, primaryKey: true },
    value: { type: DataTypes.TEXT, allowNull: false },
    ...timestamps(qi),
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await qi.dropTable('content_translations');
};
