// Inputs of the GIFT import/export procedures (the format itself is in ./gift).
import { z } from 'zod';
import { idSchema } from './common';

/** A GIFT file is text; 512 KB holds thousands of questions (and fits the API's 1 MB request limit once in JSON). */
export const GIFT_MAX_BYTES = 512 * 1024;
/** Questions per import: one transaction, one multi-row INSERT. */
export const GIFT_MAX_QUESTIONS = 500;

export const giftImportInput = z.object({
  quizId: idSchema,
  source: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= GIFT_MAX_BYTES, 'too long (512 KB at most)'),
});
export type GiftImportInput = z.infer<typeof giftImportInput>;

export const giftExportInput = z.object({ quizId: idSchema });
