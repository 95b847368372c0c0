// Builds everything the API needs from its configuration, for embedded or full mode.
import path from 'node:path';
import {
  createLogger,
  createOutboxRelay,
  createMemoryEventBus,
  createRateLimiter,
  createRedisEventBus,
  indexMissingCourses,
  seedDemoContent,
  loadOrCreateIssuerKeyFile,
  resolveFfmpeg,
  systemClock,
  type CoreDeps,
} from '@mdsc/core';
import { createDatabase, DEMO_ACCOUNTS, migrateUp, seedDemo, seedReference } from '@mdsc/db';
import { createBullmqJobQueue, createInlineJobQueue, type JobQueue } from '@mdsc/jobs';
import { createStorageFromConfig, storageConfigFromEnv } from '@mdsc/storage';
import { createProcessors, SCHEDULES } from '@mdsc/worker';
import { Redis } from 'ioredis';
import type { ApiEnv } from './env';

export interface Runtime {
  env: ApiEnv;
  deps: CoreDeps;
  jobs: JobQueue;
  redis: Redis | null;
  close(): Promise<void>;
}

export async function createRuntime(env: ApiEnv): Promise<Runtime> {
  const logger = createLogger('api', env.LOG_LEVEL);
  const db = createDatabase(
    env.DATABASE_URL
      ? { url: env.DATABASE_URL, logging: false }
      : { sqliteFile: path.join(env.DATA_DIR, 'mdsc.sqlite'), logging: false },
  );
  let credentialKeys = env.credentialKeys;
  if (!credentialKeys) {
    const loaded = loadOrCreateIssuerKeyFile(env.DATA_DIR);
    credentialKeys = loaded.keys;
    if (loaded.created) logger.info({ file: loaded.file }, 'credentials: issuer signing key generated');
    if (env.mode === 'full') logger.warn({ file: loaded.file }, 'credentials: signing key read from DATA_DIR; set CREDENTIALS_SIGNING_KEYS when running several API processes');
  }
  const config = {
    publicUrl: env.PUBLIC_URL,
    credentials: { keys: credentialKeys },
    timezone: env.PLATFORM_TIMEZONE,
    dataDir: env.DATA_DIR,
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
    requireVerifiedEmailToEnroll: env.REQUIRE_VERIFIED_EMAIL_TO_ENROLL,
    discussionFirstPostReview: env.DISCUSSION_FIRST_POST_REVIEW,
    ffmpegPath: await resolveFfmpeg(env.FFMPEG_PATH, env.PATH),
    payments: {
      fedapay:
        env.FEDAPAY_SECRET_KEY && env.FEDAPAY_WEBHOOK_SECRET
          ? {
              secretKey: env.FEDAPAY_SECRET_KEY,
              webhookSecret: env.FEDAPAY_WEBHOOK_SECRET,
              environment: env.FEDAPAY_ENVIRONMENT,
              apiBase: env.FEDAPAY_API_BASE ?? null,
            }
          : null,
      transferInstructions: env.PAYMENT_TRANSFER_INSTRUCTIONS ?? null,
    },
  };
  const timers: NodeJS.Timeout[] = [];
  let redis: Redis | null = null;
  let jobs: JobQueue;
  let settleJobs: (() => Promise<void>) | undefined;
  // The processors need the deps and the deps need the queue: the queue is set right below.
  const storage = await createStorageFromConfig(
    storageConfigFromEnv(env, path.join(env.DATA_DIR, 'uploads')),
  );
  const deps: CoreDeps = {
    db,
    clock: systemClock,
    logger,
    config,
    storage,
    jobs: null as unknown as JobQueue,
  };

  // Embedded installs get the demo unless told otherwise; full installs only with SEED_DEMO=true
  // (after `pnpm db:seed --demo`), so that several API processes do not all upload its files.
  const demoWanted =
    env.mode === 'embedded' ? (env.SEED_DEMO ?? env.NODE_ENV !== 'production') : env.SEED_DEMO === true;

  if (env.mode === 'embedded') {
    await migrateUp(db.sequelize);
    await seedReference(db.sequelize);
    if (demoWanted && (await seedDemo(db.sequelize, { password: env.DEMO_PASSWORD })).created) {
      printDemoAccounts(env.DEMO_PASSWORD);
    }
    deps.rateLimiter = createRateLimiter(); // one process: counters in memory
    deps.events = createMemoryEventBus(); // one process: live events stay in it
    const inline = createInlineJobQueue(createProcessors(deps), logger);
    jobs = inline;
    // The demo's learners need their XP and the videos' durations, not the low-data renditions
    // (ffmpeg, seconds each): start-up does not wait for those.
    settleJobs = () => inline.idle({ except: ['make-renditions'] });
    deps.jobs = jobs;
    for (const s of SCHEDULES) {
      timers.push(setInterval(() => void inline.enqueue(s.queue, s.name, {}), s.everyMs).unref());
    }
  } else {
    redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null, lazyConnect: false });
    jobs = createBullmqJobQueue(redis, env.REDIS_PREFIX);
    deps.jobs = jobs;
    // Shared by every API process behind the load balancer.
    deps.rateLimiter = createRateLimiter({ redis, prefix: env.REDIS_PREFIX });
    // Live notifications: published by any API or worker process, delivered by the one holding the
    // user's SSE connection. Subscriber mode needs its own connection.
    const shared = redis;
    deps.events = createRedisEventBus({
      publisher: shared,
      createSubscriber: () => shared.duplicate(),
      prefix: env.REDIS_PREFIX,
      onError: (err) => logger.error({ err }, 'live events (redis)'),
    });
  }

  // Courses written before the search index existed, or by the seeders, get their search rows.
  // A failure here must not stop the API: those courses are found by exact words until the next start.
  await indexMissingCourses(deps)
    .then((indexed) => indexed > 0 && logger.info({ courses: indexed }, 'search index: courses indexed'))
    .catch((err: unknown) => logger.error({ err }, 'search index: courses not indexed'));

  // The outbox relay: every commit that wrote outbox rows relays them at once; the poll loop picks up
  // what a crashed process (this one or another) left behind.
  const relay = createOutboxRelay(deps, { pollMs: env.OUTBOX_POLL_MS });
  deps.relay = env.TEST_CRASH_AFTER_COMMIT
    ? {
        afterCommit: async () => {
          logger.warn('TEST_CRASH_AFTER_COMMIT: killing the process between commit and relay');
          process.kill(process.pid, 'SIGKILL');
          await new Promise(() => {}); // never relays: the process is gone
        },
      }
    : relay;
  if (!env.TEST_CRASH_AFTER_COMMIT) relay.start();
  if (demoWanted) {
    // The demo's files go through the storage driver and its learners through the real services:
    // both need the job queue, hence here. A failure leaves a less complete demo, not a dead API.
    // In the order of DEMO_SEED_STEPS (core), which says what each step needs from the earlier ones.
    await seedDemoContent(deps, { settle: settleJobs }).catch((err: unknown) =>
      logger.error({ err }, 'demo media or activity could not be seeded'),
    );
  }

  return {
    env,
    deps,
    jobs,
    redis,
    async close() {
      timers.forEach(clearInterval);
      await relay.stop();
      await jobs.close();
      await deps.events?.close();
      await redis?.quit();
      await db.close();
    },
  };
}

function printDemoAccounts(password: string) {
  const lines = DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(10)} ${a.email}`);
  console.log(
    ['', '  Demo data created. Log in with (password: ' + password + '):', ...lines, ''].join('\n'),
  );
}
