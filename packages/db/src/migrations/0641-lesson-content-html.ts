import { DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Why: text lessons are rich text (issue 12). The sanitised HTML lives in its own column;
// content_text keeps a plain-text copy for the FULLTEXT search (and for older readers). Existing
// lessons keep content_html NULL and are rendered from their plain text (paragraphs, "- " lists)
// until next saved: no data is rewritten, so going down loses nothing but the formatting.
// MEDIUMTEXT: HTML markup takes several times the bytes of its text.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('lessons', 'content_html', {
    type: isMysql(qi) ? DataTypes.TEXT('medium') : DataTypes.TEXT,
    allowNull: true,
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'lessons', 'content_html');
};
