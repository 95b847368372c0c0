import { addIndex, createTable, DataTypes, dropTables, id, isMysql, now, type MigrationFn } from './helpers';

// Why (issue 11): jobs, mails and live events used to be enqueued after the transaction committed,
// so a crash between the commit and the enqueue lost them for good. They are now written as rows of
// this table in the same transaction as the fact, and a relay (API and worker processes) moves them
// to the queue / the live bus with deterministic job ids, then marks them sent.

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'outbox', {
    // SQLite autoincrements only an INTEGER PRIMARY KEY (which is 64-bit there anyway).
    id: { ...id(), type: isMysql(qi) ? DataTypes.BIGINT : DataTypes.INTEGER },
    kind: { type: DataTypes.ENUM('job', 'live'), allowNull: false },
    queue: { type: DataTypes.STRING(40), allowNull: true },
    job_name: { type: DataTypes.STRING(60), allowNull: true },
    // BullMQ's dedupe key: a row relayed twice (crash before the sent mark) adds one job.
    job_id: { type: DataTypes.STRING(191), allowNull: true },
    // NULL once a mail was delivered: single-use links must not outlive their delivery.
    payload: { type: DataTypes.JSON, allowNull: true },
    created_at: now(),
    sent_at: { type: DataTypes.DATE, allowNull: true },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_error: { type: DataTypes.STRING(1000), allowNull: true },
    // Mails only: set by the mail job once the SMTP server accepted the message (the sent-mark
    // that makes a second delivery of the same row a no-op).
    delivered_at: { type: DataTypes.DATE, allowNull: true },
  });
  // The relay's claim: WHERE sent_at IS NULL ORDER BY id (NULLs first in the index range).
  await addIndex(qi, 'outbox', ['sent_at', 'id'], 'idx_unsent');
  // The repair sweep's undelivered mails and the purge: by queue, delivery and age.
  await addIndex(qi, 'outbox', ['queue', 'delivered_at', 'created_at'], 'idx_queue_delivered');
  await addIndex(qi, 'outbox', ['created_at'], 'idx_created_at');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['outbox']);
};
