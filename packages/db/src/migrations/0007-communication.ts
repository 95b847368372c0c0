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

// Communication: messages and notifications (schema document §13 and §14).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'messages', {
    id: id(),
    sender_id: fk('users', 'CASCADE', false),
    recipient_id: fk('users', 'SET NULL', true), // NULL for broadcasts
    subject: { type: DataTypes.STRING(255), allowNull: false },
    content: { type: DataTypes.TEXT, allowNull: false },
    message_type: { type: DataTypes.ENUM('direct', 'broadcast'), defaultValue: 'direct' },
    is_read: { type: DataTypes.BOOLEAN, defaultValue: false },
    read_at: nullableDate(),
    created_at: now(),
    deleted_at: nullableDate(),
  });
  await addIndex(qi, 'messages', ['sender_id'], 'idx_sender');
  await addIndex(qi, 'messages', ['recipient_id'], 'idx_recipient');
  await addIndex(qi, 'messages', ['is_read'], 'idx_is_read');
  await addIndex(qi, 'messages', ['message_type'], 'idx_message_type');
  await addIndex(qi, 'messages', ['created_at'], 'idx_created_at');
  await addIndex(qi, 'messages', ['recipient_id', 'created_at'], 'idx_recipient_created'); // inbox, newest first
  await addIndex(qi, 'messages', ['deleted_at'], 'idx_deleted_at');

  await createTable(qi, 'notifications', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    payload: { type: DataTypes.TEXT, allowNull: false }, // JSON or plain text, as the document says
    is_read: { type: DataTypes.BOOLEAN, defaultValue: false },
    created_at: now(),
  });
  await addIndex(qi, 'notifications', ['user_id'], 'idx_user');
  await addIndex(qi, 'notifications', ['is_read'], 'idx_is_read');
  await addIndex(qi, 'notifications', ['user_id', 'created_at'], 'idx_user_created'); // bell list, newest first
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['notifications', 'messages']);
};
