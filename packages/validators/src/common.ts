import { z } from 'zod';

export const idSchema = z.number().int().positive();
export const cursorPageInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type CursorPageInput = z.infer<typeof cursorPageInput>;
