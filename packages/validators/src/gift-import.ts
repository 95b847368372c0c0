// Inputs of the GIFT import/export procedures (the format itself is in ./gift).
import { z } from 'zod';
import { idSchema } from './common';

/** A GIFT file is text; 1 MB holds thousands of questions. */
export const GIFT_MAX_BYTES = 1_000_000;
/** Questions per import: one transaction, one multi-row INSERT. */
export const GIFT_MAX_QUESTIONS = 500;

export const giftImportInput = z.object({
  quizId: idSchema,
  source: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= GIFT_MAX_BYTES, 'too long (1 MB at most)'),
});
export type GiftImportInput = z.infer<typeof giftImportInput>;

export const giftExportInput = z.object({ quizId: idSchema });
