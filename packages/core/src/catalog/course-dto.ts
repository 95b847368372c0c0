import type { Course } from '@mdsc/db';
import type { Difficulty } from '@mdsc/validators';
import { toIso } from './access';

/** Every column of a course, as sent to the browser (dates as ISO strings). */
export interface CourseDto {
  id: number;
  slug: string;
  title: string;
  instructorId: number;
  categoryId: number;
  prerequisiteCourseId: number | null;
  description: string | null;
  shortDescription: string | null;
  thumbnailUrl: string | null;
  videoUrl: string | null;
  durationMinutes: number | null;
  difficulty: Difficulty;
  language: string;
  price: number;
  currency: string;
  isPublished: boolean;
  isFeatured: boolean;
  enrollmentDeadline: string | null;
  courseStartDate: string | null;
  courseEndDate: string | null;
  enrollmentCount: number;
  rating: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toCourseDto(c: Course): CourseDto {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    instructorId: c.instructorId,
    categoryId: c.categoryId,
    prerequisiteCourseId: c.prerequisiteCourseId ?? null,
    description: c.description ?? null,
    shortDescription: c.shortDescription ?? null,
    thumbnailUrl: c.thumbnailUrl ?? null,
    videoUrl: c.videoUrl ?? null,
    durationMinutes: c.durationMinutes ?? null,
    difficulty: c.difficulty,
    language: c.language,
    price: Number(c.price),
    currency: c.currency,
    isPublished: !!c.isPublished,
    isFeatured: !!c.isFeatured,
    enrollmentDeadline: toIso(c.enrollmentDeadline),
    courseStartDate: toIso(c.courseStartDate),
    courseEndDate: toIso(c.courseEndDate),
    enrollmentCount: Number(c.enrollmentCount),
    rating: Number(c.rating),
    publishedAt: toIso(c.publishedAt),
    createdAt: toIso(c.createdAt)!,
    updatedAt: toIso(c.updatedAt)!,
  };
}
