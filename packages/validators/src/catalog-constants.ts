// Catalog constants without zod, so that pages needing only these stay light.
import type { FileCategory } from './constants';

export const COURSE_SORTS = ['newest', 'popular', 'rating'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

/** Upload limits per file category, in bytes (also shown by the web app). */
export const MEDIA_SIZE_LIMITS: Record<FileCategory, number> = {
  image: 10 * 1024 * 1024,
  document: 50 * 1024 * 1024,
  presentation: 100 * 1024 * 1024,
  audio: 200 * 1024 * 1024,
  video: 2 * 1024 * 1024 * 1024,
  h5p: 200 * 1024 * 1024,
  other: 50 * 1024 * 1024,
};

/**
 * Largest image accepted, in pixels (width × height, all frames of an animation together): 64 MP
 * covers 48–50 MP phone photos, and decoding one takes at most ~256 MB. Checked from the header
 * while the upload streams, and again by the worker before it decodes.
 */
export const MEDIA_IMAGE_MAX_PIXELS = 64_000_000;
