import { z } from 'zod';

export const componentStatus = z.enum(['ok', 'down', 'disabled']);
export const healthOutput = z.object({
  status: z.enum(['ok', 'degraded']),
  mode: z.enum(['embedded', 'full']),
  database: componentStatus,
  redis: componentStatus,
  time: z.string(),
});
export type HealthOutput = z.infer<typeof healthOutput>;
