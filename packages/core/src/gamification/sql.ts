// The few statements whose spelling differs between MariaDB/MySQL and SQLite (embedded mode).
import { withTransaction as withRetriedTransaction, type Database } from '@mdsc/db';
import { QueryTypes, Transaction } from 'sequelize';

/** `INSERT IGNORE` (MySQL) / `INSERT OR IGNORE` (SQLite): a duplicate on a unique key is skipped. */
export function insertIgnore(db: Database): string {
  return db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
}

/** Row lock for a read inside a transaction; SQLite transactions are IMMEDIATE (already exclusive). */
export function forUpdate(db: Database): string {
  return db.dialect === 'mysql' ? ' FOR UPDATE' : '';
}

/** Runs an INSERT and tells how many rows it inserted (0 when a unique key made it a no-op). */
export async function insertCount(
  db: Database,
  sql: string,
  replacements: unknown[],
  transaction?: Transaction,
): Promise<number> {
  const [, affected] = (await db.sequelize.query(sql, {
    replacements,
    type: QueryTypes.INSERT,
    transaction,
  })) as unknown as [unknown, number];
  return Number(affected ?? 0);
}

export async function selectRows<T extends object>(
  db: Database,
  sql: string,
  replacements: unknown[] | Record<string, unknown>,
  transaction?: Transaction,
): Promise<T[]> {
  return db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });
}

export async function execute(
  db: Database,
  sql: string,
  replacements: unknown[] | Record<string, unknown>,
  transaction?: Transaction,
): Promise<number> {
  const [, affected] = (await db.sequelize.query(sql, {
    replacements,
    type: QueryTypes.UPDATE,
    transaction,
  })) as unknown as [unknown, number];
  return Number(affected ?? 0);
}

/**
 * Runs `fn` in a transaction, again when the database reports a deadlock (the shared helper of
 * @mdsc/db). READ COMMITTED on MySQL: no gap locks on searches, so learners' awards do not block
 * one another, and every statement after the per-user lock sees what the previous holder committed.
 */
export async function withTransaction<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return withRetriedTransaction(db, fn, {
    name: 'gamification',
    ...(db.dialect === 'mysql' ? { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED } : {}),
  });
}
