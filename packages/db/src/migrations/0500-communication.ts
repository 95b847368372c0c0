import { addIndex, DataTypes, dropColumn, isMysql, type MigrationFn } from './helpers';

// Messaging and notifications (issue 7). Additions to the document's tables:
// - messages.thread_id: the first message of a conversation (NULL on that first message), so a
//   thread is `id = :root OR thread_id = :root`. No foreign key: messages are only soft-deleted,
//   and SQLite cannot drop a column that is part of one.
// - messages.course_id / audience: what a broadcast was sent to (a course's students, everyone,
//   or one role), shown in the sender's "sent" view.
// - messages.sender_deleted_at and message_recipients.deleted_at: deletion is per user (each side
//   hides the message from their own view); messages.deleted_at stays the global soft delete.
// - message_recipients now holds one row per recipient for direct messages too, so inbox, unread
//   count and read state have one code path; messages.is_read/read_at are kept in step for direct
//   messages. Existing direct messages are backfilled.
// - users.email_on_message / email_on_certificate: the per-user e-mail preferences.

const idx = (qi: Parameters<MigrationFn>[0]['context'], table: string, name: string) =>
  isMysql(qi) ? name : `${table}__${name}`;

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('messages', 'thread_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('messages', 'course_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('messages', 'audience', { type: DataTypes.STRING(20), allowNull: true });
  await qi.addColumn('messages', 'sender_deleted_at', { type: DataTypes.DATE, allowNull: true });
  await addIndex(qi, 'messages', ['thread_id', 'created_at'], 'idx_thread');
  await addIndex(qi, 'messages', ['sender_id', 'sender_deleted_at', 'id'], 'idx_sender_sent'); // "sent", newest first

  await qi.addColumn('message_recipients', 'deleted_at', { type: DataTypes.DATE, allowNull: true });
  await addIndex(qi, 'message_recipients', ['user_id', 'deleted_at', 'id'], 'idx_user_inbox'); // inbox, newest first
  await addIndex(qi, 'message_recipients', ['user_id', 'is_read', 'deleted_at'], 'idx_user_unread');

  await addIndex(qi, 'notifications', ['user_id', 'is_read'], 'idx_user_unread'); // bell count

  await qi.addColumn('users', 'email_on_message', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: true,
  });
  await qi.addColumn('users', 'email_on_certificate', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: true,
  });

  await qi.sequelize.query(
    `INSERT INTO message_recipients (message_id, user_id, is_read, read_at, created_at)
     SELECT m.id, m.recipient_id, COALESCE(m.is_read, FALSE), m.read_at, m.created_at
       FROM messages m
      WHERE m.message_type = 'direct' AND m.recipient_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.user_id = m.recipient_id)`,
  );
};

export const down: MigrationFn = async ({ context: qi }) => {
  await qi.sequelize.query(
    "DELETE FROM message_recipients WHERE message_id IN (SELECT id FROM messages WHERE message_type = 'direct')",
  );
  await dropColumn(qi, 'users', 'email_on_certificate');
  await dropColumn(qi, 'users', 'email_on_message');
  await qi.removeIndex('notifications', idx(qi, 'notifications', 'idx_user_unread'));
  // SQLite refuses to drop an indexed column: indexes go first.
  await qi.removeIndex('message_recipients', idx(qi, 'message_recipients', 'idx_user_unread'));
  await qi.removeIndex('message_recipients', idx(qi, 'message_recipients', 'idx_user_inbox'));
  await dropColumn(qi, 'message_recipients', 'deleted_at');
  await qi.removeIndex('messages', idx(qi, 'messages', 'idx_sender_sent'));
  await qi.removeIndex('messages', idx(qi, 'messages', 'idx_thread'));
  for (const c of ['sender_deleted_at', 'audience', 'course_id', 'thread_id'])
    await dropColumn(qi, 'messages', c);
};
