import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type * as Sqlite3 from 'sqlite3';
import { Transaction } from 'sequelize';
import { Sequelize, type SequelizeOptions } from 'sequelize-typescript';
import { allModels, CourseModule, Lesson, Quiz } from './models/index';
import { installStructureVersionHooks } from './models/structure-version';
import { reuseSqliteTransactionConnections } from './sqlite-connections';
import { patchSqliteQuery } from './sqlite-query';

// Driver modules are handed to Sequelize explicitly: under pnpm, Sequelize cannot require()
// mysql2/sqlite3 from its own directory, and loading sqlite3 (native) lazily keeps MySQL
// deployments from touching it.
const require = createRequire(import.meta.url);

export type Dialect = 'mysql' | 'sqlite';

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** `mysql://user:pass@host:port/db` (MariaDB or MySQL 8). Without it: SQLite. */
  url?: string;
  /** SQLite file; default `.data/mdsc.sqlite` relative to the working directory. */
  sqliteFile?: string;
  logging?: false | ((sql: string, timingMs?: number) => void);
  pool?: { max?: number };
}

export const DEFAULT_SQLITE_FILE = '.data/mdsc.sqlite';
const SQLITE_BUSY_TIMEOUT_MS = 5000;

interface MysqlTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** Parses `mysql://` (or `mariadb://`, same wire protocol) URLs. */
export function parseMysqlUrl(url: string): MysqlTarget {
  const u = new URL(url);
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') {
    throw new Error(`Expected a mysql:// URL, got ${u.protocol}//…`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]+$/.test(database))
    throw new Error(`Invalid or missing database name in ${u.protocol}// URL`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

/**
 * sqlite3 wrapped so that every connection Sequelize opens (one per transaction, plus the default
 * one) gets foreign keys, WAL and a busy timeout *before* its first query: Sequelize itself only
 * fires `PRAGMA FOREIGN_KEYS=ON` without waiting, and has no afterConnect hook for SQLite.
 */
function sqliteDialectModule(): object {
  const sqlite3 = require('sqlite3') as typeof Sqlite3;
  function Database(file: string, mode: number, callback: (err: Error | null) => void) {
    const db: Sqlite3.Database = new sqlite3.Database(file, mode, (err) => {
      if (err) return callback(err);
      db.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;', (e) =>
        callback(e ?? null),
      );
    });
    return db;
  }
  return Object.assign(Object.create(sqlite3) as object, { Database });
}

/**
 * Opens a connection pool (MySQL/MariaDB when `url` is given, else SQLite) with every model
 * registered. Model classes are process-wide singletons: they bind to the most recently created
 * Database, so a process should hold one at a time (close it before creating another).
 */
export function createDatabase(opts: CreateDatabaseOptions = {}): Database {
  const logging = opts.logging ?? false;
  const common: SequelizeOptions = {
    models: allModels,
    logging,
    benchmark: typeof logging === 'function', // passes the timing to the logger
  };

  let sequelize: Sequelize;
  let dialect: Dialect;
  if (opts.url) {
    const target = parseMysqlUrl(opts.url);
    dialect = 'mysql';
    sequelize = new Sequelize({
      ...common,
      dialect: 'mysql',
      dialectModule: require('mysql2'),
      ...target,
      timezone: '+00:00',
      pool: { max: opts.pool?.max ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', underscored: true },
      dialectOptions: {
        charset: 'UTF8MB4_UNICODE_CI', // connection collation = table collation (no "illegal mix")
        decimalNumbers: true, // DECIMAL (price, scores, SUM()) as numbers, like SQLite returns them
      },
    });
  } else {
    const requested = opts.sqliteFile ?? DEFAULT_SQLITE_FILE;
    const file = requested === ':memory:' ? requested : path.resolve(requested);
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    dialect = 'sqlite';
    sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      dialectModule: sqliteDialectModule(),
      storage: file,
      define: { underscored: true },
      // A deferred transaction that reads then writes cannot wait for the write lock (SQLITE_BUSY
      // at once); taking the lock up front lets busy_timeout do its job.
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
    patchSqliteQuery(sequelize);
    reuseSqliteTransactionConnections(sequelize);
  }
  installStructureVersionHooks([CourseModule, Lesson, Quiz]);
  return { sequelize, dialect, close: () => sequelize.close() };
}

async function withServerConnection<T>(
  url: string,
  fn: (c: mysql.Connection, db: string) => Promise<T>,
): Promise<T> {
  const { host, port, username, password, database } = parseMysqlUrl(url);
  // Connect without a database: the one we want may not exist yet.
  const connection = await mysql.createConnection({ host, port, user: username, password });
  try {
    return await fn(connection, database);
  } finally {
    await connection.end();
  }
}

/** CREATE DATABASE IF NOT EXISTS, utf8mb4 / utf8mb4_unicode_ci. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  await withServerConnection(url, (c, db) =>
    c.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
}

/** DROP DATABASE IF EXISTS (tests and resets only). */
export async function dropMysqlDatabase(url: string): Promise<void> {
  await withServerConnection(url, (c, db) => c.query(`DROP DATABASE IF EXISTS \`${db}\``));
}
