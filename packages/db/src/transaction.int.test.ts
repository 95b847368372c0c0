import { randomUUID } from 'node:crypto';
import { QueryTypes, Transaction } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, retryableLockKind, withTransaction, type Database } from './index';

// Real MariaDB, real InnoDB locks: a scratch table of two rows, locked in opposite orders by two
// transactions on two pooled connections, makes the server pick a deadlock victim.

let db: Database;
const table = `tx_retry_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by tooling/vitest/int-global-setup.ts');
  db = createDatabase({ url, pool: { max: 5 } });
  await db.sequelize.query(`CREATE TABLE \`${table}\` (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB`);
});

afterAll(async () => {
  await db?.sequelize.query(`DROP TABLE IF EXISTS \`${table}\``);
  await db?.close();
});

async function resetRows() {
  await db.sequelize.query(`DELETE FROM \`${table}\``);
  await db.sequelize.query(`INSERT INTO \`${table}\` (id, n) VALUES (1, 0), (2, 0)`);
}

const bump = (id: number, tx: Transaction) =>
  db.sequelize.query(`UPDATE \`${table}\` SET n = n + 1 WHERE id = ?`, {
    replacements: [id],
    transaction: tx,
  });

const rows = async () =>
  db.sequelize.query<{ id: number; n: number }>(`SELECT id, n FROM \`${table}\` ORDER BY id`, {
    type: QueryTypes.SELECT,
  });

function recordingLogger() {
  const entries: { obj: Record<string, unknown>; msg?: string }[] = [];
  return {
    entries,
    warn: (obj: unknown, msg?: string) => entries.push({ obj: obj as Record<string, unknown>, msg }),
  };
}

/** Resolves once `count` parties have arrived. */
function barrier(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return () => {
    arrived += 1;
    if (arrived === count) open();
    return opened;
  };
}

describe('withTransaction on MariaDB', () => {
  it('retries the victim of a real deadlock, and both transactions end up applied once', async () => {
    await resetRows();
    const logger = recordingLogger();
    const bothHoldTheirFirstRow = barrier(2);
    const attempts = { a: 0, b: 0 };
    // Each transaction locks its first row, waits for the other to hold its own (first attempt
    // only), then asks for the other's row: a lock cycle InnoDB breaks by rolling one back.
    const crossing = (name: 'a' | 'b', first: number, second: number) =>
      withTransaction(
        db,
        async (tx) => {
          attempts[name] += 1;
          await bump(first, tx);
          if (attempts[name] === 1) await bothHoldTheirFirstRow();
          await bump(second, tx);
          return name;
        },
        { name: `crossing-${name}`, logger },
      );

    const results = await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)]);

    expect(results).toEqual(['a', 'b']);
    expect(attempts.a + attempts.b).toBe(3); // one victim, run once more
    const retried = logger.entries.filter((e) => e.msg?.includes('retrying'));
    expect(retried).toHaveLength(1);
    expect(retried[0].obj).toMatchObject({ kind: 'deadlock', attempt: 1 });
    expect(await rows()).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('the same deadlock without the helper reaches the caller as ER_LOCK_DEADLOCK', async () => {
    await resetRows();
    const bothHoldTheirFirstRow = barrier(2);
    const crossing = (first: number, second: number) =>
      db.sequelize.transaction(async (tx) => {
        await bump(first, tx);
        await bothHoldTheirFirstRow();
        await bump(second, tx);
      });
    const settled = await Promise.allSettled([crossing(1, 2), crossing(2, 1)]);
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(failures).toHaveLength(1);
    expect(retryableLockKind(failures[0].reason)).toBe('deadlock');
  });

  it('retries after a lock wait timeout once the blocking transaction has committed', async () => {
    await resetRows();
    const logger = recordingLogger();
    let releaseBlocker!: () => void;
    const blockerMayCommit = new Promise<void>((r) => (releaseBlocker = r));
    let blockerHolds!: () => void;
    const held = new Promise<void>((r) => (blockerHolds = r));
    const blocker = db.sequelize.transaction(async (tx) => {
      await bump(1, tx);
      blockerHolds();
      await blockerMayCommit;
    });
    await held;

    let attempts = 0;
    const waiting = withTransaction(
      db,
      async (tx) => {
        attempts += 1;
        // The shortest wait InnoDB allows, for this connection only.
        await db.sequelize.query('SET SESSION innodb_lock_wait_timeout = 1', { transaction: tx });
        // The first attempt times out while the blocker holds the row; let it commit then.
        if (attempts === 2) releaseBlocker();
        await bump(1, tx);
      },
      { name: 'waiting', logger, baseDelayMs: 1 },
    );
    const waitingDone = waiting.finally(() => releaseBlocker());

    await Promise.all([waitingDone, blocker]);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(logger.entries[0].obj).toMatchObject({ kind: 'lock_wait_timeout', attempt: 1 });
    expect((await rows())[0]).toEqual({ id: 1, n: 2 });
  });

  it('does not retry other errors, and gives up after the bounded number of retries', async () => {
    let calls = 0;
    await expect(
      withTransaction(db, async () => {
        calls += 1;
        throw new Error('business rule');
      }),
    ).rejects.toThrow('business rule');
    expect(calls).toBe(1);

    const logger = recordingLogger();
    let deadlocks = 0;
    const alwaysDeadlocked = Object.assign(new Error('Deadlock found'), {
      parent: { errno: 1213, code: 'ER_LOCK_DEADLOCK' },
    });
    await expect(
      withTransaction(
        db,
        async () => {
          deadlocks += 1;
          throw alwaysDeadlocked;
        },
        { retries: 2, baseDelayMs: 1, logger },
      ),
    ).rejects.toBe(alwaysDeadlocked);
    expect(deadlocks).toBe(3);
    expect(logger.entries.map((e) => e.msg)).toEqual([
      expect.stringContaining('retrying'),
      expect.stringContaining('retrying'),
      expect.stringContaining('giving up'),
    ]);
  });
});

describe('isolation levels on pooled connections', () => {
  // The quiz submission, the XP ledger and the outbox relay ask for READ COMMITTED. Sequelize sends
  // `SET TRANSACTION ISOLATION LEVEL …` (no SESSION), which MariaDB applies to the next transaction
  // only: a connection going back to the pool must not carry READ COMMITTED into the next caller's
  // transaction, which expects the server default (REPEATABLE READ: one snapshot per transaction).
  /** Reads row 1 twice in one transaction, another connection committing a change in between. */
  async function readsAroundACommit(on: Database, isolationLevel?: Transaction.ISOLATION_LEVELS) {
    return on.sequelize.transaction(isolationLevel ? { isolationLevel } : {}, async (tx) => {
      const read = async () =>
        (
          await on.sequelize.query<{ n: number }>(`SELECT n FROM \`${table}\` WHERE id = 1`, {
            type: QueryTypes.SELECT,
            transaction: tx,
          })
        )[0].n;
      const before = await read();
      await db.sequelize.query(`UPDATE \`${table}\` SET n = n + 1 WHERE id = 1`); // another pooled connection
      return { before, after: await read() };
    });
  }

  it('READ COMMITTED applies to its own transaction only, not to the next one on the same connection', async () => {
    await resetRows();
    const single = createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 1 } });
    try {
      const [{ id: first }] = await single.sequelize.query<{ id: number }>('SELECT CONNECTION_ID() AS id', {
        type: QueryTypes.SELECT,
      });
      // READ COMMITTED sees the other connection's commit…
      expect(await readsAroundACommit(single, Transaction.ISOLATION_LEVELS.READ_COMMITTED)).toEqual({
        before: 0,
        after: 1,
      });
      // …and the next transaction on that same connection reads from one snapshot again.
      expect(await readsAroundACommit(single)).toEqual({ before: 1, after: 1 });
      const [{ id: last }] = await single.sequelize.query<{ id: number }>('SELECT CONNECTION_ID() AS id', {
        type: QueryTypes.SELECT,
      });
      expect(last).toBe(first);
      const [{ level }] = await single.sequelize.query<{ level: string }>(
        'SELECT @@SESSION.tx_isolation AS level',
        { type: QueryTypes.SELECT },
      );
      expect(level).toBe('REPEATABLE-READ');
    } finally {
      await single.close();
    }
  });
});
