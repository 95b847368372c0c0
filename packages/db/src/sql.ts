// Plain statements for hot paths (issue 18: a whole class submitting its final quiz at once). In a
// transaction on MariaDB/MySQL they go straight to the transaction's own mysql2 connection (outside
// one, to a connection of Sequelize's pool, given back at once), with
// `?` parameters escaped by the driver: no Sequelize Query object, hooks, replacement formatting
// or model instances, which cost more CPU than the statement itself (≈ 2× per statement measured
// by bench/quiz-submit). On SQLite they go through sequelize.query.
// Either way the statement reaches Sequelize's `logging` option, so statement-count tests and SQL
// logs see it, and driver errors come back as Sequelize's error classes.
import {
  DatabaseError,
  ForeignKeyConstraintError,
  QueryTypes,
  UniqueConstraintError,
  type Transaction,
} from 'sequelize';
import type { Sequelize } from 'sequelize';

/** A Database, or any holder of the Sequelize instance (a model's `Model.sequelize`). */
export type SqlTarget = { sequelize: Sequelize };

/** A value bound to a `?` (a list for `IN (?)`): JSON columns take JSON.stringify'd text. */
export type SqlParam = string | number | boolean | Date | null | readonly (string | number)[];

interface DriverConnection {
  query(
    opts: { sql: string; values: SqlParam[] },
    cb: (err: (Error & { errno?: number; code?: string; sql?: string }) | null, result: unknown) => void,
  ): void;
}

interface WriteResult {
  insertId: number;
  affectedRows: number;
}

type Logging = false | ((sql: string, timingMs?: number) => void) | undefined;

/** The transaction's mysql2 connection (Sequelize keeps it on the transaction while it is open). */
const driverOf = (tx: Transaction): DriverConnection | null => (tx as unknown as { connection?: DriverConnection }).connection ?? null;

interface ConnectionManager {
  getConnection(options: { type: string }): Promise<DriverConnection>;
  releaseConnection(c: DriverConnection): Promise<void>;
}

/** Runs one statement on MariaDB/MySQL: on the transaction's connection, else on one from the pool. */
async function onMysql<T>(db: SqlTarget, sql: string, values: SqlParam[], tx: Transaction | null | undefined, type: string): Promise<T> {
  const c = tx ? driverOf(tx) : null;
  if (c) return viaDriver<T>(db, c, (tx as unknown as { id: string }).id, sql, values);
  if (tx) throw new Error('sql: the transaction has no open connection');
  const manager = (db.sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
  const pooled = await manager.getConnection({ type });
  try {
    return await viaDriver<T>(db, pooled, 'default', sql, values);
  } finally {
    await manager.releaseConnection(pooled);
  }
}

function toSequelizeError(err: Error & { errno?: number; code?: string; sql?: string }): Error {
  type Parent = ConstructorParameters<typeof DatabaseError>[0];
  const parent = Object.assign(err, { sql: err.sql ?? '', parameters: {} }) as unknown as Parent;
  if (err.errno === 1062) return new UniqueConstraintError({ parent: parent as never, message: err.message });
  if (err.errno === 1451 || err.errno === 1452) return new ForeignKeyConstraintError({ parent: parent as never, message: err.message });
  // The driver error stays reachable (parent / original): retryableLockKind reads its errno.
  return new DatabaseError(parent);
}

function viaDriver<T>(db: SqlTarget, c: DriverConnection, txId: string, sql: string, values: SqlParam[]): Promise<T> {
  const logging = (db.sequelize as unknown as { options: { logging?: Logging } }).options.logging;
  const t0 = logging ? performance.now() : 0;
  return new Promise<T>((resolve, reject) => {
    c.query({ sql, values }, (err, result) => {
      if (logging) logging(`Executing (${txId}): ${sql}`, performance.now() - t0);
      if (err) reject(toSequelizeError(err));
      else resolve(result as T);
    });
  });
}

const isMysql = (db: SqlTarget) => db.sequelize.getDialect() === 'mysql';

/** Rows of a SELECT as plain objects (snake_case columns as written in the statement). */
export async function sqlRows<T extends object>(
  db: SqlTarget,
  sql: string,
  values: SqlParam[],
  tx?: Transaction | null,
): Promise<T[]> {
  if (isMysql(db)) return onMysql<T[]>(db, sql, values, tx, 'SELECT');
  return db.sequelize.query<T>(sql, { replacements: values, type: QueryTypes.SELECT, transaction: tx ?? undefined });
}

/** An INSERT; returns the generated id (the first one of a multi-row INSERT on MariaDB/MySQL). */
export async function sqlInsert(db: SqlTarget, sql: string, values: SqlParam[], tx?: Transaction | null): Promise<number> {
  if (isMysql(db)) return Number((await onMysql<WriteResult>(db, sql, values, tx, 'INSERT')).insertId);
  const [id] = (await db.sequelize.query(sql, { replacements: values, type: QueryTypes.INSERT, transaction: tx ?? undefined })) as unknown as [number, number];
  return Number(id);
}

/** An UPDATE or DELETE; returns the number of rows it matched (MariaDB: changed). */
export async function sqlRun(db: SqlTarget, sql: string, values: SqlParam[], tx?: Transaction | null): Promise<number> {
  if (isMysql(db)) return Number((await onMysql<WriteResult>(db, sql, values, tx, 'UPDATE')).affectedRows);
  const result = (await db.sequelize.query(sql, { replacements: values, type: QueryTypes.UPDATE, transaction: tx ?? undefined })) as unknown;
  // mysql: [undefined, affectedRows]; sqlite: [undefined, changes] — for UPDATE and BULKDELETE alike.
  return Array.isArray(result) ? Number(result[1] ?? 0) : Number(result ?? 0);
}
