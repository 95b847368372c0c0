// The worker PROCESS (src/main.ts under tsx) against real Redis, MariaDB and an SMTP server:
// jobs enqueued through BullMQ are processed; a failing job is retried with backoff and logged;
// SIGTERM in the middle of a job neither loses nor duplicates work.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBullmqJobQueue, type JobQueue } from '@mdsc/jobs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipients, startSmtpSink, type SmtpSink } from '../../api/src/testing/smtp-sink';

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-worker-${run}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const addr = (name: string) => `${name}-${run}@worker.test`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// SMTP behaviours keyed by the local part: "flaky" refuses the first two attempts (451, temporary),
// "slow" takes its time to accept the message body.
const rcptAttempts = new Map<string, number[]>();
const dataStarted = new Map<string, number>();
let smtp: SmtpSink;
let redis: Redis;
let jobs: JobQueue;

interface RunningWorker {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}
const started: RunningWorker[] = [];

async function startWorker(): Promise<RunningWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: WORKER_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      SMTP_URL: smtp.url,
      WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'info',
      DATA_DIR: path.join(os.tmpdir(), `mdsc-worker-${run}`),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const w = { child, logs, exited };
  started.push(w);
  await waitUntil(() => logs.some((l) => l.msg === 'worker ready'), 30_000, 'worker ready');
  return w;
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const mail = (to: string, jobId: string) =>
  jobs.enqueue('mail', 'send-mail', { to, locale: 'fr', template: 'welcome', data: { name: 'Koffi' } }, { jobId });

beforeAll(async () => {
  smtp = await startSmtpSink({
    onRcptTo(address, _session, cb) {
      const to = address.address.toLowerCase();
      const tries = [...(rcptAttempts.get(to) ?? []), Date.now()];
      rcptAttempts.set(to, tries);
      if (to.startsWith('flaky-') && tries.length <= 2) {
        const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const slow = to.some((t) => t.startsWith('slow-'));
        if (slow) to.forEach((t) => dataStarted.set(t, Date.now()));
        // Hand the raw message to the sink's parser after the delay.
        setTimeout(
          () => {
            void import('mailparser').then(({ simpleParser }) =>
              simpleParser(Buffer.concat(chunks)).then((m) => {
                smtp.mails.push(m);
                cb();
              }, cb),
            );
          },
          slow ? 2500 : 0,
        );
      });
    },
  });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  jobs = createBullmqJobQueue(redis, PREFIX);
});

afterAll(async () => {
  for (const w of started) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await jobs?.close();
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await smtp?.close();
});

describe('worker process', () => {
  it('processes mail jobs enqueued through BullMQ and delivers them over SMTP', async () => {
    const w = await startWorker();
    await mail(addr('ok'), `ok-${run}`);
    const m = await smtp.waitFor(addr('ok'), /Bienvenue/);
    expect(m.text).toContain('Bonjour Koffi,');
    expect(m.html).toContain('MdSC MOOC');
    await waitUntil(() => w.logs.some((l) => l.msg === 'mail sent'), 5000, 'mail sent log');

    // A failing job: refused twice by the SMTP server, retried with exponential backoff (1 s, 2 s).
    const flaky = addr('flaky');
    await mail(flaky, `flaky-${run}`);
    await smtp.waitFor(flaky, /Bienvenue/, 20_000);
    const tries = rcptAttempts.get(flaky)!;
    expect(tries).toHaveLength(3);
    expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(900);
    expect(tries[2] - tries[1]).toBeGreaterThanOrEqual(1900);
    const failures = w.logs.filter((l) => l.msg === 'job failed' && l.id === `flaky-${run}`);
    expect(failures.map((l) => l.attemptsMade)).toEqual([1, 2]);
    expect(JSON.stringify(failures[0].err)).toContain('Mailbox busy');
    expect(smtp.to(flaky)).toHaveLength(1);

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });

  it('SIGTERM during a job finishes it, leaves the others queued, and nothing runs twice', async () => {
    const first = await startWorker();
    const slow = [addr('slow-a'), addr('slow-b'), addr('slow-c')];
    for (const [i, to] of slow.entries()) await mail(to, `slow-${i}-${run}`);

    // The first job is in the middle of its SMTP transaction: stop the worker now.
    await waitUntil(() => dataStarted.has(slow[0]), 15_000, 'first slow job to start');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.logs.some((l) => l.msg === 'worker stopped')).toBe(true);

    // The running job was finished before exit; the others were not started.
    expect(smtp.to(slow[0])).toHaveLength(1);
    expect(smtp.to(slow[1])).toHaveLength(0);
    const queue = new Queue('mail', { connection: redis, prefix: PREFIX });
    expect(await queue.getJobState(`slow-1-${run}`)).toBe('waiting');
    expect(await queue.getJobState(`slow-2-${run}`)).toBe('waiting');
    expect(await queue.getActiveCount()).toBe(0);

    // A new worker picks up what was left, and only that.
    const second = await startWorker();
    await smtp.waitFor(slow[1], /Bienvenue/, 20_000);
    await smtp.waitFor(slow[2], /Bienvenue/, 20_000);
    await sleep(1000);
    for (const to of slow) expect(smtp.mails.filter((m) => recipients(m).includes(to))).toHaveLength(1);
    expect(await queue.getJobState(`slow-0-${run}`)).toBe('completed');
    await queue.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
