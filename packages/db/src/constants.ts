// Enum values of the schema (mdsc-mooc-schema.md). @mdsc/validators may repeat them for the
// browser; db imports nothing of ours, so they live here too. Migrations deliberately spell their
// ENUM values out instead of importing these: a migration must keep creating the schema it
// created on the day it was written, whatever these lists become later.

export const ROLES = ['student', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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

export const FILE_CATEGORIES = [
  'video',
  'document',
  'audio',
  'image',
  'presentation',
  'h5p',
  'other',
] as const;
export type FileCategory = (typeof FILE_CATEGORIES)[number];

/** media_files.status (migration 0621). */
export const MEDIA_STATUSES = ['processing', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export const STORAGE_TYPES = ['local', 's3', 'minio'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export const ENROLLMENT_STATUSES = ['enrolled', 'in_progress', 'completed', 'certified'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const QUESTION_TYPES = ['multiple_choice', 'true_false', 'short_answer'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const CHALLENGE_TYPES = ['weekly', 'monthly', 'seasonal', 'event'] as const;
export type ChallengeType = (typeof CHALLENGE_TYPES)[number];

export const MESSAGE_TYPES = ['direct', 'broadcast'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const BADGE_TIERS = ['bronze', 'silver', 'gold', 'legendary'] as const;
export type BadgeTier = (typeof BADGE_TIERS)[number];

export const BADGE_CRITERIA_TYPES = [
  'course_completion',
  'quiz_perfect',
  'daily_streak',
  'xp_total',
  'level_reached',
  'lessons_completed',
  'certificates_earned',
  'challenge_completed',
] as const;
export type BadgeCriteriaType = (typeof BADGE_CRITERIA_TYPES)[number];

/** Shape of badges.criteria (and of the simple challenges.criteria we seed). */
export interface BadgeCriteria {
  type: BadgeCriteriaType;
  value: number;
}

/** One option of a multiple_choice question (quiz_questions.options). */
export interface QuizOption {
  text: string;
  correct: boolean;
}
