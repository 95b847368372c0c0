import { resolveDataDir, storageEnvIssues } from '@mdsc/storage';
import { z } from 'zod';

/**
 * Stall detection defaults. BullMQ's are a 30 s lock, a check every 30 s and 1 stall allowed; we
 * allow 3 (a deploy or two crashes during a job must not fail it), not more: a job that kills its
 * worker every time (OOM) must end up failed, not crash the worker forever.
 */
export const STALL_DEFAULTS = { maxStalledCount: 3, stalledIntervalMs: 30_000, lockDurationMs: 30_000 } as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^mysql$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_PREFIX: z.string().min(1).default('mdsc'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  // Stall detection: a job whose worker died (kill -9, OOM) is noticed once its lock expires and
  // put back to waiting, up to WORKER_MAX_STALLED_COUNT times; after that it fails and the repair
  // sweep re-runs its effect under a fresh id.
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(20).default(STALL_DEFAULTS.maxStalledCount),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(STALL_DEFAULTS.stalledIntervalMs),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(STALL_DEFAULTS.lockDurationMs),
  // Outbox relay: poll interval of the safety net (rows are relayed right after their commit too).
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(2000),
  // Test only: every certificate render takes this much longer (the chaos test kills the worker
  // while one is active). Refused in production.
  TEST_RENDER_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  PUBLIC_URL: z.url().default('http://localhost:5173'),
  PLATFORM_TIMEZONE: z.string().default('Africa/Porto-Novo'),
  // Relative values (default .data) are taken from the repository root, in the API and the worker alike.
  DATA_DIR: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return resolveDataDir(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  // Mail: SMTP when set (smtp:// or smtps://user:pass@host:port), else .eml files under DATA_DIR/mail.
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('MdSC MOOC <no-reply@mdsc.local>'),
  // Low-data video renditions: the ffmpeg binary (default: `ffmpeg` on PATH; none: renditions skipped).
  FFMPEG_PATH: z.string().min(1).optional(),
  PATH: z.string().optional(),
  // File storage (uploads): local disk under <DATA_DIR>/uploads, or S3-compatible.
  STORAGE_DRIVER: z.enum(['local', 's3', 'minio']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
});
export type WorkerEnv = z.infer<typeof schema>;

/** The only reader of process.env in the worker; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid worker configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.TEST_RENDER_DELAY_MS > 0) {
    throw new Error('Invalid worker configuration:\n  TEST_RENDER_DELAY_MS: test only, not allowed in production');
  }
  const storageIssues = storageEnvIssues(parsed.data);
  if (storageIssues.length) throw new Error(`Invalid worker configuration:\n  ${storageIssues.join('\n  ')}`);
  return parsed.data;
}
