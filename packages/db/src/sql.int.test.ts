import { randomUUID } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, retryableLockKind, sqlInsert, sqlRows, sqlRun, type Database } from './index';

// The hot-path statement helpers on both dialects: MariaDB through the driver connection of the
// transaction (or of the pool), SQLite through sequelize.query. Same answers, same errors, and
// every statement reaches Sequelize's logging (statement-count tests rely on it).

const table = `sql_helper_${randomUUID().slice(0, 8)}`;
const dialects: [string, () => Database, string][] = [
  [
    'MariaDB',
    () => createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 3 } }),
    `CREATE TABLE \`${table}\` (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL UNIQUE, at DATETIME NULL, flag TINYINT(1) NOT NULL DEFAULT 0) ENGINE=InnoDB`,
  ],
  [
    'SQLite',
    () => createDatabase({ sqliteFile: ':memory:' }),
    `CREATE TABLE \`${table}\` (id INTEGER PRIMARY KEY AUTOINCREMENT, code VARCHAR(20) NOT NULL UNIQUE, at DATETIME NULL, flag TINYINT(1) NOT NULL DEFAULT 0)`,
  ],
];

describe.each(dialects)('sql helpers on %s', (_name, open, ddl) => {
  let db: Database;
  beforeAll(async () => {
    db = open();
    await db.sequelize.query(ddl);
  });
  afterAll(async () => {
    await db?.sequelize.query(`DROP TABLE IF EXISTS \`${table}\``);
    await db?.close();
  });

  it('inserts, reads, updates with ? parameters (lists for IN), in a transaction and outside one', async () => {
    const at = new Date('2026-03-01T10:20:30.000Z');
    const ids = await db.sequelize.transaction(async (tx) => [
      await sqlInsert(db, `INSERT INTO \`${table}\` (code, at, flag) VALUES (?, ?, ?)`, ['a', at, true], tx),
      await sqlInsert(db, `INSERT INTO \`${table}\` (code, at, flag) VALUES (?, ?, ?)`, ["b'; --", null, false], tx),
    ]);
    expect(ids[1]).toBe(ids[0] + 1);
    const rows = await sqlRows<{ id: number; code: string; at: Date | string | null; flag: number | boolean }>(
      db,
      `SELECT id, code, at, flag FROM \`${table}\` WHERE id IN (?) ORDER BY id`,
      [ids],
    );
    expect(rows.map((r) => [Number(r.id), r.code, !!r.flag])).toEqual([
      [ids[0], 'a', true],
      [ids[1], "b'; --", false],
    ]);
    expect(new Date(rows[0].at as string).getTime()).toBe(at.getTime()); // stored in UTC
    const changed = await db.sequelize.transaction((tx) => sqlRun(db, `UPDATE \`${table}\` SET flag = ? WHERE id IN (?)`, [true, ids], tx));
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(await sqlRun(db, `DELETE FROM \`${table}\` WHERE code = ?`, ['none'])).toBe(0);
  });

  it('rolls back with its transaction, reports a duplicate as UniqueConstraintError, and logs every statement', async () => {
    await expect(
      db.sequelize.transaction(async (tx) => {
        await sqlInsert(db, `INSERT INTO \`${table}\` (code) VALUES (?)`, ['rolled'], tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await sqlRows(db, `SELECT id FROM \`${table}\` WHERE code = ?`, ['rolled'])).toEqual([]);

    await sqlInsert(db, `INSERT INTO \`${table}\` (code) VALUES (?)`, ['dup']);
    const err = await db.sequelize
      .transaction((tx) => sqlInsert(db, `INSERT INTO \`${table}\` (code) VALUES (?)`, ['dup'], tx))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueConstraintError);
    expect(retryableLockKind(err)).toBeNull();

    const seen: string[] = [];
    const opts = db.sequelize.options as { logging: unknown };
    const saved = opts.logging;
    opts.logging = (sql: string) => seen.push(sql);
    try {
      await db.sequelize.transaction((tx) => sqlRows(db, `SELECT code FROM \`${table}\` WHERE code = ?`, ['dup'], tx));
    } finally {
      opts.logging = saved;
    }
    expect(seen.filter((s) => s.includes(`SELECT code FROM \`${table}\``))).toHaveLength(1);
  });
});
