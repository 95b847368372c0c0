import { addIndex, DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Accounts (issue 3). The document's columns stay; these are additions:
// - user_sessions: what the "active sessions" page shows (device, address, last use).
// - refresh_tokens: rotation bookkeeping. `family` groups the tokens descended from one login, so
//   that reuse of a spent token revokes them all; `user_session_id` is the session the token was
//   issued with (no FK constraint: sessions are deleted freely, a dangling id is harmless, and
//   SQLite cannot drop a column that is part of a foreign key).
// - email_verification_tokens.email: the address the token proves; differs from users.email for a
//   pending change of address.

const SESSION_COLUMNS = ['user_agent', 'ip_address', 'last_used_at'];
const REFRESH_COLUMNS = ['family', 'user_session_id', 'used_at', 'revoked_at'];

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('user_sessions', 'user_agent', { type: DataTypes.STRING(255), allowNull: true });
  await qi.addColumn('user_sessions', 'ip_address', { type: DataTypes.STRING(45), allowNull: true });
  await qi.addColumn('user_sessions', 'last_used_at', { type: DataTypes.DATE, allowNull: true });

  await qi.addColumn('refresh_tokens', 'family', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('refresh_tokens', 'user_session_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('refresh_tokens', 'used_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('refresh_tokens', 'revoked_at', { type: DataTypes.DATE, allowNull: true });
  await addIndex(qi, 'refresh_tokens', ['family'], 'idx_family');

  await qi.addColumn('email_verification_tokens', 'email', { type: DataTypes.STRING(255), allowNull: true });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'email_verification_tokens', 'email');
  // SQLite refuses to drop an indexed column: the index goes first.
  await qi.removeIndex('refresh_tokens', isMysql(qi) ? 'idx_family' : 'refresh_tokens__idx_family');
  for (const c of REFRESH_COLUMNS) await dropColumn(qi, 'refresh_tokens', c);
  for (const c of SESSION_COLUMNS) await dropColumn(qi, 'user_sessions', c);
};
