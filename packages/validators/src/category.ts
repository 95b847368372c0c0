import { z } from 'zod';

export const categoryListInput = z
  .object({ includeInactive: z.boolean().default(false) })
  .default({ includeInactive: false });
export type CategoryListInput = z.infer<typeof categoryListInput>;
