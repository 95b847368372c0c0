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

// Certificates (schema document §10).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'certificates', {
    id: id(),
    certificate_code: { type: DataTypes.STRING(100), allowNull: false },
    user_id: fk('users', 'CASCADE', false),
    course_id: fk('courses', 'CASCADE', false),
    certificate_number: { type: DataTypes.STRING(50) },
    issued_at: now(),
    expires_at: nullableDate(), // NULL: never expires
    verified: { type: DataTypes.BOOLEAN, defaultValue: false },
    pdf_url: { type: DataTypes.STRING(500) },
    qr_code_url: { type: DataTypes.STRING(500) },
    is_valid: { type: DataTypes.BOOLEAN, defaultValue: true },
    revoked_at: nullableDate(),
    revoked_reason: { type: DataTypes.TEXT },
  });
  await addIndex(qi, 'certificates', ['certificate_code'], 'unique_code', { unique: true });
  await addIndex(qi, 'certificates', ['user_id'], 'idx_user');
  await addIndex(qi, 'certificates', ['course_id'], 'idx_course');
  await addIndex(qi, 'certificates', ['verified'], 'idx_verified');
  await addIndex(qi, 'certificates', ['is_valid'], 'idx_is_valid');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['certificates']);
};
