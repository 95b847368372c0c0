import { addIndex, createTable, DataTypes, fk, type MigrationFn } from './helpers';

// Why: a course search that forgives typos and accents ("gouvernence" → "gouvernance", "cooperative" →
// "coopérative") on MySQL/MariaDB and SQLite alike, where FULLTEXT/LIKE need the exact word. Each word
// of a course's title and short description is stored with its trigrams (of the word without accents,
// in lower case); a search counts the trigrams a course shares with the query. Rows are written by the
// catalog service in the same transaction as the course (packages/core/src/catalog/search-index.ts);
// courses created before this table are indexed at start-up (indexMissingCourses). `word` keeps the
// accents, for "Vouliez-vous dire « coopérative » ?".

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'course_search_trigrams', {
    course_id: { ...fk('courses', 'CASCADE', false), primaryKey: true },
    word: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    trigram: { type: DataTypes.STRING(12), allowNull: false, primaryKey: true },
  });
  await addIndex(qi, 'course_search_trigrams', ['trigram', 'course_id'], 'idx_trigram_course');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await qi.dropTable('course_search_trigrams');
};
