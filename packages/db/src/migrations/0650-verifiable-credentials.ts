import {
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  now,
  nullableDate,
  type MigrationFn,
} from './helpers';

// Verifiable credentials (issue 15): one signed Open Badges 3.0 credential per certificate and per
// awarded badge, and the Bitstring Status Lists that revoke them.
// - credentials: the stable public uuid (credential id), the status list slot allocated once, the
//   salt of the hashed e-mail, an optional DID given by the learner, and the signed JWT as a cache.
//   Foreign keys are SET NULL, never CASCADE: a credential whose certificate, badge award or user
//   disappears keeps its status slot and is then reported revoked (a deleted row would free the
//   slot and turn an already-shared credential back into "not revoked").
// - credential_status_lists: one row per list; `revision` moves with every revocation, the cached
//   signed list is served only while its `jwt_revision` equals it.

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'credential_status_lists', {
    id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    jwt: { type: DataTypes.TEXT, allowNull: true },
    jwt_revision: { type: DataTypes.INTEGER, allowNull: true },
    created_at: now(),
    updated_at: now(),
  });
  await createTable(
    qi,
    'credentials',
    {
      id: id(),
      uuid: { type: DataTypes.CHAR(36), allowNull: false },
      kind: { type: DataTypes.ENUM('certificate', 'badge'), allowNull: false },
      certificate_id: fk('certificates', 'SET NULL', true),
      user_badge_id: fk('user_badges', 'SET NULL', true),
      user_id: fk('users', 'SET NULL', true),
      subject_ref: { type: DataTypes.CHAR(36), allowNull: false },
      subject_did: { type: DataTypes.STRING(500), allowNull: true },
      identity_salt: { type: DataTypes.STRING(64), allowNull: false },
      status_list: { type: DataTypes.INTEGER, allowNull: false },
      status_index: { type: DataTypes.INTEGER, allowNull: false },
      revoked_at: nullableDate(),
      jwt: { type: DataTypes.TEXT, allowNull: true },
      signed_kid: { type: DataTypes.STRING(100), allowNull: true },
      signed_at: nullableDate(),
      created_at: now(),
    },
    {
      chk_credentials_status_index: 'status_index >= 0 AND status_index < 131072',
    },
  );
  await addIndex(qi, 'credentials', ['uuid'], 'unique_uuid', { unique: true });
  await addIndex(qi, 'credentials', ['certificate_id'], 'unique_certificate', { unique: true });
  await addIndex(qi, 'credentials', ['user_badge_id'], 'unique_user_badge', { unique: true });
  await addIndex(qi, 'credentials', ['status_list', 'status_index'], 'unique_status_slot', { unique: true });
  await addIndex(qi, 'credentials', ['user_id'], 'idx_user');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['credentials', 'credential_status_lists']);
};
