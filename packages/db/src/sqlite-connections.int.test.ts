import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes, type Transaction } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, type Database } from './index';

// reuseSqliteTransactionConnections: a transaction's connection is kept after a successful COMMIT
// or ROLLBACK and handed to the next transaction, never to two at once.

const dir = mkdtempSync(path.join(tmpdir(), 'mdsc-sqlite-conns-'));
let db: Database;
const connectionOf = (tx: Transaction) => (tx as unknown as { connection: object }).connection;

beforeAll(async () => {
  db = createDatabase({ sqliteFile: path.join(dir, 'conns.sqlite') });
  await db.sequelize.query('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async () =>
  (await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM t', { type: QueryTypes.SELECT }))[0].n;

it('reuses a committed or rolled-back transaction connection, in autocommit mode, with foreign keys on', async () => {
  let first: object | undefined;
  await db.sequelize.transaction(async (tx) => {
    first = connectionOf(tx);
    await db.sequelize.query('INSERT INTO t (n) VALUES (1)', { transaction: tx });
  });
  // Rolled back: the row is gone, the connection is kept all the same.
  await db.sequelize
    .transaction(async (tx) => {
      expect(connectionOf(tx)).toBe(first);
      await db.sequelize.query('INSERT INTO t (n) VALUES (2)', { transaction: tx });
      throw new Error('roll back');
    })
    .catch(() => undefined);
  expect(await count()).toBe(1);
  await db.sequelize.transaction(async (tx) => {
    expect(connectionOf(tx)).toBe(first);
    const [fk] = await db.sequelize.query<{ foreign_keys: number }>('PRAGMA foreign_keys', { type: QueryTypes.SELECT, transaction: tx });
    expect(fk.foreign_keys).toBe(1);
    await db.sequelize.query('INSERT INTO t (n) VALUES (3)', { transaction: tx });
  });
  // Committed, and visible to the default connection: the kept connection holds no open transaction.
  expect(await count()).toBe(2);
});

it('gives concurrent transactions different connections', async () => {
  const seen: object[] = [];
  await Promise.all(
    [1, 2, 3].map((n) =>
      db.sequelize.transaction({ type: 'DEFERRED' as Transaction.TYPES }, async (tx) => {
        seen.push(connectionOf(tx));
        await db.sequelize.query('SELECT ?', { replacements: [n], transaction: tx });
        await new Promise((r) => setTimeout(r, 20));
      }),
    ),
  );
  expect(new Set(seen).size).toBe(3);
});
