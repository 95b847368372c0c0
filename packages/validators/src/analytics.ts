// Inputs of the analytics procedures (instructor: own courses; admin: everything).
import { z } from 'zod';
import { idSchema } from './common';

export const ANALYTICS_GRANULARITIES = ['day', 'week'] as const;
export type AnalyticsGranularity = (typeof ANALYTICS_GRANULARITIES)[number];

export const courseAnalyticsInput = z.object({
  courseId: idSchema,
  /** The enrolment curve covers the last `days` days (today included), in the platform's time zone. */
  days: z.number().int().min(1).max(366).default(30),
  granularity: z.enum(ANALYTICS_GRANULARITIES).default('day'),
});
export type CourseAnalyticsInput = z.infer<typeof courseAnalyticsInput>;

export const courseIdInput = z.object({ courseId: idSchema });
export type CourseIdInput = z.infer<typeof courseIdInput>;

export const hardestQuestionsInput = z.object({
  courseId: idSchema,
  limit: z.number().int().min(1).max(50).default(10),
});
export type HardestQuestionsInput = z.infer<typeof hardestQuestionsInput>;
