import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storageEnvIssues } from '@mdsc/storage';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^mysql$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z.string().min(1).default('mdsc'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  PUBLIC_URL: z.url().default('http://localhost:5173'),
  CORS_ORIGINS: z.string().default(''),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'apps/web/dist')),
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
  /** Hold a learner's first discussion post for moderator review (issue 14). */
  DISCUSSION_FIRST_POST_REVIEW: bool.default(false),
  // Session cookie `Secure` flag; default: on in production.
  COOKIE_SECURE: bool.optional(),
  // File storage (uploads): local disk under <DATA_DIR>/uploads, or S3-compatible.
  STORAGE_DRIVER: z.enum(['local', 's3', 'minio']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
});

export type ApiEnv = z.infer<typeof schema> & { mode: 'embedded' | 'full'; corsOrigins: string[] };

/** The only reader of process.env in the API; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid API configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const storageIssues = storageEnvIssues(env);
  if (storageIssues.length) throw new Error(`Invalid API configuration:\n  ${storageIssues.join('\n  ')}`);
  if (!!env.DATABASE_URL !== !!env.REDIS_URL) {
    throw new Error(
      'Invalid API configuration:\n  REDIS_URL: full mode needs both DATABASE_URL and REDIS_URL (or neither, for embedded mode)',
    );
  }
  const corsOrigins = [
    new URL(env.PUBLIC_URL).origin,
    ...env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  return { ...env, mode: env.DATABASE_URL ? 'full' : 'embedded', corsOrigins };
}
