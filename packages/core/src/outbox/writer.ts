// The transactional outbox, writing side: an effect that must follow a commit (job, mail, live
// event) is a row of `outbox` inserted in the transaction of the fact. It exists exactly when the
// fact does: a rollback leaves no row, a crash after the commit leaves the row for the relay.
import { OutboxMessage, sqlInsert, type SqlParam } from '@mdsc/db';
import { parsePayload, type JobName, type JobPayload, type QueueName } from '@mdsc/jobs';
import type { Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import type { UserEvent } from '../notifications/bus';
import { relayOutbox } from './relay';

type WriterDeps = Partial<Pick<CoreDeps, 'db' | 'logger' | 'jobs' | 'events' | 'relay'>>;

/** One job for the outbox: a union over every (queue, job name) pair, each with its payload type. */
export type OutboxJobInput = {
  [Q in QueueName]: {
    [N in JobName<Q>]: {
      queue: Q;
      name: N;
      payload: JobPayload<Q, N>;
      /** Deterministic id (dedupe in BullMQ). Default: `outbox-<row id>`, unique per row. */
      jobId?: string;
    };
  }[JobName<Q>];
}[QueueName];

/** Ids written per transaction, relayed once it commits. */
const pending = new WeakMap<Transaction, number[]>();

/**
 * After the commit, relays this transaction's rows at once (low latency); the relay's poll loop is
 * the safety net when this fails or the process dies first. Never throws: the fact is committed.
 */
function relayAfterCommit(deps: WriterDeps, tx: Transaction, ids: number[]): void {
  if (pending.has(tx)) {
    pending.get(tx)!.push(...ids);
    return;
  }
  const all = [...ids];
  pending.set(tx, all);
  const failed = (err: unknown) => deps.logger?.error({ err }, 'outbox: relay after commit failed (the poller will retry)');
  tx.afterCommit(async () => {
    // The process's relay works in the background: the request does not wait for its pass, which
    // under load queues for a pool connection behind every other request (issue 18: that wait
    // made a burst of submissions all answer at the end). Without one (tests, scripts), the rows
    // are relayed before the caller goes on.
    if (deps.relay) return void deps.relay.afterCommit(all).catch(failed);
    try {
      if (deps.db && deps.jobs) await relayOutbox(deps as RelayableDeps, { ids: all });
    } catch (err) {
      failed(err);
    }
  });
}

type RelayableDeps = Pick<CoreDeps, 'db' | 'jobs' | 'logger'> & Partial<Pick<CoreDeps, 'events'>>;

/**
 * Writes jobs to the outbox in `tx`. Payloads are checked against their schema now, so a bad one
 * fails the transaction (and the fact) instead of failing later in the relay.
 */
export async function outboxJobs(
  deps: WriterDeps,
  tx: Transaction,
  jobs: OutboxJobInput[],
): Promise<number[]> {
  if (jobs.length === 0) return [];
  const rows = jobs.map((j) => ({
    kind: 'job' as const,
    queue: j.queue,
    jobName: j.name,
    jobId: j.jobId ?? null,
    payload: parsePayload(j.queue, j.name, j.payload),
  }));
  const ids = await insertRows(tx, rows);
  relayAfterCommit(deps, tx, ids);
  return ids;
}

type OutboxRow = Pick<OutboxMessage, 'kind' | 'queue' | 'jobName' | 'jobId' | 'payload'>;

const INSERT_OUTBOX = 'INSERT INTO outbox (kind, queue, job_name, job_id, payload, created_at) VALUES ';
const ROW = '(?, ?, ?, ?, ?, ?)';

/**
 * Plain INSERTs (no model instances: every quiz submission writes here). One multi-row INSERT on
 * MariaDB/MySQL (one round trip whatever the number of rows; the ids are consecutive from the
 * statement's insert id, InnoDB's default auto-increment lock mode); one INSERT per row on
 * SQLite, whose driver reports only the last id.
 */
async function insertRows(tx: Transaction, rows: OutboxRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const target = { sequelize: OutboxMessage.sequelize! };
  const createdAt = new Date();
  const values = (r: OutboxRow): SqlParam[] => [r.kind, r.queue, r.jobName, r.jobId, r.payload == null ? null : JSON.stringify(r.payload), createdAt];
  if (target.sequelize.getDialect() === 'mysql') {
    const first = await sqlInsert(target, INSERT_OUTBOX + rows.map(() => ROW).join(', '), rows.flatMap(values), tx);
    return rows.map((_, i) => first + i);
  }
  const ids: number[] = [];
  for (const row of rows) ids.push(await sqlInsert(target, INSERT_OUTBOX + ROW, values(row), tx));
  return ids;
}

/**
 * Live events and jobs of one transaction written together, in one statement (see insertRows):
 * for hot paths that produce both (a notification's push and the learning events of a quiz).
 */
export async function outboxWrite(
  deps: WriterDeps,
  tx: Transaction,
  items: { live?: UserEvent[]; jobs?: OutboxJobInput[] },
): Promise<number[]> {
  const live = items.live ?? [];
  const rows: OutboxRow[] = [];
  for (let i = 0; i < live.length; i += LIVE_CHUNK) {
    rows.push({ kind: 'live', queue: null, jobName: null, jobId: null, payload: live.slice(i, i + LIVE_CHUNK) });
  }
  for (const j of items.jobs ?? []) {
    rows.push({ kind: 'job', queue: j.queue, jobName: j.name, jobId: j.jobId ?? null, payload: parsePayload(j.queue, j.name, j.payload) });
  }
  const ids = await insertRows(tx, rows);
  if (ids.length) relayAfterCommit(deps, tx, ids);
  return ids;
}

export async function outboxJob<Q extends QueueName, N extends JobName<Q>>(
  deps: WriterDeps,
  tx: Transaction,
  queue: Q,
  name: N,
  payload: JobPayload<Q, N>,
  jobId?: string,
): Promise<number> {
  const [id] = await outboxJobs(deps, tx, [{ queue, name, payload, jobId } as unknown as OutboxJobInput]);
  return id;
}

const LIVE_CHUNK = 500;

/** Live events (notification pushes, read marks) to publish once `tx` commits. */
export async function outboxLive(deps: WriterDeps, tx: Transaction, items: UserEvent[]): Promise<void> {
  const rows: OutboxRow[] = [];
  for (let i = 0; i < items.length; i += LIVE_CHUNK) {
    rows.push({ kind: 'live', queue: null, jobName: null, jobId: null, payload: items.slice(i, i + LIVE_CHUNK) });
  }
  // One row per chunk, each its own statement: a broadcast's rows stay below the packet size.
  const ids: number[] = [];
  for (const row of rows) ids.push(...(await insertRows(tx, [row])));
  if (ids.length) relayAfterCommit(deps, tx, ids);
}

/**
 * Runs `fn` in `tx` when there is one, else in a transaction of its own: the write and its outbox
 * rows always commit together.
 */
export async function withOutboxTransaction<T>(
  tx: Transaction | null | undefined,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (tx) return fn(tx);
  // The models' own Sequelize instance: callers with narrow deps (no `db`) can use this too.
  return OutboxMessage.sequelize!.transaction(fn);
}
