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

// Why: a broadcast has recipient_id NULL and a single is_read flag, so each recipient's read state
// needs its own row.

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'message_recipients', {
    id: id(),
    message_id: fk('messages', 'CASCADE', false),
    user_id: fk('users', 'CASCADE', false),
    is_read: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    read_at: nullableDate(),
    created_at: now(),
  });
  await addIndex(qi, 'message_recipients', ['message_id', 'user_id'], 'unique_message_recipient', {
    unique: true,
  });
  await addIndex(qi, 'message_recipients', ['user_id', 'is_read'], 'idx_user_read'); // unread counts
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['message_recipients']);
};
