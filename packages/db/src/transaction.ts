// Transactions that the database may abort because of concurrency (a deadlock, a lock wait that
// timed out, SQLite's busy database) are safe to run again from the start: the database rolled
// everything back. `withTransaction` does that, a bounded number of times with jittered backoff.
import type { Transaction } from 'sequelize';
import type { Database } from './client';

export type RetryableLockKind = 'deadlock' | 'lock_wait_timeout' | 'busy';

interface DriverError {
  errno?: number;
  code?: string;
}

/**
 * Why the database aborted `err`'s transaction, when running it again may succeed: MySQL/MariaDB
 * ER_LOCK_DEADLOCK (1213) and ER_LOCK_WAIT_TIMEOUT (1205), SQLite SQLITE_BUSY / SQLITE_LOCKED.
 * Looks through Sequelize's wrapper (`parent` / `original`) and `cause` chains.
 */
export function retryableLockKind(err: unknown): RetryableLockKind | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const d = e as DriverError & { parent?: unknown; original?: unknown; cause?: unknown };
    if (d.errno === 1213 || d.code === 'ER_LOCK_DEADLOCK') return 'deadlock';
    if (d.errno === 1205 || d.code === 'ER_LOCK_WAIT_TIMEOUT') return 'lock_wait_timeout';
    if (typeof d.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(d.code)) return 'busy';
    queue.push(d.parent, d.original, d.cause);
  }
  return null;
}

export interface TransactionLogger {
  warn(obj: unknown, msg?: string): void;
}

export interface WithTransactionOptions {
  /** Runs after the first one when the database aborted it for a retryable reason; default 4. */
  retries?: number;
  /** First backoff ceiling in ms, doubled each retry (full jitter: a random wait up to it); default 20. */
  baseDelayMs?: number;
  /** Backoff ceiling in ms; default 500. */
  maxDelayMs?: number;
  isolationLevel?: Transaction.ISOLATION_LEVELS;
  /** Names the transaction in logs (`enroll`, `quiz.submit`, …). */
  name?: string;
  /** Where retries are reported; default console. */
  logger?: TransactionLogger;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` in a managed transaction and runs it again when the database aborted it for a
 * concurrency reason (see `retryableLockKind`). `fn` may run several times, so it must keep its
 * effects inside the transaction (rows, `afterCommit` hooks) and build any collected state afresh
 * on each call. Never call it inside another transaction: only the outermost one can be retried.
 */
export async function withTransaction<T>(
  db: Database,
  fn: (tx: Transaction) => Promise<T>,
  opts: WithTransactionOptions = {},
): Promise<T> {
  const retries = Math.max(0, opts.retries ?? 4);
  const base = opts.baseDelayMs ?? 20;
  const cap = opts.maxDelayMs ?? 500;
  const txOptions = opts.isolationLevel ? { isolationLevel: opts.isolationLevel } : {};
  const logger = opts.logger ?? console;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.sequelize.transaction(txOptions, fn);
    } catch (err) {
      const kind = retryableLockKind(err);
      if (!kind) throw err;
      if (attempt > retries) {
        logger.warn(
          { transaction: opts.name, kind, attempts: attempt },
          'transaction aborted by the database, giving up',
        );
        throw err;
      }
      // Full jitter: concurrent losers of the same deadlock spread out instead of colliding again.
      const delayMs = Math.floor(Math.random() * Math.min(cap, base * 2 ** (attempt - 1))) + 1;
      logger.warn(
        { transaction: opts.name, kind, attempt, delayMs },
        'transaction aborted by the database, retrying',
      );
      await sleep(delayMs);
    }
  }
}
