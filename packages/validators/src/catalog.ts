// Inputs of the catalog and authoring procedures, shared by the API and the browser's forms.
import { z } from 'zod';
import { COURSE_SORTS } from './catalog-constants';
import { idSchema } from './common';
import { DIFFICULTIES, FILE_CATEGORIES, LESSON_CONTENT_TYPES, type LessonContentType } from './constants';
import { englishNameFields, englishNameUpdateFields, optionalLongText, optionalSafeText, safeName } from './text';

// Names, titles and texts are cleaned (control, escape and bidi characters removed; see text.ts).
const trimmed = (min: number, max: number) => safeName(min, max);
const optionalText = (max: number) => optionalSafeText(max);
const optionalMultiline = (max: number) => optionalSafeText(max, { multiline: true });

/** An absolute http(s) URL or a file served by this platform (`/api/media/…`). */
export const contentUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => (/^https?:\/\//i.test(v) ? URL.canParse(v) : /^\/api\/media\/\d+(\/[\w.-]+)?$/.test(v)),
    'must be an http(s) URL or an uploaded file',
  );
const optionalUrl = contentUrlSchema.nullish().transform((v) => (v ? v : null));
const isoDate = z.iso
  .datetime({ offset: true })
  .nullish()
  .transform((v) => (v ? v : null));

// ---------------------------------------------------------------- categories
export const categoryColorSchema = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as #1f7a4d');

export const categoryCreateInput = z.object({
  name: trimmed(2, 255),
  description: optionalMultiline(2000),
  color: categoryColorSchema.nullish().transform((v) => v ?? null),
  icon: optionalText(100),
  ...englishNameFields,
});
export type CategoryCreateInput = z.infer<typeof categoryCreateInput>;

export const categoryUpdateInput = z.object({
  id: idSchema,
  name: trimmed(2, 255).optional(),
  description: optionalMultiline(2000).optional(),
  color: categoryColorSchema.nullish().optional(),
  icon: optionalText(100).optional(),
  isActive: z.boolean().optional(),
  ...englishNameUpdateFields,
});
export type CategoryUpdateInput = z.infer<typeof categoryUpdateInput>;

// ---------------------------------------------------------------- courses
/** Currencies without minor units: their prices are whole numbers. */
export const ZERO_DECIMAL_CURRENCIES = ['XOF', 'XAF', 'GNF', 'JPY', 'KRW', 'RWF', 'BIF', 'KMF', 'DJF', 'UGX'];

const courseFields = {
  title: trimmed(3, 255),
  categoryId: idSchema,
  prerequisiteCourseId: idSchema.nullish().transform((v) => v ?? null),
  description: optionalLongText,
  shortDescription: optionalText(500),
  thumbnailUrl: optionalUrl,
  videoUrl: optionalUrl,
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .nullish()
    .transform((v) => v ?? null),
  difficulty: z.enum(DIFFICULTIES),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as fr, en or fon'),
  price: z.number().min(0).max(99_999_999.99),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as XOF'),
  enrollmentDeadline: isoDate,
  courseStartDate: isoDate,
  courseEndDate: isoDate,
};

interface CourseRuleFields {
  price?: number;
  currency?: string;
  enrollmentDeadline?: string | Date | null;
  courseStartDate?: string | Date | null;
  courseEndDate?: string | Date | null;
}

/** Rules across fields, shared by the schema (create) and the service (update merged with the row). */
export function courseRuleIssues(c: CourseRuleFields): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const t = (d: string | Date | null | undefined) => (d ? new Date(d).getTime() : null);
  const start = t(c.courseStartDate);
  const end = t(c.courseEndDate);
  const deadline = t(c.enrollmentDeadline);
  if (start !== null && end !== null && start >= end) {
    issues.push({ field: 'courseEndDate', message: 'must be after the start date' });
  }
  if (deadline !== null && end !== null && deadline > end) {
    issues.push({ field: 'enrollmentDeadline', message: 'must not be after the end date' });
  }
  if (c.price !== undefined) {
    if (Math.abs(c.price * 100 - Math.round(c.price * 100)) > 1e-6) {
      issues.push({ field: 'price', message: 'at most two decimals' });
    } else if (c.currency && ZERO_DECIMAL_CURRENCIES.includes(c.currency) && !Number.isInteger(c.price)) {
      issues.push({ field: 'price', message: `${c.currency} prices are whole numbers` });
    }
  }
  return issues;
}

function withCourseRules<T extends z.ZodType<CourseRuleFields>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    for (const i of courseRuleIssues(value))
      ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
  });
}

export const courseCreateInput = withCourseRules(
  z.object({
    ...courseFields,
    difficulty: courseFields.difficulty.default('beginner'),
    language: courseFields.language.default('fr'),
    price: courseFields.price.default(0),
    currency: courseFields.currency.default('XOF'),
    /** Admins may create a course on behalf of an instructor. */
    instructorId: idSchema.optional(),
  }),
);
export type CourseCreateInput = z.infer<typeof courseCreateInput>;

export const courseUpdateInput = withCourseRules(
  z.object({
    id: idSchema,
    ...Object.fromEntries(Object.entries(courseFields).map(([k, v]) => [k, v.optional()])),
  }) as unknown as z.ZodObject<
    { id: typeof idSchema } & { [K in keyof typeof courseFields]: z.ZodOptional<(typeof courseFields)[K]> }
  >,
);
export type CourseUpdateInput = z.infer<typeof courseUpdateInput>;

export const courseByIdInput = z.object({ id: idSchema });
export type CourseByIdInput = z.infer<typeof courseByIdInput>;
export const courseSlugInput = z.object({ slug: z.string().trim().min(1).max(255) });
export const courseFeatureInput = z.object({ id: idSchema, featured: z.boolean() });

/** The catalog search to correct ("Vouliez-vous dire…"). */
export const courseSearchSuggestionInput = z.object({ q: z.string().trim().min(1).max(200) });

export const courseListInput = z
  .object({
    q: z.string().trim().max(200).optional(),
    categoryId: idSchema.optional(),
    difficulty: z.enum(DIFFICULTIES).optional(),
    language: courseFields.language.optional(),
    pricing: z.enum(['free', 'paid']).optional(),
    minPrice: z.number().min(0).optional(),
    maxPrice: z.number().min(0).optional(),
    sort: z.enum(COURSE_SORTS).default('newest'),
    cursor: z.string().max(300).nullish(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    path: ['maxPrice'],
    message: 'must be at least the minimum price',
  });
export type CourseListInput = z.input<typeof courseListInput>;
export type CourseListQuery = z.output<typeof courseListInput>;

export const featuredCoursesInput = z
  .object({ limit: z.number().int().min(1).max(24).default(8) })
  .default({ limit: 8 });
export const coursesPerCategoryInput = z
  .object({ perCategory: z.number().int().min(1).max(12).default(4) })
  .default({ perCategory: 4 });

// ---------------------------------------------------------------- modules
export const moduleCreateInput = z.object({
  courseId: idSchema,
  title: trimmed(1, 255),
  description: optionalLongText,
  imageUrl: optionalUrl,
  isUnlocked: z.boolean().default(false),
});
export type ModuleCreateInput = z.infer<typeof moduleCreateInput>;

export const moduleUpdateInput = z.object({
  id: idSchema,
  title: trimmed(1, 255).optional(),
  description: optionalLongText.optional(),
  imageUrl: optionalUrl.optional(),
  isUnlocked: z.boolean().optional(),
});
export type ModuleUpdateInput = z.infer<typeof moduleUpdateInput>;

const uniqueIds = z
  .array(idSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id');

export const moduleReorderInput = z.object({ courseId: idSchema, moduleIds: uniqueIds });
export type ModuleReorderInput = z.infer<typeof moduleReorderInput>;

// ---------------------------------------------------------------- lessons
/** What each content type needs besides a title. `oneOf`: at least one of these fields is set. */
export const LESSON_REQUIREMENTS: Record<LessonContentType, { oneOf: (keyof LessonContentFields)[] } | null> =
  {
    video: { oneOf: ['mediaFileId', 'videoUrl'] },
    audio: { oneOf: ['mediaFileId', 'contentUrl'] },
    document: { oneOf: ['mediaFileId', 'contentUrl'] },
    presentation: { oneOf: ['mediaFileId', 'contentUrl'] },
    // Packages are attached through lesson_packages.lesson_id (uploaded after the lesson exists).
    h5p: null,
    scorm: null,
    text: { oneOf: ['contentText', 'contentHtml'] },
    // Its instructions and settings live in the assignments table (migration 0710).
    assignment: null,
    quiz: null, // the quiz itself is attached through quizzes.lesson_id
  };

/** File categories a lesson of each type may point at through media_file_id. */
export const LESSON_MEDIA_CATEGORIES: Record<LessonContentType, readonly string[]> = {
  video: ['video'],
  audio: ['audio'],
  document: ['document'],
  presentation: ['presentation', 'document'],
  h5p: ['h5p'],
  scorm: [],
  text: ['image'],
  assignment: ['document', 'image'],
  quiz: [],
};

export interface LessonContentFields {
  contentType: LessonContentType;
  mediaFileId?: number | null;
  contentUrl?: string | null;
  contentText?: string | null;
  contentHtml?: string | null;
  videoUrl?: string | null;
}

export function lessonContentIssues(l: LessonContentFields): { field: string; message: string }[] {
  const req = LESSON_REQUIREMENTS[l.contentType];
  if (!req) return [];
  const has = req.oneOf.some((f) => {
    const v = l[f];
    return typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined;
  });
  return has
    ? []
    : [{ field: req.oneOf[0], message: `a ${l.contentType} lesson needs ${req.oneOf.join(' or ')}` }];
}

/** Rich lesson text as HTML (sanitised by the server, which derives content_text from it). */
export const LESSON_HTML_MAX_BYTES = 512 * 1024;
const optionalHtml = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length <= LESSON_HTML_MAX_BYTES, 'too long (512 KB at most)')
  .nullish()
  .transform((v) => (v && v.trim() ? v : null));

const lessonFields = {
  title: trimmed(1, 255),
  description: optionalLongText,
  contentType: z.enum(LESSON_CONTENT_TYPES),
  mediaFileId: idSchema.nullish().transform((v) => v ?? null),
  contentUrl: optionalUrl,
  contentText: optionalLongText,
  contentHtml: optionalHtml,
  videoUrl: optionalUrl,
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .nullish()
    .transform((v) => v ?? null),
  isRequired: z.boolean(),
  isPublished: z.boolean(),
};

export const lessonCreateInput = z
  .object({
    courseId: idSchema,
    moduleId: idSchema.nullish().transform((v) => v ?? null),
    ...lessonFields,
    isRequired: lessonFields.isRequired.default(true),
    isPublished: lessonFields.isPublished.default(false),
  })
  .superRefine((v, ctx) => {
    for (const i of lessonContentIssues(v))
      ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
  });
export type LessonCreateInput = z.infer<typeof lessonCreateInput>;

export const lessonUpdateInput = z.object({
  id: idSchema,
  ...Object.fromEntries(Object.entries(lessonFields).map(([k, v]) => [k, v.optional()])),
}) as unknown as z.ZodObject<
  { id: typeof idSchema } & { [K in keyof typeof lessonFields]: z.ZodOptional<(typeof lessonFields)[K]> }
>;
export type LessonUpdateInput = z.infer<typeof lessonUpdateInput>;

export const lessonIdInput = z.object({ id: idSchema });

/** The new order of the lessons of one module (or of the course's own lessons when moduleId is null). */
export const lessonReorderInput = z.object({
  courseId: idSchema,
  moduleId: idSchema.nullable(),
  lessonIds: uniqueIds,
});
export type LessonReorderInput = z.infer<typeof lessonReorderInput>;

export const lessonMoveInput = z.object({
  id: idSchema,
  toModuleId: idSchema.nullable(),
  /** Position in the target list; past the end means last. */
  toIndex: z.number().int().min(0),
});
export type LessonMoveInput = z.infer<typeof lessonMoveInput>;

// ---------------------------------------------------------------- media
export const mediaUploadQuery = z.object({
  courseId: z.coerce.number().int().positive(),
  lessonId: z.coerce.number().int().positive().optional(),
  category: z.enum(FILE_CATEGORIES).optional(),
  /** `discussion`: an attachment for a post, by any member of the course (images and documents). */
  purpose: z.enum(['course', 'discussion']).default('course'),
});
export type MediaUploadQuery = z.infer<typeof mediaUploadQuery>;

/** A course's media library (its instructor's view): newest first, optionally one category. */
export const courseMediaListInput = z.object({
  courseId: idSchema,
  category: z.enum(FILE_CATEGORIES).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type CourseMediaListInput = z.infer<typeof courseMediaListInput>;
