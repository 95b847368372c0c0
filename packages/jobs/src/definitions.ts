// Queue names, job names and payload schemas, defined once for producers and processors.
import { LOCALES } from '@mdsc/validators';
import { z } from 'zod';

const id = z.number().int().positive();

export const MAIL_TEMPLATES = [
  'verify-email',
  'password-reset',
  'welcome',
  'password-changed',
  'email-change',
  'certificate-ready',
  'new-message',
  'account-exists',
  'discussion-activity',
  'payment-receipt',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export const LEARNING_EVENT_TYPES = [
  'lesson_completed',
  'quiz_passed',
  'quiz_failed',
  'module_completed',
  'course_completed',
  'certificate_earned',
] as const;
export type LearningEventType = (typeof LEARNING_EVENT_TYPES)[number];

export const jobDefinitions = {
  mail: {
    'send-mail': z.object({
      to: z.email(),
      locale: z.enum(LOCALES),
      template: z.enum(MAIL_TEMPLATES),
      data: z.record(z.string(), z.string()),
      /** Set by the outbox relay: the row whose delivered_at is the mail's sent-mark (no second send). */
      outboxId: id.optional(),
    }),
  },
  media: {
    'process-image': z.object({ mediaFileId: id }),
    'probe-media': z.object({ mediaFileId: id }),
    // Low-data mode: 360p and audio-only versions of a video (ffmpeg; skipped without it).
    'make-renditions': z.object({ mediaFileId: id }),
  },
  certificates: {
    'render-certificate': z.object({ certificateId: id }),
  },
  gamification: {
    // A learning fact, enqueued by the learning services after their transaction commits; the
    // processor awards XP (ledger, idempotent per user/reason/source), streaks, challenges, badges.
    'record-event': z.object({
      userId: id,
      type: z.enum(LEARNING_EVENT_TYPES),
      /** The object the event is about (lesson id, quiz attempt id, module id, course id, certificate id). */
      sourceId: id,
      courseId: id,
      categoryId: id.nullable(),
      occurredAt: z.iso.datetime(),
      /** quiz_passed: the attempt's percentage (100 earns the perfect bonus). */
      percentage: z.number().min(0).max(100).optional(),
    }),
    'evaluate-badges': z.object({ userId: id, reason: z.string().max(50) }),
    'render-badge': z.object({ userBadgeId: id }),
  },
  maintenance: {
    'purge-expired': z.object({}),
    'reset-streaks': z.object({}),
    'roll-challenges': z.object({}),
    // Finds facts without their effect (certificate without PDF, missing ledger rows, badges not
    // evaluated, mails never delivered) and re-runs them with fresh job ids.
    'repair-sweep': z.object({}),
  },
} as const;

export type JobDefinitions = typeof jobDefinitions;
export type QueueName = keyof JobDefinitions;
export type JobName<Q extends QueueName> = keyof JobDefinitions[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = z.infer<
  JobDefinitions[Q][N] extends z.ZodType ? JobDefinitions[Q][N] : never
>;
export const QUEUE_NAMES = Object.keys(jobDefinitions) as QueueName[];

/** Same retry policy for BullMQ and the inline driver: 5 attempts, exponential backoff from 1 s. */
export const RETRY_POLICY = { attempts: 5, backoffMs: 1000 } as const;

/** Parses a payload against its schema; throws a ZodError naming the field when it does not fit. */
export function parsePayload<Q extends QueueName>(queue: Q, name: string, data: unknown): unknown {
  const schema = (jobDefinitions[queue] as Record<string, z.ZodType>)[name];
  if (!schema) throw new Error(`Unknown job ${queue}/${name}`);
  return schema.parse(data);
}
