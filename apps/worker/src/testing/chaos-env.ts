// What every chaos test starts from: the test database, Redis under the test's own prefix, a real
// SMTP server, a data folder and the process harness (testing/processes.ts) wired to all of them;
// `close()` kills what still runs and removes all of it (the prefix's keys, the folder).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '@mdsc/db';
import { Redis } from 'ioredis';
import { startSmtpSink, type SmtpSink } from '../../../api/src/testing/smtp-sink';
import { processHarness } from './processes';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ChaosEnv {
  db: Database;
  redis: Redis;
  smtp: SmtpSink;
  dataDir: string;
  procs: ReturnType<typeof processHarness>;
  /** Kills the processes, closes `extra` (queues, fakes) first, then everything above. */
  close(...extra: { close(): Promise<unknown> }[]): Promise<void>;
}

export async function chaosEnvironment(opts: {
  /** Redis key prefix, also the data folder's name. */
  prefix: string;
  publicUrl: string;
  pool: number;
  /** Added to every process's environment; given the data folder. */
  env?: (dataDir: string) => Promise<Record<string, string>> | Record<string, string>;
}): Promise<ChaosEnv> {
  const db = createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: opts.pool } });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const smtp = await startSmtpSink();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `${opts.prefix}-`));
  const procs = processHarness({
    redisUrl: REDIS_URL,
    prefix: opts.prefix,
    publicUrl: opts.publicUrl,
    dataDir,
    smtpUrl: smtp.url,
    env: await opts.env?.(dataDir),
  });
  async function close(...extra: { close(): Promise<unknown> }[]) {
    procs.killAll();
    for (const e of extra) await e.close();
    const keys = await redis.keys(`${opts.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await smtp.close();
    await db.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return { db, redis, smtp, dataDir, procs, close };
}
