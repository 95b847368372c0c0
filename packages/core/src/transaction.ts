// The one way services open a transaction: retried when the database aborts it for a concurrency
// reason (deadlock, lock wait timeout, SQLite busy), the retries logged with the service's logger.
import { withTransaction, type WithTransactionOptions } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from './deps';

/** Services pass their own deps (often a narrower Pick): the logger is used when present. */
export type TransactDeps = Pick<CoreDeps, 'db'> & Partial<Pick<CoreDeps, 'logger'>>;

/**
 * Runs `fn` in a transaction, again when the database aborted it (see `withTransaction` in
 * @mdsc/db). `fn` may run more than once: effects go inside the transaction, and anything it
 * collects is created inside `fn`, never carried over from an aborted attempt.
 */
export function transact<T>(
  deps: TransactDeps,
  name: string,
  fn: (tx: Transaction) => Promise<T>,
  opts: Omit<WithTransactionOptions, 'name' | 'logger'> = {},
): Promise<T> {
  return withTransaction(deps.db, fn, { ...opts, name, logger: deps.logger });
}
