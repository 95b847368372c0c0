// SCORM/H5P package lessons: what the player sends to the server. Limits follow SCORM's own
// (suspend_data: 4,096 characters in 1.2, 64,000 in 2004; location: 255 / 1,000).
import { z } from 'zod';
import { idSchema } from './common';

export const SCORM12_LESSON_STATUSES = [
  'passed',
  'completed',
  'failed',
  'incomplete',
  'browsed',
  'not attempted',
] as const;
export const SCORM2004_COMPLETION_STATUSES = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
export const SCORM2004_SUCCESS_STATUSES = ['passed', 'failed', 'unknown'] as const;

/** A decimal as SCORM sends it: a string ("85", "85.5") or a number; '' means unset. */
const scoreValue = z
  .union([z.number(), z.string().trim().max(20)])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || n < -1e6 || n > 1e6) {
      ctx.addIssue({ code: 'custom', message: 'not a number' });
      return z.NEVER;
    }
    return n;
  });

/** SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) or SCORM 2004 ISO 8601 duration (PT1H2M3.5S). */
export const scormDuration = z
  .string()
  .trim()
  .max(40)
  .regex(
    /^(\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?|P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$/,
    'not a SCORM duration',
  );

/** Seconds in a SCORM duration of either format. */
export function durationSeconds(value: string): number {
  const hms = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    value,
  );
  if (!iso) return 0;
  const [, y, mo, d, h, mi, s] = iso.map((x) => Number(x ?? 0));
  return y * 365 * 86400 + mo * 30 * 86400 + d * 86400 + h * 3600 + mi * 60 + s;
}

/** The CMI values a SCO committed, flattened to what we keep (both SCORM versions). */
export const scormCommitInput = z.object({
  lessonId: idSchema,
  attempt: z.number().int().min(1).max(1000),
  cmi: z.object({
    suspendData: z.string().max(64_000).nullish(),
    location: z.string().max(1000).nullish(),
    lessonStatus: z.enum(SCORM12_LESSON_STATUSES).nullish(),
    completionStatus: z.enum(SCORM2004_COMPLETION_STATUSES).nullish(),
    successStatus: z.enum(SCORM2004_SUCCESS_STATUSES).nullish(),
    scoreRaw: scoreValue,
    scoreMax: scoreValue,
    totalTime: scormDuration.nullish(),
  }),
});
export type ScormCommitInput = z.infer<typeof scormCommitInput>;

/** The part of an H5P xAPI statement the server needs (verb, result). */
export const h5pStatementInput = z.object({
  lessonId: idSchema,
  verb: z.enum(['completed', 'answered', 'passed', 'failed']),
  result: z
    .object({
      completion: z.boolean().nullish(),
      success: z.boolean().nullish(),
      score: z
        .object({
          raw: z.number().finite().min(0).max(1e6).nullish(),
          max: z.number().finite().min(0).max(1e6).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type H5pStatementInput = z.infer<typeof h5pStatementInput>;

export const packageLessonInput = z.object({ lessonId: idSchema });

/** Largest package upload (the zip itself; its extracted size has its own cap on the server). */
export const PACKAGE_UPLOAD_MAX_BYTES = 300 * 1024 * 1024;
