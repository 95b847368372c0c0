// What "Télécharger pour hors-ligne" keeps of a course, worked out from the answers of the queries
// the lesson page uses (pure functions, tested): every lesson open to the learner (the server
// refuses the locked ones), and the files those lessons show — documents and images always, audio
// and video only when the learner asks for them. Only files of this site (/api/media/…) are kept:
// links elsewhere cannot be read offline anyway.
import type { RouterOutputs } from '@mdsc/api';

export type CourseView = RouterOutputs['progress']['course'];
export type LessonView = RouterOutputs['progress']['lesson'];

export type FileKind = 'document' | 'image' | 'media';
export interface PlannedFile {
  url: string;
  kind: FileKind;
  /** From the server's Content-Length; null when unknown. */
  bytes: number | null;
}

/** The lessons of the course in reading order, with which of them the learner may open. */
export function courseLessons(course: CourseView): { id: number; title: string; locked: boolean }[] {
  return [...course.modules.flatMap((m) => m.lessons), ...course.courseLessons].map((l) => ({
    id: l.id,
    title: l.title,
    locked: l.locked,
  }));
}

const isOwnFile = (url: string) => url.startsWith('/api/media/');
const MEDIA_TYPE = /^(audio|video)\//;
const MEDIA_EXT = /\.(mp4|webm|ogg|ogv|mov|m4v|mp3|m4a|wav|oga|opus|aac)(\?|$)/i;
const IMAGE_SRC = /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi;

/** The files one lesson shows (without sizes), by kind. */
export function lessonFiles(view: LessonView): Omit<PlannedFile, 'bytes'>[] {
  const { lesson } = view;
  const c = lesson.content;
  if (!c) return [];
  const files: Omit<PlannedFile, 'bytes'>[] = [];
  const main = c.media?.url ?? c.contentUrl ?? c.videoUrl;
  if (main && isOwnFile(main)) {
    const type = c.media?.fileType ?? '';
    const media =
      lesson.contentType === 'video' ||
      lesson.contentType === 'audio' ||
      MEDIA_TYPE.test(type) ||
      MEDIA_EXT.test(main);
    files.push({ url: main, kind: media ? 'media' : type.startsWith('image/') ? 'image' : 'document' });
  }
  // The worker's renditions, so the player also works offline in low-data mode: the poster always
  // (small), the 360p video and the sound alone with the other audio/video.
  for (const r of c.media?.renditions ?? []) {
    if (isOwnFile(r.url)) files.push({ url: r.url, kind: r.kind === 'poster' ? 'image' : 'media' });
  }
  for (const m of (c.contentHtml ?? '').matchAll(IMAGE_SRC)) {
    const src = m[1]!.replace(/&amp;/g, '&');
    if (isOwnFile(src)) files.push({ url: src, kind: 'image' });
  }
  return files;
}

/** Every distinct file of the lessons (first kind seen wins), in order. */
export function courseFiles(views: LessonView[]): Omit<PlannedFile, 'bytes'>[] {
  const seen = new Map<string, Omit<PlannedFile, 'bytes'>>();
  for (const v of views) for (const f of lessonFiles(v)) if (!seen.has(f.url)) seen.set(f.url, f);
  return [...seen.values()];
}

export interface DownloadSummary {
  /** The files to fetch with this choice. */
  files: PlannedFile[];
  /** Estimated bytes: the lessons' data plus the files (unknown sizes count as 0). */
  bytes: number;
  /** Audio and video left out, or included, with their size. */
  media: { files: number; bytes: number };
}

/** The download for a choice (with or without audio and video). */
export function summarize(files: PlannedFile[], dataBytes: number, includeMedia: boolean): DownloadSummary {
  const media = files.filter((f) => f.kind === 'media');
  const chosen = includeMedia ? files : files.filter((f) => f.kind !== 'media');
  const size = (list: PlannedFile[]) => list.reduce((n, f) => n + (f.bytes ?? 0), 0);
  return {
    files: chosen,
    bytes: dataBytes + size(chosen),
    media: { files: media.length, bytes: size(media) },
  };
}
