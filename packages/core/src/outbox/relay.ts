// The transactional outbox, relaying side: claims unsent rows, hands them to the job queue (with
// their deterministic job ids) or the live bus, then stamps them sent. A crash at any point before
// the stamp commits leaves the row unsent, so it is relayed again; the job id makes that second
// add a no-op while the first job exists, and processors are idempotent for the rest.
import { OutboxMessage, sqlRows, sqlRun } from '@mdsc/db';
import { QUEUE_NAMES, type QueueName } from '@mdsc/jobs';
import { Op, QueryTypes, Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import type { UserEvent } from '../notifications/bus';

export type RelayDeps = Pick<CoreDeps, 'db' | 'jobs' | 'logger'> & Partial<Pick<CoreDeps, 'events'>>;

interface ClaimedRow {
  id: number;
  kind: 'job' | 'live';
  queue: string | null;
  job_name: string | null;
  job_id: string | null;
  payload: unknown;
}

export interface RelayOptions {
  /** Only these rows (the ones a transaction just committed); default: the oldest unsent rows. */
  ids?: number[];
  limit?: number;
  /** A queue that does not answer within this time counts as down: the pass stops. */
  timeoutMs?: number;
  /** Test hook: runs after the rows were handed over, before they are stamped sent. */
  beforeMarkSent?: (ids: number[]) => void | Promise<void>;
}

export interface RelayResult {
  sent: number;
  /** Rows tried and not handed over (their attempts and last_error were updated). */
  failed: number;
  /** True when the pass was full: more rows may be waiting. */
  more: boolean;
}

const DEFAULT_LIMIT = 200;
const DEFAULT_TIMEOUT_MS = 5000;

/** The default job id of a row written without one: unique per row, stable across relays. */
export const outboxJobId = (rowId: number) => `outbox-${rowId}`;

const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`outbox: no answer from the queue within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function deliver(deps: RelayDeps, row: ClaimedRow): Promise<void> {
  const payload = parseJson(row.payload);
  if (row.kind === 'live') {
    // No live bus (tests, scripts): nobody can be listening, nothing to deliver.
    await deps.events?.publish(payload as UserEvent[]);
    return;
  }
  const queue = row.queue as QueueName;
  if (!QUEUE_NAMES.includes(queue) || !row.job_name) throw new PoisonRowError(`unknown queue ${row.queue}`);
  const isMail = queue === 'mail';
  await deps.jobs.enqueue(
    queue,
    row.job_name as never,
    // Mails carry their row id: the row's delivered_at is the sent-mark the mail job checks.
    (isMail ? { ...(payload as object), outboxId: Number(row.id) } : payload) as never,
    {
      jobId: row.job_id ?? outboxJobId(Number(row.id)),
      // Mails hold addresses and single-use links: gone from Redis once delivered.
      ...(isMail ? { removeOnComplete: true } : {}),
    },
  );
}

/** A row that can never be relayed (unknown queue after a downgrade…): stamped so it stops blocking. */
class PoisonRowError extends Error {}

const isPoison = (err: unknown) =>
  err instanceof PoisonRowError ||
  (err as Error)?.name === 'ZodError' ||
  /^Unknown job /.test((err as Error)?.message ?? '');

/** Serialises passes in this process on SQLite (no SKIP LOCKED; one process owns the file). */
let sqliteChain: Promise<unknown> = Promise.resolve();

/**
 * One relay pass. MariaDB/MySQL: the rows are claimed with SELECT … FOR UPDATE SKIP LOCKED in a
 * READ COMMITTED transaction (no gap locks, so request transactions inserting rows never wait),
 * so several relays (API processes, workers) share the work without taking a row twice.
 */
export async function relayOutbox(deps: RelayDeps, opts: RelayOptions = {}): Promise<RelayResult> {
  if (opts.ids && opts.ids.length === 0) return { sent: 0, failed: 0, more: false };
  if (deps.db.dialect === 'sqlite') {
    const run = sqliteChain.then(() => relaySqlite(deps, opts));
    sqliteChain = run.catch(() => undefined);
    return run;
  }
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return deps.db.sequelize.transaction(
    { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED },
    async (tx) => {
      // Plain statements: after each burst of commits (a class submitting its exam) this runs often.
      const rows = await sqlRows<ClaimedRow>(
        deps.db,
        `SELECT id, kind, queue, job_name, job_id, payload FROM outbox
          WHERE sent_at IS NULL${opts.ids ? ' AND id IN (?)' : ''}
          ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
        opts.ids ? [opts.ids, limit] : [limit],
        tx,
      );
      return handOver(deps, rows, limit, opts, tx);
    },
  );
}

async function relaySqlite(deps: RelayDeps, opts: RelayOptions): Promise<RelayResult> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const rows = await deps.db.sequelize.query<ClaimedRow>(
    `SELECT id, kind, queue, job_name, job_id, payload FROM outbox
      WHERE sent_at IS NULL${opts.ids ? ' AND id IN (:ids)' : ''} ORDER BY id LIMIT :limit`,
    { replacements: { ids: opts.ids ?? [], limit }, type: QueryTypes.SELECT },
  );
  return handOver(deps, rows, limit, opts);
}

async function handOver(
  deps: RelayDeps,
  rows: ClaimedRow[],
  limit: number,
  opts: RelayOptions,
  tx?: Transaction,
): Promise<RelayResult> {
  const sent: number[] = [];
  let failure: { id: number; err: unknown; poison: boolean } | null = null;
  for (const row of rows) {
    try {
      await withTimeout(deliver(deps, row), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      sent.push(Number(row.id));
    } catch (err) {
      failure = { id: Number(row.id), err, poison: isPoison(err) };
      // Queue or bus down: the next rows would fail the same way, each after a timeout.
      if (!failure.poison) break;
      deps.logger.error(
        { err, outboxId: row.id, queue: row.queue, job: row.job_name },
        'outbox: row cannot be relayed',
      );
      await OutboxMessage.update(
        {
          sentAt: new Date(),
          lastError: `unrelayable: ${String((err as Error)?.message ?? err)}`.slice(0, 1000),
        },
        { where: { id: row.id }, transaction: tx },
      );
      failure = null;
    }
  }
  if (opts.beforeMarkSent) await opts.beforeMarkSent(sent);
  if (sent.length) {
    await sqlRun(deps.db, 'UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id IN (?)', [new Date(), sent], tx);
  }
  if (failure) {
    deps.logger.warn({ err: failure.err, outboxId: failure.id }, 'outbox: relay failed, will retry');
    await OutboxMessage.update(
      {
        attempts: deps.db.sequelize.literal('attempts + 1') as unknown as number,
        lastError: String((failure.err as Error)?.message ?? failure.err).slice(0, 1000),
      },
      { where: { id: failure.id }, transaction: tx },
    );
  }
  return { sent: sent.length, failed: failure ? 1 : 0, more: rows.length === limit && !failure };
}

export interface OutboxRelay {
  /** Relays the rows a transaction just committed (awaited by the commit: low latency). */
  afterCommit(ids: number[]): Promise<void>;
  /** Relays until nothing is left (or the queue is down). */
  drain(): Promise<RelayResult>;
  start(): void;
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  /** Safety-net poll: rows whose immediate relay failed or whose process died. */
  pollMs: number;
  limit?: number;
  timeoutMs?: number;
}

/** The relay of one process: immediate after each commit, and a poll loop as the safety net. */
export function createOutboxRelay(deps: RelayDeps, opts: OutboxRelayOptions): OutboxRelay {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RelayResult> | null = null;
  const base = { limit: opts.limit, timeoutMs: opts.timeoutMs };

  async function drain(): Promise<RelayResult> {
    const total: RelayResult = { sent: 0, failed: 0, more: false };
    for (;;) {
      const r = await relayOutbox(deps, base);
      total.sent += r.sent;
      total.failed += r.failed;
      if (!r.more) return total;
    }
  }

  function tick() {
    if (running) return;
    running = drain()
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'outbox: relay pass failed');
        return { sent: 0, failed: 0, more: false };
      })
      .finally(() => {
        running = null;
      });
  }

  // Commits arriving while a relay transaction runs are relayed together by the next one: under a
  // burst (a class submitting its exam), one relay transaction per batch instead of one per
  // commit; each caller's promise settles with the pass that carries its rows.
  const limit = opts.limit ?? DEFAULT_LIMIT;
  let queued: number[] = [];
  let waiting: { resolve(): void; reject(err: unknown): void }[] = [];
  let pumping: Promise<void> | null = null;
  async function pump(): Promise<void> {
    while (waiting.length) {
      const ids = queued;
      const waiters = waiting;
      queued = [];
      waiting = [];
      try {
        for (let i = 0; i < ids.length; i += limit) await relayOutbox(deps, { ...base, ids: ids.slice(i, i + limit) });
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    pumping = null;
  }

  return {
    afterCommit(ids) {
      // Big broadcasts: the first rows now, the rest by the poll loop (the request does not wait).
      queued.push(...ids.slice(0, limit));
      const done = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      // Callers need not await `done` (the writer does not): stop() waits for the pass in flight.
      if (!pumping) pumping = pump();
      return done;
    },
    drain,
    start() {
      if (timer) return;
      timer = setInterval(tick, opts.pollMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await pumping;
    },
  };
}

/** Purges rows stamped sent more than `retentionMs` ago (maintenance). */
export async function purgeSentOutbox(deps: Pick<CoreDeps, 'clock'>, retentionMs: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionMs);
  return OutboxMessage.destroy({ where: { sentAt: { [Op.lt]: cutoff } } });
}
