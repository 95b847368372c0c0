// Sequelize's SQLite Query class, adjusted for this instance only (see patchSqliteQuery).
import { createRequire } from 'node:module';
import { DatabaseError } from 'sequelize';
import type { Sequelize } from 'sequelize';

const require = createRequire(import.meta.url);

type StackError = Error & { code?: string; sql?: string };

/** The members of Sequelize's SQLite Query that `run` below uses (sequelize/lib/dialects/sqlite/query.js). */
interface SqliteQuery {
  connection: SqliteConnection;
  sql: string;
  options: { tableNames?: string[] };
  getDatabaseMethod(): 'run' | 'all';
  _logQuery(sql: string, debug: (msg: string) => void, parameters: unknown): () => void;
  _handleQueryResponse(metaData: unknown, columnTypes: Record<string, Record<string, string>>, err: StackError | null, results: unknown, errStack?: string): unknown;
  formatError(err: StackError, stack: string): Error;
}
interface SqliteConnection {
  serialize(cb: () => void): void;
  all(sql: string, cb: (err: Error | null, rows: { name: string; type: string }[]) => void): void;
  [method: string]: unknown;
}
type QueryClass = new (...args: any[]) => SqliteQuery;

const stringifyIfBigint = (v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/**
 * Two changes to Sequelize's SQLite dialect, on this Sequelize instance only:
 *
 * 1. Every SQLITE_CONSTRAINT failure that is not a foreign key (CHECK and NOT NULL included) comes
 *    out of Sequelize as a UniqueConstraintError "Validation error", which callers map to a
 *    conflict. MySQL reports those as DatabaseError: make SQLite do the same.
 * 2. Sequelize's `run` formats the caller's stack (`new Error().stack`, a string built from up to
 *    ten frames, source-mapped under tsx) for *every* statement, to hand it to the error it might
 *    build; that was a few percent of the worker's CPU per certificate. The copy below still
 *    captures the stack at the call (cheap: V8 only records the frames) but formats it only when
 *    the statement failed. The MySQL dialect already does it that way.
 *
 * `run` is copied from sequelize 6.37.8 (lib/dialects/sqlite/query.js); the only change is
 * `executionError ? errForStack.stack : undefined`. CHECK ON UPGRADE that `run` and
 * `_handleQueryResponse` (which reads `errStack` only when `err` is set) are still as assumed; the
 * db package's sqlite tests exercise both the success and the failure path.
 */
export function patchSqliteQuery(sequelize: Sequelize): void {
  const dialect = (sequelize as unknown as { dialect: { Query: QueryClass } }).dialect;
  const Base = dialect.Query;
  const debug = (require('sequelize/lib/utils/logger') as { logger: { debugContext(n: string): (m: string) => void } }).logger.debugContext('sql:sqlite');

  dialect.Query = class extends Base {
    formatError(err: StackError, stack: string): Error {
      if (/(CHECK|NOT NULL) constraint failed/.test(err.message)) {
        type Parent = ConstructorParameters<typeof DatabaseError>[0];
        return new DatabaseError(err as Parent, { stack } as ConstructorParameters<typeof DatabaseError>[1]);
      }
      return super.formatError(err, stack);
    }

    run(sql: string, parameters?: unknown): Promise<unknown> {
      const conn = this.connection;
      this.sql = sql;
      const method = this.getDatabaseMethod();
      const complete = this._logQuery(sql, debug, parameters);
      return new Promise((resolve, reject) =>
        conn.serialize(async () => {
          const columnTypes: Record<string, Record<string, string>> = {};
          const errForStack = new Error();
          const executeSql = () => {
            if (sql.startsWith('-- ')) return resolve(undefined);
            // eslint-disable-next-line @typescript-eslint/no-this-alias -- as in Sequelize: `this` below is sqlite3's statement
            const query = this;
            function afterExecute(this: unknown, executionError: StackError | null, results: unknown) {
              try {
                complete();
                resolve(query._handleQueryResponse(this, columnTypes, executionError, results, executionError ? errForStack.stack : undefined));
              } catch (error) {
                reject(error);
              }
            }
            let params: unknown = parameters ?? [];
            if (isPlainObject(params)) {
              const named: Record<string, unknown> = Object.create(null);
              for (const key of Object.keys(params)) named[key] = stringifyIfBigint(params[key]);
              params = named;
            } else {
              params = (params as unknown[]).map(stringifyIfBigint);
            }
            (conn[method] as (sql: string, params: unknown, cb: typeof afterExecute) => void)(sql, params, afterExecute);
            return null;
          };
          if (this.getDatabaseMethod() === 'all') {
            let tableNames: string[] = [];
            if (this.options?.tableNames) tableNames = this.options.tableNames;
            else {
              const m = /FROM `(.*?)`/i.exec(this.sql);
              if (m) tableNames.push(m[1]);
            }
            tableNames = tableNames.filter((t) => !(t in columnTypes) && t !== 'sqlite_master');
            if (!tableNames.length) return executeSql();
            await Promise.all(
              tableNames.map(
                (tableName) =>
                  new Promise<void>((done) => {
                    tableName = tableName.replace(/`/g, '');
                    columnTypes[tableName] = {};
                    conn.all(`PRAGMA table_info(\`${tableName}\`)`, (err, results) => {
                      if (!err) for (const r of results) columnTypes[tableName][r.name] = r.type;
                      done();
                    });
                  }),
              ),
            );
          }
          return executeSql();
        }),
      );
    }
  };
}
