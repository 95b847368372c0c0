import { z } from 'zod';

// The only place in @mdsc/db that reads process.env (used by the CLI; the library itself takes
// explicit options).

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^(mysql|mariadb):\/\/.+\/[A-Za-z0-9_$-]+$/,
      'DATABASE_URL must look like mysql://user:pass@host:3306/db',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').default('Demo-2026!'),
});

export type DbEnv = z.infer<typeof schema>;

export function loadDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment for @mdsc/db:\n${details}`);
  }
  return parsed.data;
}
