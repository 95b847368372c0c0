import {
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  now,
  nullableDate,
  timestamps,
  type MigrationFn,
} from './helpers';

// users and the four authentication tables (schema document §1 and §15).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'users', {
    id: id(),
    email: { type: DataTypes.STRING(255), allowNull: false },
    password: { type: DataTypes.STRING(255), allowNull: false }, // the password hash
    first_name: { type: DataTypes.STRING(100), allowNull: false },
    last_name: { type: DataTypes.STRING(100), allowNull: false },
    role: { type: DataTypes.ENUM('student', 'instructor', 'admin'), defaultValue: 'student' },
    avatar_url: { type: DataTypes.STRING(500) },
    phone: { type: DataTypes.STRING(20) },
    organization: { type: DataTypes.STRING(255) },
    country: { type: DataTypes.STRING(100) },
    is_email_verified: { type: DataTypes.BOOLEAN, defaultValue: false },
    email_verification_token: { type: DataTypes.STRING(255) },
    password_reset_token: { type: DataTypes.STRING(255) },
    refresh_token: { type: DataTypes.STRING(500) },
    is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
    ...timestamps(qi),
    deleted_at: nullableDate(), // soft delete (document, note 3)
  });
  // The document declares email both UNIQUE inline and as unique_email: one index is enough.
  await addIndex(qi, 'users', ['email'], 'unique_email', { unique: true });
  await addIndex(qi, 'users', ['role'], 'idx_role');
  await addIndex(qi, 'users', ['created_at'], 'idx_created_at'); // admin lists sort by sign-up date
  await addIndex(qi, 'users', ['deleted_at'], 'idx_deleted_at');

  for (const table of ['email_verification_tokens', 'password_reset_tokens', 'refresh_tokens']) {
    await createTable(qi, table, {
      id: id(),
      user_id: fk('users', 'CASCADE', false),
      token: { type: DataTypes.STRING(table === 'refresh_tokens' ? 500 : 255), allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      created_at: now(),
    });
    await addIndex(qi, table, ['token'], 'unique_token', { unique: true });
    await addIndex(qi, table, ['user_id'], 'idx_user');
  }

  await createTable(qi, 'user_sessions', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    session_id: { type: DataTypes.STRING(255), allowNull: false },
    created_at: now(),
    expires_at: { type: DataTypes.DATE, allowNull: false },
  });
  await addIndex(qi, 'user_sessions', ['session_id'], 'unique_session', { unique: true });
  await addIndex(qi, 'user_sessions', ['user_id'], 'idx_user');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, [
    'user_sessions',
    'refresh_tokens',
    'password_reset_tokens',
    'email_verification_tokens',
    'users',
  ]);
};
