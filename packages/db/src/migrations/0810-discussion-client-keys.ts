import { addIndex, DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Why: a learner on a flaky connection who presses "Publier" again after the answer was lost must
// not post the same message twice. The browser sends a key it drew for the draft; the unique
// (author_id, client_key) index makes a second insert with that key fail, and the service answers
// with the post (or thread) the first call created. NULL keys (older clients, the API without a
// key) are not unique-constrained. client_key comes first in the index: with author_id first,
// InnoDB would take it for the author's foreign key (dropping that key's own index) and the down
// migration could not drop it. Not in the original schema document: an addition of wave 2.

const TABLES = ['discussion_threads', 'discussion_posts'] as const;

export const up: MigrationFn = async ({ context: qi }) => {
  for (const table of TABLES) {
    await qi.addColumn(table, 'client_key', { type: DataTypes.STRING(64), allowNull: true });
    await addIndex(qi, table, ['client_key', 'author_id'], 'unique_client_key_author', { unique: true });
  }
};

export const down: MigrationFn = async ({ context: qi }) => {
  for (const table of TABLES) {
    await qi.removeIndex(table, isMysql(qi) ? 'unique_client_key_author' : `${table}__unique_client_key_author`);
    await dropColumn(qi, table, 'client_key');
  }
};
