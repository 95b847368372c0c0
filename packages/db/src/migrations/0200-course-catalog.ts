import { addIndex, DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Why: slugs must stay stable once a course has been public, even if it is unpublished and renamed
// later, so we remember the first publication; and the catalog's three sorts (newest, popular,
// rating) each get an index starting with is_published so a page is read in index order.

const INDEXES: [string, string[]][] = [
  ['idx_catalog_newest', ['is_published', 'created_at', 'id']],
  ['idx_catalog_popular', ['is_published', 'enrollment_count', 'id']],
  ['idx_catalog_rating', ['is_published', 'rating', 'id']],
];

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('courses', 'published_at', { type: DataTypes.DATE, allowNull: true });
  await qi.sequelize.query('UPDATE courses SET published_at = updated_at WHERE is_published = TRUE');
  for (const [name, fields] of INDEXES) await addIndex(qi, 'courses', fields, name);
};

export const down: MigrationFn = async ({ context: qi }) => {
  for (const [name] of INDEXES) {
    await qi.removeIndex('courses', isMysql(qi) ? name : `courses__${name}`);
  }
  await dropColumn(qi, 'courses', 'published_at');
};
