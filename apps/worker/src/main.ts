// The worker process: one BullMQ Worker per queue running the shared processors.
import path from 'node:path';
import { createLogger, createOutboxRelay, createRedisEventBus, resolveFfmpeg, systemClock, type CoreDeps } from '@mdsc/core';
import { createDatabase } from '@mdsc/db';
import { createBullmqJobQueue, DEFAULT_JOB_OPTIONS, QUEUE_NAMES } from '@mdsc/jobs';
import { createStorageFromConfig, storageConfigFromEnv } from '@mdsc/storage';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createProcessors, SCHEDULES } from './index';
import { loadEnv } from './env';

let env;
try {
  env = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = createLogger('worker', env.LOG_LEVEL);
const db = createDatabase({ url: env.DATABASE_URL, logging: false });
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const jobs = createBullmqJobQueue(connection, env.REDIS_PREFIX);
const config = {
  publicUrl: env.PUBLIC_URL,
  timezone: env.PLATFORM_TIMEZONE,
  dataDir: env.DATA_DIR,
  mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
  ffmpegPath: await resolveFfmpeg(env.FFMPEG_PATH, env.PATH),
};
if (!config.ffmpegPath) logger.info('ffmpeg not found: video renditions (low-data mode) will be skipped');
const storage = await createStorageFromConfig(storageConfigFromEnv(env, path.join(env.DATA_DIR, 'uploads')));
// Notifications created by jobs (badges, certificates…) reach the web apps through Redis pub/sub.
const events = createRedisEventBus({
  publisher: connection,
  createSubscriber: () => connection.duplicate(),
  prefix: env.REDIS_PREFIX,
  onError: (err) => logger.error({ err }, 'live events (redis)'),
});
const deps: CoreDeps = { db, clock: systemClock, logger, jobs, storage, config, events };
// Jobs write their follow-ups (badges, notifications, mails) to the outbox; this process relays
// them after each commit and polls for rows whose relay was interrupted (any process's).
const relay = createOutboxRelay(deps, { pollMs: env.OUTBOX_POLL_MS });
deps.relay = relay;
const processors = createProcessors(deps, { renderDelayMs: env.TEST_RENDER_DELAY_MS });

const workers = QUEUE_NAMES.filter((q) => processors[q]).map((queue) => {
  const handler = processors[queue]!;
  const worker = new Worker(
    queue,
    (job) => handler({ id: job.id ?? '', name: job.name, data: job.data, attemptsMade: job.attemptsMade }),
    {
      connection,
      prefix: env.REDIS_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      maxStalledCount: env.WORKER_MAX_STALLED_COUNT,
      stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
      lockDuration: env.WORKER_LOCK_DURATION_MS,
    },
  );
  worker.on('failed', (job, err) =>
    logger.error({ queue, job: job?.name, id: job?.id, attemptsMade: job?.attemptsMade, err }, 'job failed'),
  );
  worker.on('error', (err) => logger.error({ queue, err }, 'worker error'));
  worker.on('stalled', (id) => logger.warn({ queue, id }, 'job stalled (its worker died): back to waiting'));
  return worker;
});

const schedulerQueues = new Map<string, Queue>();
for (const s of SCHEDULES) {
  const q = schedulerQueues.get(s.queue) ?? new Queue(s.queue, { connection, prefix: env.REDIS_PREFIX });
  schedulerQueues.set(s.queue, q);
  await q.upsertJobScheduler(
    `${s.queue}:${s.name}`,
    { every: s.everyMs },
    { name: s.name, data: {}, opts: DEFAULT_JOB_OPTIONS },
  );
}
relay.start();
logger.info(
  { queues: workers.map((w) => w.name), dataDir: env.DATA_DIR, storage: env.STORAGE_DRIVER },
  'worker ready',
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing running jobs');
  // close() waits for running jobs to finish; jobs not started stay in Redis for the next worker.
  await Promise.all(workers.map((w) => w.close()));
  await relay.stop();
  await Promise.all([...schedulerQueues.values()].map((q) => q.close()));
  await jobs.close();
  await events.close();
  await connection.quit();
  await db.close();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
