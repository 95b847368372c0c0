import { resolveDataDir, storageEnvIssues } from '@mdsc/storage';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^mysql$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_PREFIX: z.string().min(1).default('mdsc'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
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
  const storageIssues = storageEnvIssues(parsed.data);
  if (storageIssues.length) throw new Error(`Invalid worker configuration:\n  ${storageIssues.join('\n  ')}`);
  return parsed.data;
}
