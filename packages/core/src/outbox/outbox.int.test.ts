// The transactional outbox on real MariaDB + Redis (BullMQ) + a real SMTP server: rows exist exactly
// when their fact does, the relay hands each row over once even with several relays and a crash
// between the enqueue and the sent mark, and a mail row is delivered once however often it is relayed.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Category, createDatabase, OutboxMessage, type Database } from '@mdsc/db';
import { createBullmqJobQueue, type JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { Redis } from 'ioredis';
import { Op } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipients, startSmtpSink, type SmtpSink } from '../../../../apps/api/src/testing/smtp-sink';
import type { CoreDeps } from '../deps';
import { createMailer } from '../mail/mailer';
import { sendTemplatedMail } from '../mail/send-mail';
import { createMemoryEventBus, type LiveEvent } from '../notifications/bus';
import { relayOutbox } from './relay';
import { outboxJob, outboxLive } from './writer';

const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-outbox-${run}`;
const silent = { info() {}, warn() {}, error() {} };

let db: Database;
let redis: Redis;
let bull: ReturnType<typeof createBullmqJobQueue>;
let smtp: SmtpSink;
let seq = 0;

/** Deps whose relay does nothing after commit: the process "died" before relaying. */
function deps(jobs: JobQueue = bull, extra: Partial<CoreDeps> = {}): CoreDeps {
  return {
    db,
    clock: { now: () => new Date() },
    logger: silent,
    jobs,
    storage: createLocalStorage({ root: os.tmpdir() }),
    config: { publicUrl: 'http://app.mdsc.test', timezone: 'Africa/Porto-Novo', dataDir: os.tmpdir() },
    relay: { afterCommit: async () => {} },
    ...extra,
  };
}

const uid = (what: string) => `${what}-${run}-${++seq}`;
const rowsWithJobId = (jobId: string) => OutboxMessage.findAll({ where: { jobId } });
const bullJob = (jobId: string) => bull.queues.get('maintenance')!.getJob(jobId);

beforeAll(async () => {
  db = createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 20 } });
  redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  bull = createBullmqJobQueue(redis, PREFIX);
  smtp = await startSmtpSink();
});

afterAll(async () => {
  await bull.close();
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await smtp.close();
  await db.close();
});

describe('outbox writer', () => {
  it('writes the row in the transaction of the fact: invisible to a relay before the commit, relayed after it', async () => {
    const jobId = uid('purge');
    const name = uid('Cat');
    // The real path: no relay hook, so the writer relays its own rows right after the commit.
    const d = deps(bull, { relay: undefined });
    let relayedDuringTx = -1;
    await db.sequelize.transaction(async (tx) => {
      await Category.create({ name, color: '#123456' }, { transaction: tx });
      await outboxJob(d, tx, 'maintenance', 'purge-expired', {}, jobId);
      // Another connection's relay pass, while the fact is not committed yet.
      relayedDuringTx = (await relayOutbox(d, {})).sent;
      expect(await bullJob(jobId)).toBeUndefined();
    });
    expect(relayedDuringTx).toBeGreaterThanOrEqual(0);
    const [row] = await rowsWithJobId(jobId);
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect((await bullJob(jobId))?.name).toBe('purge-expired');
    expect(await Category.count({ where: { name } })).toBe(1);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const jobId = uid('purge');
    const name = uid('Cat');
    await expect(
      db.sequelize.transaction(async (tx) => {
        await Category.create({ name, color: '#123456' }, { transaction: tx });
        await outboxJob(deps(bull, { relay: undefined }), tx, 'maintenance', 'purge-expired', {}, jobId);
        throw new Error('the fact fails after its effect was written');
      }),
    ).rejects.toThrow(/fact fails/);
    expect(await rowsWithJobId(jobId)).toHaveLength(0);
    expect(await Category.count({ where: { name } })).toBe(0);
    await relayOutbox(deps(), {});
    expect(await bullJob(jobId)).toBeUndefined();
  });

  it('refuses a payload that does not fit its job, failing the transaction (nothing written)', async () => {
    const name = uid('Cat');
    await expect(
      db.sequelize.transaction(async (tx) => {
        await Category.create({ name, color: '#123456' }, { transaction: tx });
        await outboxJob(deps(), tx, 'certificates', 'render-certificate', { certificateId: -3 });
      }),
    ).rejects.toThrow(/certificateId/);
    expect(await Category.count({ where: { name } })).toBe(0);
  });

  it('publishes live events only once the transaction committed', async () => {
    const events = createMemoryEventBus();
    const d = deps(bull, { events, relay: undefined });
    const ac = new AbortController();
    const userId = 900_000 + seq++;
    const seen: LiveEvent[] = [];
    const it = (await events.subscribe(userId, ac.signal))[Symbol.asyncIterator]();
    const next = it.next().then((r) => r.value && seen.push(r.value));
    await db.sequelize.transaction(async (tx) => {
      await outboxLive(d, tx, [{ userId, event: { kind: 'read', ids: 'all' } }]);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(0);
    });
    await next;
    expect(seen).toEqual([{ kind: 'read', ids: 'all' }]);
    ac.abort();
  });
});

describe('outbox relay', () => {
  it('crashing between the enqueue and the sent mark relays the row again, and BullMQ holds one job', async () => {
    const jobId = uid('crash');
    await db.sequelize.transaction((tx) => outboxJob(deps(), tx, 'maintenance', 'purge-expired', {}, jobId));
    const [row] = await rowsWithJobId(jobId);
    expect(row.sentAt).toBeNull();

    await expect(
      relayOutbox(deps(), {
        ids: [row.id],
        beforeMarkSent: () => {
          throw new Error('process died here');
        },
      }),
    ).rejects.toThrow(/died/);
    await row.reload();
    expect(row.sentAt).toBeNull(); // the claim rolled back with the "crash"
    expect(await bullJob(jobId)).toBeDefined(); // but the job was added

    expect((await relayOutbox(deps(), { ids: [row.id] })).sent).toBe(1);
    await row.reload();
    expect(row.sentAt).not.toBeNull();
    const q = bull.queues.get('maintenance')!;
    const all = await q.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
    expect(all.filter((j) => j.id === jobId)).toHaveLength(1);
    expect(await q.getWaitingCount()).toBeGreaterThanOrEqual(1);
  });

  it('three relays at once hand every row over exactly once (SELECT … FOR UPDATE SKIP LOCKED)', async () => {
    const ids = Array.from({ length: 60 }, () => uid('many'));
    await db.sequelize.transaction(async (tx) => {
      for (const id of ids) await outboxJob(deps(), tx, 'maintenance', 'purge-expired', {}, id);
    });
    const counts = new Map<string, number>();
    // A slow queue: passes overlap for certain.
    const counting: JobQueue = {
      driver: 'bullmq',
      async enqueue(_q, _n, _p, opts) {
        await new Promise((r) => setTimeout(r, 5));
        counts.set(opts!.jobId!, (counts.get(opts!.jobId!) ?? 0) + 1);
      },
      async close() {},
    };
    const rows = await OutboxMessage.findAll({ attributes: ['id'], where: { jobId: { [Op.in]: ids } } });
    const rowIds = rows.map((r) => r.id);
    const results = await Promise.all(
      [1, 2, 3].map(() => relayOutbox(deps(counting), { ids: rowIds, limit: 25 })),
    );
    // Whatever a pass skipped (locked by another) is still unsent: relay until done.
    while ((await OutboxMessage.count({ where: { id: { [Op.in]: rowIds }, sentAt: null } })) > 0) {
      await relayOutbox(deps(counting), { ids: rowIds });
    }
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(2); // they did share the work
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('stops when the queue is down, records the error, and relays the row once it is back', async () => {
    const jobId = uid('down');
    await db.sequelize.transaction((tx) => outboxJob(deps(), tx, 'maintenance', 'purge-expired', {}, jobId));
    const [row] = await rowsWithJobId(jobId);
    const down: JobQueue = {
      driver: 'bullmq',
      enqueue: () => new Promise(() => {}), // Redis unreachable: the add never answers
      async close() {},
    };
    const r = await relayOutbox(deps(down), { ids: [row.id], timeoutMs: 200 });
    expect(r).toMatchObject({ sent: 0, failed: 1 });
    await row.reload();
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/no answer from the queue/);

    expect((await relayOutbox(deps(), { ids: [row.id] })).sent).toBe(1);
    expect(await bullJob(jobId)).toBeDefined();
  });
});

describe('mail sent-mark', () => {
  it('delivers an outbox mail once however many jobs carry it, and clears its payload', async () => {
    const to = `${uid('mark')}@outbox.test`;
    const payload = {
      to,
      locale: 'fr' as const,
      template: 'password-reset' as const,
      data: { name: 'Awa', url: 'http://app.mdsc.test/reset-password?token=secret-token-value' },
    };
    const id = await db.sequelize.transaction((tx) => outboxJob(deps(), tx, 'mail', 'send-mail', payload));
    const mailer = createMailer({
      mail: { smtpUrl: smtp.url, from: 'MdSC <no-reply@mdsc.test>' },
      dataDir: os.tmpdir(),
    });
    const d = deps();
    // Five deliveries at once: the relay ran twice, the sweep re-sent it, BullMQ retried a stall…
    const results = await Promise.all(
      Array.from({ length: 5 }, () => sendTemplatedMail(d, mailer, { ...payload, outboxId: id })),
    );
    expect(results.filter((r) => r.messageId).length).toBe(1);
    expect(results.filter((r) => r.skipped === 'already_delivered').length).toBe(4);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.filter((m) => recipients(m).includes(to))).toHaveLength(1);
    const row = await OutboxMessage.findByPk(id);
    expect(row!.deliveredAt).not.toBeNull();
    expect(row!.payload).toBeNull(); // the single-use link is gone from the database
  });
});
