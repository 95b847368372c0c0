import type { CourseModule, Lesson, MediaFile } from '@mdsc/db';
import type { LessonContentType } from '@mdsc/validators';
import { toIso } from './access';
import { plainTextToHtml } from './rich-text';

export interface MediaRefDto {
  id: number;
  url: string;
  fileType: string;
  fileCategory: string;
  originalFilename: string;
  thumbnailUrl: string | null;
  duration: number | null;
}

/** The lesson's content: only sent to enrolled students, the instructor and admins. */
export interface LessonContentDto {
  contentText: string | null;
  /** Sanitised HTML to render; older plain-text lessons are converted (paragraphs, lists). */
  contentHtml: string | null;
  contentUrl: string | null;
  videoUrl: string | null;
  mediaFileId: number | null;
  media: MediaRefDto | null;
}

export interface LessonOutlineDto {
  id: number;
  moduleId: number | null;
  title: string;
  description: string | null;
  contentType: LessonContentType;
  durationMinutes: number | null;
  orderIndex: number;
  isRequired: boolean;
  isPublished: boolean;
  content: LessonContentDto | null;
}

export interface ModuleDto {
  id: number;
  courseId: number;
  title: string;
  description: string | null;
  imageUrl: string | null;
  orderIndex: number;
  isUnlocked: boolean;
  updatedAt: string;
}

export function toMediaRef(m: MediaFile | null | undefined): MediaRefDto | null {
  if (!m) return null;
  return {
    id: m.id,
    url: m.url,
    fileType: m.fileType,
    fileCategory: m.fileCategory,
    originalFilename: m.originalFilename,
    thumbnailUrl: m.thumbnailUrl ?? null,
    duration: m.duration ?? null,
  };
}

export function toLessonDto(l: Lesson, withContent: boolean): LessonOutlineDto {
  return {
    id: l.id,
    moduleId: l.moduleId ?? null,
    title: l.title,
    description: l.description ?? null,
    contentType: l.contentType,
    durationMinutes: l.durationMinutes ?? null,
    orderIndex: l.orderIndex,
    isRequired: !!l.isRequired,
    isPublished: !!l.isPublished,
    content: withContent
      ? {
          contentText: l.contentText ?? null,
          contentHtml: l.contentHtml ?? (l.contentText ? plainTextToHtml(l.contentText) : null),
          contentUrl: l.contentUrl ?? null,
          videoUrl: l.videoUrl ?? null,
          mediaFileId: l.mediaFileId ?? null,
          media: toMediaRef(l.mediaFile),
        }
      : null,
  };
}

export function toModuleDto(m: CourseModule): ModuleDto {
  return {
    id: m.id,
    courseId: m.courseId,
    title: m.title,
    description: m.description ?? null,
    imageUrl: m.imageUrl ?? null,
    orderIndex: m.orderIndex,
    isUnlocked: !!m.isUnlocked,
    updatedAt: toIso(m.updatedAt)!,
  };
}

/** Modules in order, each with its lessons in order, plus the lessons attached to the course itself. */
export function buildOutline(modules: CourseModule[], lessons: Lesson[], withContent: boolean) {
  const byModule = new Map<number | null, LessonOutlineDto[]>();
  for (const l of lessons) {
    const key = l.moduleId ?? null;
    if (!byModule.has(key)) byModule.set(key, []);
    byModule.get(key)!.push(toLessonDto(l, withContent));
  }
  const sort = (list: LessonOutlineDto[] = []) =>
    list.sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id);
  return {
    modules: [...modules]
      .sort((a, b) => a.orderIndex - b.orderIndex || a.id - b.id)
      .map((m) => ({ ...toModuleDto(m), lessons: sort(byModule.get(m.id)) })),
    courseLessons: sort(byModule.get(null)),
  };
}
