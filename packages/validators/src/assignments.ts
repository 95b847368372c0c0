// Assignments (issue 16): settings, submissions, grading — inputs shared by the API and the forms.
import { z } from 'zod';
import { idSchema } from './common';
import { optionalSafeText } from './text';

export const ASSIGNMENT_LATE_POLICIES = ['accept', 'accept_flag', 'refuse'] as const;
export type AssignmentLatePolicy = (typeof ASSIGNMENT_LATE_POLICIES)[number];
export const ASSIGNMENT_SUBMISSION_TYPES = ['file', 'text', 'both'] as const;
export type AssignmentSubmissionType = (typeof ASSIGNMENT_SUBMISSION_TYPES)[number];
export const ASSIGNMENT_SUBMISSION_STATUSES = ['submitted', 'graded', 'returned'] as const;
export type AssignmentSubmissionStatus = (typeof ASSIGNMENT_SUBMISSION_STATUSES)[number];

/**
 * File types a learner may hand in, by the extension detected from the file's content (never its
 * name), with the media category the upload pipeline files them under.
 */
export const ASSIGNMENT_FILE_TYPES = {
  pdf: 'document',
  docx: 'document',
  xlsx: 'document',
  pptx: 'presentation',
  png: 'image',
  jpg: 'image',
  webp: 'image',
  zip: 'other',
  mp3: 'audio',
  mp4: 'video',
} as const;
export type AssignmentFileType = keyof typeof ASSIGNMENT_FILE_TYPES;
export const ASSIGNMENT_FILE_TYPE_LIST = Object.keys(ASSIGNMENT_FILE_TYPES) as AssignmentFileType[];

export const ASSIGNMENT_MAX_FILE_MB = 100;
export const ASSIGNMENT_MAX_POINTS = 1000;
export const ASSIGNMENT_TEXT_MAX = 20_000;
export const ASSIGNMENT_FEEDBACK_MAX = 5000;
export const ASSIGNMENT_INSTRUCTIONS_MAX_BYTES = 128 * 1024;

export const assignmentLessonInput = z.object({ lessonId: idSchema });
export type AssignmentLessonInput = z.infer<typeof assignmentLessonInput>;

export const assignmentSettingsInput = z
  .object({
    lessonId: idSchema,
    /** Rich text (HTML), sanitised by the server. */
    instructionsHtml: z
      .string()
      .refine((s) => new TextEncoder().encode(s).length <= ASSIGNMENT_INSTRUCTIONS_MAX_BYTES, 'too long (128 KB at most)'),
    dueAt: z.iso
      .datetime({ offset: true })
      .nullish()
      .transform((v) => (v ? v : null)),
    latePolicy: z.enum(ASSIGNMENT_LATE_POLICIES),
    points: z.number().int().min(1).max(ASSIGNMENT_MAX_POINTS),
    passMark: z.number().int().min(0).max(ASSIGNMENT_MAX_POINTS),
    submissionType: z.enum(ASSIGNMENT_SUBMISSION_TYPES),
    allowedFileTypes: z
      .array(z.enum(ASSIGNMENT_FILE_TYPE_LIST as [AssignmentFileType, ...AssignmentFileType[]]))
      .max(ASSIGNMENT_FILE_TYPE_LIST.length),
    maxFileSizeMb: z.number().int().min(1).max(ASSIGNMENT_MAX_FILE_MB),
  })
  .superRefine((v, ctx) => {
    if (v.passMark > v.points) ctx.addIssue({ code: 'custom', path: ['passMark'], message: 'must not exceed the points' });
    if (v.submissionType !== 'text' && v.allowedFileTypes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['allowedFileTypes'], message: 'choose at least one file type' });
    }
  });
export type AssignmentSettingsInput = z.infer<typeof assignmentSettingsInput>;

export const assignmentSubmitInput = z.object({
  lessonId: idSchema,
  text: optionalSafeText(ASSIGNMENT_TEXT_MAX, { multiline: true }),
  /** A file uploaded beforehand through POST /api/assignments/:lessonId/file. */
  mediaFileId: idSchema.nullish().transform((v) => v ?? null),
});
export type AssignmentSubmitInput = z.infer<typeof assignmentSubmitInput>;

export const submissionIdInput = z.object({ submissionId: idSchema });
export type SubmissionIdInput = z.infer<typeof submissionIdInput>;

export const GRADING_QUEUE_FILTERS = ['to_grade', 'late', 'graded', 'returned', 'all'] as const;
export type GradingQueueFilter = (typeof GRADING_QUEUE_FILTERS)[number];

export const gradingQueueInput = z.object({
  courseId: idSchema,
  filter: z.enum(GRADING_QUEUE_FILTERS).default('to_grade'),
  lessonId: idSchema.nullish().transform((v) => v ?? null),
  limit: z.number().int().min(1).max(100).default(50),
  /** Offset of the next page (the queue is short-lived; offsets are enough). */
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type GradingQueueInput = z.infer<typeof gradingQueueInput>;

export const gradeSubmissionInput = z.object({
  submissionId: idSchema,
  score: z.number().int().min(0).max(ASSIGNMENT_MAX_POINTS),
  feedback: optionalSafeText(ASSIGNMENT_FEEDBACK_MAX, { multiline: true }),
});
export type GradeSubmissionInput = z.infer<typeof gradeSubmissionInput>;

export const returnSubmissionInput = z.object({
  submissionId: idSchema,
  feedback: optionalSafeText(ASSIGNMENT_FEEDBACK_MAX, { multiline: true }).pipe(
    z.string({ error: 'required' }).min(1, 'required'),
  ),
});
export type ReturnSubmissionInput = z.infer<typeof returnSubmissionInput>;
