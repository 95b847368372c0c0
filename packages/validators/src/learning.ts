// Inputs of the learning path: enrolment, progress, quizzes, certificates and course reviews.
import { z } from 'zod';
import { idSchema } from './common';
import { optionalSafeText, safeName, safeText } from './text';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);
// Stored texts are cleaned (control, escape and bidi characters removed; see text.ts).
const optionalText = (max: number) => optionalSafeText(max, { multiline: true });
const multiline = (min: number, max: number) => safeText(min, max, { multiline: true });

// ---------------------------------------------------------------- enrolment and progress
export const enrollmentCourseInput = z.object({ courseId: idSchema });
export type EnrollmentCourseInput = z.infer<typeof enrollmentCourseInput>;

export const learningCourseInput = z.object({ slug: trimmed(1, 255) });
export type LearningCourseInput = z.infer<typeof learningCourseInput>;

export const learningLessonInput = z.object({ lessonId: idSchema });
export type LearningLessonInput = z.infer<typeof learningLessonInput>;

/** Seconds one heartbeat may claim at most (the player beats every 30 s). The server also caps the
 * credit by the time elapsed since its previous heartbeat. */
export const HEARTBEAT_MAX_SECONDS = 120;

export const heartbeatInput = z.object({
  lessonId: idSchema,
  /** Time spent on the lesson since the previous heartbeat. */
  seconds: z.number().int().min(0).max(HEARTBEAT_MAX_SECONDS),
  /** Video/audio: where the player is now. */
  positionSeconds: z.number().min(0).max(24 * 3600).nullish(),
  // No duration: the server judges against the length it knows (the probed file, else the lesson's
  // declared duration). Older clients still send `durationSeconds`; z.object drops it unread.
});
export type HeartbeatInput = z.infer<typeof heartbeatInput>;

/** Share of a video (or audio) that must be watched before it counts as completed. */
export const DEFAULT_VIDEO_COMPLETION_SHARE = 0.9;

// ---------------------------------------------------------------- quiz authoring
const quizFields = {
  title: safeName(2, 255),
  description: optionalText(5000),
  /** NULL: no time limit. */
  timeLimitMinutes: z.number().int().min(1).max(600).nullish().transform((v) => v ?? null),
  passingScore: z.number().min(0).max(100),
  maxAttempts: z.number().int().min(1).max(100),
  isPublished: z.boolean(),
};

export const quizCreateInput = z
  .object({
    courseId: idSchema,
    /** The quiz lesson this quiz belongs to; null for the course's final quiz. */
    lessonId: idSchema.nullish().transform((v) => v ?? null),
    isFinal: z.boolean().default(false),
    title: quizFields.title,
    description: quizFields.description,
    timeLimitMinutes: quizFields.timeLimitMinutes,
    passingScore: quizFields.passingScore.default(70),
    maxAttempts: quizFields.maxAttempts.default(3),
    isPublished: quizFields.isPublished.default(false),
  })
  .superRefine((v, ctx) => {
    if (v.isFinal && v.lessonId !== null) {
      ctx.addIssue({ code: 'custom', path: ['lessonId'], message: 'a final quiz belongs to the course, not to a lesson' });
    }
    if (!v.isFinal && v.lessonId === null) {
      ctx.addIssue({ code: 'custom', path: ['lessonId'], message: 'required unless the quiz is the final quiz' });
    }
  });
export type QuizCreateInput = z.infer<typeof quizCreateInput>;

export const quizUpdateInput = z.object({
  id: idSchema,
  title: quizFields.title.optional(),
  description: quizFields.description.optional(),
  timeLimitMinutes: quizFields.timeLimitMinutes.optional(),
  passingScore: quizFields.passingScore.optional(),
  maxAttempts: quizFields.maxAttempts.optional(),
  isPublished: quizFields.isPublished.optional(),
});
export type QuizUpdateInput = z.infer<typeof quizUpdateInput>;

export const quizIdInput = z.object({ quizId: idSchema });
export type QuizIdInput = z.infer<typeof quizIdInput>;
export const quizCourseInput = z.object({ courseId: idSchema });

const questionText = multiline(1, 5000);
const points = z.number().min(0.25).max(100).default(1);
const optionSchema = z.object({ text: safeName(1, 1000), correct: z.boolean() });
/** Shown to the learner after grading. */
const explanation = optionalText(5000);

const multipleChoice = z.object({
  questionType: z.literal('multiple_choice'),
  questionText,
  points,
  explanation,
  /** One or several correct options. */
  options: z
    .array(optionSchema)
    .min(2)
    .max(12)
    .refine((o) => o.some((x) => x.correct), 'mark at least one option as correct'),
});
const trueFalse = z.object({
  questionType: z.literal('true_false'),
  questionText,
  points,
  explanation,
  correctAnswer: z.boolean(),
});
const shortAnswer = z.object({
  questionType: z.literal('short_answer'),
  questionText,
  points,
  explanation,
  /** Compared ignoring case, accents and surrounding spaces. */
  acceptedAnswers: z
    .array(z.string().refine((s) => !/[\r\n]/.test(s.trim()), 'one line per answer').pipe(safeName(1, 500)))
    .min(1)
    .max(20),
});

export const questionContentInput = z.discriminatedUnion('questionType', [multipleChoice, trueFalse, shortAnswer]);
export type QuestionContentInput = z.infer<typeof questionContentInput>;

const withQuiz = { quizId: idSchema };
export const questionCreateInput = z.discriminatedUnion('questionType', [
  multipleChoice.extend(withQuiz),
  trueFalse.extend(withQuiz),
  shortAnswer.extend(withQuiz),
]);
export type QuestionCreateInput = z.infer<typeof questionCreateInput>;

const withId = { id: idSchema };
export const questionUpdateInput = z.discriminatedUnion('questionType', [
  multipleChoice.extend(withId),
  trueFalse.extend(withId),
  shortAnswer.extend(withId),
]);
export type QuestionUpdateInput = z.infer<typeof questionUpdateInput>;

export const questionIdInput = z.object({ id: idSchema });
export const questionReorderInput = z.object({
  quizId: idSchema,
  questionIds: z
    .array(idSchema)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'each question once'),
});
export type QuestionReorderInput = z.infer<typeof questionReorderInput>;

// ---------------------------------------------------------------- attempts
/** multiple_choice: indices of the chosen options; true_false: a boolean; short_answer: text. */
export const quizAnswerValue = z.union([
  z.array(z.number().int().min(0).max(50)).max(50),
  z.boolean(),
  z.string().max(1000),
]);
export type QuizAnswerValue = z.infer<typeof quizAnswerValue>;

const attemptAnswers = z
  .array(z.object({ questionId: idSchema, answer: quizAnswerValue }))
  .max(500)
  .refine((a) => new Set(a.map((x) => x.questionId)).size === a.length, 'each question once');

export const submitAttemptInput = z.object({ attemptId: idSchema, answers: attemptAnswers });
export type SubmitAttemptInput = z.infer<typeof submitAttemptInput>;

/** An author taking their own quiz "as a student": graded, never recorded. */
export const quizPreviewInput = z.object({ quizId: idSchema, answers: attemptAnswers });
export type QuizPreviewInput = z.infer<typeof quizPreviewInput>;

export const attemptIdInput = z.object({ attemptId: idSchema });

// ---------------------------------------------------------------- certificates
/** Codes are 32 URL-safe base64 characters (192 random bits); older or imported ones may differ in length. */
export const certificateCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,100}$/, 'not a certificate code');
export const certificateCodeInput = z.object({ code: certificateCodeSchema });
export const certificateRevokeInput = z.object({ code: certificateCodeSchema, reason: multiline(3, 2000) });
export type CertificateRevokeInput = z.infer<typeof certificateRevokeInput>;

// ---------------------------------------------------------------- reviews
export const reviewUpsertInput = z.object({
  courseId: idSchema,
  rating: z.number().int().min(1).max(5),
  comment: optionalText(2000),
});
export type ReviewUpsertInput = z.infer<typeof reviewUpsertInput>;

export const reviewListInput = z.object({
  courseId: idSchema,
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type ReviewListInput = z.infer<typeof reviewListInput>;
