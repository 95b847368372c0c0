import { MediaFile, MediaRendition, type CourseModule, type Lesson, type RenditionKind } from '@mdsc/db';
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
  /** Images: the worker's small WebP (low-data mode, srcset); videos: their poster frame. Null until
   * the worker has made it. */
  thumbnail: { url: string; width: number; height: number } | null;
  /** Images: size of the served (re-encoded) file, when known. */
  width: number | null;
  height: number | null;
  /** Videos: lighter versions made by the worker (low-data mode); empty without ffmpeg. */
  renditions: RenditionDto[];
}

export interface RenditionDto {
  kind: RenditionKind;
  /** Served by the same access-checked route as the file itself. */
  url: string;
  fileType: string;
  fileSize: number;
  width: number | null;
  height: number | null;
  bitrate: number | null;
}

/** Include for a lesson's file with its renditions (one query with the lessons, no N+1). */
export const lessonMediaInclude = {
  model: MediaFile,
  as: 'mediaFile',
  include: [{ model: MediaRendition, as: 'renditions' }],
};

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
  const meta = m.metadata ?? {};
  const thumb = meta.thumbnail as { width?: number; height?: number } | undefined;
  const poster = m.renditions?.find((r) => r.kind === 'poster');
  return {
    id: m.id,
    url: m.url,
    fileType: m.fileType,
    fileCategory: m.fileCategory,
    originalFilename: m.originalFilename,
    thumbnailUrl: m.thumbnailUrl ?? null,
    duration: m.duration ?? null,
    thumbnail:
      thumb?.width && thumb.height
        ? { url: `/api/media/${m.id}/thumbnail`, width: thumb.width, height: thumb.height }
        : poster?.width && poster.height
          ? { url: `/api/media/${m.id}/renditions/poster`, width: poster.width, height: poster.height }
          : null,
    width: typeof meta.width === 'number' ? meta.width : null,
    height: typeof meta.height === 'number' ? meta.height : null,
    renditions: (m.renditions ?? [])
      .map((r) => ({
        kind: r.kind,
        url: `/api/media/${m.id}/renditions/${r.kind}`,
        fileType: r.fileType,
        fileSize: Number(r.fileSize),
        width: r.width ?? null,
        height: r.height ?? null,
        bitrate: r.bitrate ?? null,
      }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
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
