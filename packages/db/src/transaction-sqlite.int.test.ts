import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDatabase, retryableLockKind, withTransaction, type Database } from './index';

// Embedded mode: two connection pools on one SQLite file. A writer holding the file longer than
// the busy timeout makes the other's BEGIN IMMEDIATE fail with SQLITE_BUSY; the helper retries.
// Slow by nature (~25 s): Sequelize itself retries a busy statement 5 times, each after the 5 s
// busy timeout, before the error reaches the helper.

const dir = mkdtempSync(path.join(tmpdir(), 'mdsc-tx-sqlite-'));
const file = path.join(dir, 'busy.sqlite');
let holder: Database;
let waiter: Database;

beforeAll(async () => {
  holder = createDatabase({ sqliteFile: file });
  waiter = createDatabase({ sqliteFile: file });
  await holder.sequelize.query('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
});
afterAll(async () => {
  await holder?.close();
  await waiter?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a transaction refused with SQLITE_BUSY runs again once the file is free', async () => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let holding!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  const holderDone = holder.sequelize.transaction(async (tx) => {
    await holder.sequelize.query('INSERT INTO t (n) VALUES (1)', { transaction: tx });
    holding();
    await released;
  });
  await held;

  const warnings: Record<string, unknown>[] = [];
  let attempts = 0;
  await withTransaction(
    waiter,
    async (tx) => {
      attempts += 1;
      await waiter.sequelize.query('INSERT INTO t (n) VALUES (2)', { transaction: tx });
    },
    {
      name: 'sqlite-waiter',
      baseDelayMs: 1,
      // The first refusal frees the file: the retry then gets it.
      logger: { warn: (obj) => (warnings.push(obj as Record<string, unknown>), release()) },
    },
  );
  await holderDone;

  // The refused statement was the waiter's BEGIN IMMEDIATE: its body then ran once, after the retry.
  expect(attempts).toBe(1);
  expect(warnings).toEqual([
    expect.objectContaining({ kind: 'busy', attempt: 1, transaction: 'sqlite-waiter' }),
  ]);
  const rows = await waiter.sequelize.query<{ n: number }>('SELECT n FROM t ORDER BY n', {
    type: QueryTypes.SELECT,
  });
  expect(rows.map((r) => r.n)).toEqual([1, 2]);
  expect(retryableLockKind(Object.assign(new Error('x'), { parent: { code: 'SQLITE_BUSY' } }))).toBe('busy');
});
