// Enumerations shared by the server and the browser. They mirror the ENUM columns of the schema.
export const ROLES = ['student', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const LESSON_CONTENT_TYPES = [
  'video',
  'text',
  'quiz',
  'h5p',
  'assignment',
  'document',
  'audio',
  'presentation',
  'scorm',
] as const;
export type LessonContentType = (typeof LESSON_CONTENT_TYPES)[number];

export const ENROLLMENT_STATUSES = ['enrolled', 'in_progress', 'completed', 'certified'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const QUESTION_TYPES = ['multiple_choice', 'true_false', 'short_answer'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const BADGE_TIERS = ['bronze', 'silver', 'gold', 'legendary'] as const;
export type BadgeTier = (typeof BADGE_TIERS)[number];

export const CHALLENGE_TYPES = ['weekly', 'monthly', 'seasonal', 'event'] as const;
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];

export const FILE_CATEGORIES = ['video', 'document', 'audio', 'image', 'presentation', 'h5p', 'other'] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];
/** Lighter versions of a video for low-data mode: 360p MP4, the sound alone (M4A), a poster (JPEG). */
export const RENDITION_KINDS = ['video_low', 'audio', 'poster'] as const;
export type RenditionKind = (typeof RENDITION_KINDS)[number];

/** Processing state of an upload: images stay `processing` until the worker has re-encoded them. */
export const MEDIA_STATUSES = ['processing', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export const DEFAULT_CURRENCY = 'XOF';
export const DEFAULT_TIMEZONE = 'Africa/Porto-Novo';

/**
 * Most calls one tRPC HTTP batch may carry: the server refuses larger batches with 400 before
 * running any, and the web client splits its batches at the same size.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
