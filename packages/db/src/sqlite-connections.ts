// Sequelize's SQLite connection manager, adjusted for this instance only (see reuseSqliteTransactionConnections).
import type { Sequelize } from 'sequelize';

interface SqliteConnection {
  uuid?: string;
  filename?: string;
  close(cb?: (err: Error | null) => void): void;
}

interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
  _onProcessExit(): Promise<void>;
}

/** Idle transaction connections kept per Sequelize instance (the worker runs a few jobs at once). */
const MAX_IDLE = 4;

/**
 * Sequelize's SQLite dialect opens a new connection to the file for every transaction and closes
 * it after the COMMIT or ROLLBACK: open, our PRAGMAs (sqliteDialectModule), Sequelize's own
 * PRAGMA and SQLite's schema parse on the first statement — about 2.3 ms of CPU for a transaction
 * of one UPDATE that costs 0.3 ms alone (measured December 2026), a third of the worker's own work
 * per certificate. Here a connection released after a *successful* COMMIT or ROLLBACK (Sequelize's
 * `Transaction.cleanup`; a failed one goes through `forceCleanup` → `destroyConnection`, never
 * here) is back in autocommit mode with its PRAGMAs set, so it is kept (up to MAX_IDLE) and handed
 * to the next transaction instead of opening another. Connections are never shared: a kept one
 * belongs to no transaction until `getConnection` gives it to exactly one. `close()` closes them.
 *
 * Relies on sequelize 6.37.8's sqlite ConnectionManager (lib/dialects/sqlite/connection-manager.js):
 * transaction connections live in `connections[uuid]`, `releaseConnection` closes them when they
 * carry a `uuid`, `_onProcessExit` closes what is in `connections`. CHECK ON UPGRADE.
 */
export function reuseSqliteTransactionConnections(sequelize: Sequelize): void {
  if ((sequelize as unknown as { options: { storage?: string } }).options.storage === ':memory:') return; // one shared connection there
  const cm = (sequelize as unknown as { connectionManager: SqliteConnectionManager }).connectionManager;
  const idle: SqliteConnection[] = [];
  let closing = false;
  const getConnection = cm.getConnection.bind(cm);
  const releaseConnection = cm.releaseConnection.bind(cm);
  const onProcessExit = cm._onProcessExit.bind(cm);

  cm.getConnection = async (options = {}) => {
    const uuid = options.uuid;
    if (uuid && uuid !== 'default' && !cm.connections[uuid] && idle.length) {
      const connection = idle.pop()!;
      cm.connections[uuid] = connection;
      return connection;
    }
    return getConnection(options);
  };

  cm.releaseConnection = (connection, force) => {
    if (connection.uuid && connection.uuid !== 'default' && force !== true && !closing && idle.length < MAX_IDLE) {
      delete cm.connections[connection.uuid];
      idle.push(connection);
      return;
    }
    releaseConnection(connection, force);
  };

  cm._onProcessExit = async () => {
    closing = true;
    await Promise.all(idle.splice(0).map((c) => new Promise<void>((resolve) => c.close(() => resolve()))));
    return onProcessExit();
  };
}
