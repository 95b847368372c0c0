import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIssuerKeys, type IssuerKeys } from '@mdsc/core';
import { resolveDataDir, storageEnvIssues } from '@mdsc/storage';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** API processes on this machine (Node's cluster module, one port); more than 1 needs full mode. */
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  DATABASE_URL: z.url({ protocol: /^mysql$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z.string().min(1).default('mdsc'),
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
  PUBLIC_URL: z.url().default('http://localhost:5173'),
  CORS_ORIGINS: z.string().default(''),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'apps/web/dist')),
  // Pages of the built web app carry their first screen's data (catalog, lesson; see first-screen.ts).
  WEB_INLINE_FIRST_SCREEN: bool.default(true),
  SEED_DEMO: bool.optional(),
  DEMO_PASSWORD: z.string().min(8).default('Demo-2026!'),
  PLATFORM_TIMEZONE: z
    .string()
    .default('Africa/Porto-Novo')
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'unknown time zone'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Mail: SMTP when set (smtp:// or smtps://user:pass@host:port), else .eml files under DATA_DIR/mail.
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('MdSC MOOC <no-reply@mdsc.local>'),
  // Unverified users can log in and browse; enrolling needs a verified address unless false.
  REQUIRE_VERIFIED_EMAIL_TO_ENROLL: bool.default(true),
  // Outbox relay: poll interval of the safety net (rows are relayed right after their commit too).
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(2000),
  // Test only (the chaos test): the process kills itself (SIGKILL) right after the first commit
  // that wrote outbox rows, before relaying them — the "crash between commit and enqueue".
  // Refused in production.
  TEST_CRASH_AFTER_COMMIT: bool.default(false),
  /** Hold a learner's first discussion post for moderator review (issue 14). */
  DISCUSSION_FIRST_POST_REVIEW: bool.default(false),
  // Session cookie `Secure` flag; default: on in production.
  COOKIE_SECURE: bool.optional(),
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
  // Verifiable credentials: JSON array (or JWKS) of Ed25519 JWKs, the active signing key first
  // (with its private part "d"), retired keys after it (public part enough). Unset: a key file
  // generated under DATA_DIR (embedded mode, or full mode outside production).
  // Paid courses (issue 13): FedaPay (mobile money, cards). All three keys, or none (FedaPay off,
  // its method hidden). FEDAPAY_API_BASE points the SDK elsewhere (tests' fake provider).
  FEDAPAY_SECRET_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^sk_(sandbox|live)_[A-Za-z0-9_-]{8,}$/, 'a FedaPay secret key (sk_sandbox_… or sk_live_…)').optional()),
  FEDAPAY_WEBHOOK_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(8, 'the webhook endpoint secret (wh_…)').optional()),
  FEDAPAY_ENVIRONMENT: z.enum(['sandbox', 'live']).default('sandbox'),
  FEDAPAY_API_BASE: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  // Bank details shown to learners who pay by manual transfer (free text).
  PAYMENT_TRANSFER_INSTRUCTIONS: z.string().max(1000).optional(),
  CREDENTIALS_SIGNING_KEYS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional()),
});

export type ApiEnv = z.infer<typeof schema> & {
  mode: 'embedded' | 'full';
  corsOrigins: string[];
  /** Parsed CREDENTIALS_SIGNING_KEYS; null: use the key file under DATA_DIR. */
  credentialKeys: IssuerKeys | null;
};

/** The only reader of process.env in the API; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid API configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && env.TEST_CRASH_AFTER_COMMIT) {
    throw new Error('Invalid API configuration:\n  TEST_CRASH_AFTER_COMMIT: test only, not allowed in production');
  }
  const storageIssues = storageEnvIssues(env);
  if (storageIssues.length) throw new Error(`Invalid API configuration:\n  ${storageIssues.join('\n  ')}`);
  if (!!env.DATABASE_URL !== !!env.REDIS_URL) {
    throw new Error(
      'Invalid API configuration:\n  REDIS_URL: full mode needs both DATABASE_URL and REDIS_URL (or neither, for embedded mode)',
    );
  }
  const fedapayIssues = fedapayEnvIssues(env);
  if (fedapayIssues.length) throw new Error(`Invalid API configuration:\n  ${fedapayIssues.join('\n  ')}`);
  if (env.API_PROCESSES > 1 && !env.DATABASE_URL) {
    throw new Error('Invalid API configuration:\n  API_PROCESSES: several processes need full mode (MariaDB and Redis), not SQLite');
  }
  let credentialKeys: IssuerKeys | null = null;
  if (env.CREDENTIALS_SIGNING_KEYS) {
    try {
      credentialKeys = parseIssuerKeys(env.CREDENTIALS_SIGNING_KEYS);
    } catch (err) {
      throw new Error(`Invalid API configuration:\n  CREDENTIALS_SIGNING_KEYS: ${(err as Error).message}`);
    }
  } else if (env.DATABASE_URL && env.NODE_ENV === 'production') {
    // Several API processes must sign with the same keys: a per-disk key file would not do.
    throw new Error(
      'Invalid API configuration:\n  CREDENTIALS_SIGNING_KEYS: required in production full mode (see README, Verifiable credentials)',
    );
  }
  const corsOrigins = [
    new URL(env.PUBLIC_URL).origin,
    ...env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  return { ...env, mode: env.DATABASE_URL ? 'full' : 'embedded', corsOrigins, credentialKeys };
}

/** FedaPay is configured completely or not at all, and a live key goes with the live environment. */
function fedapayEnvIssues(env: z.infer<typeof schema>): string[] {
  const issues: string[] = [];
  if (!!env.FEDAPAY_SECRET_KEY !== !!env.FEDAPAY_WEBHOOK_SECRET) {
    issues.push('FEDAPAY_WEBHOOK_SECRET: FedaPay needs both FEDAPAY_SECRET_KEY and FEDAPAY_WEBHOOK_SECRET (or neither)');
  }
  if (env.FEDAPAY_SECRET_KEY) {
    const keyEnv = env.FEDAPAY_SECRET_KEY.startsWith('sk_live_') ? 'live' : 'sandbox';
    if (keyEnv !== env.FEDAPAY_ENVIRONMENT) {
      issues.push(`FEDAPAY_ENVIRONMENT: is ${env.FEDAPAY_ENVIRONMENT} but FEDAPAY_SECRET_KEY is a ${keyEnv} key`);
    }
  }
  if (env.FEDAPAY_API_BASE && env.NODE_ENV === 'production') issues.push('FEDAPAY_API_BASE: test only, not allowed in production');
  return issues;
}
