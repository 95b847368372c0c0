// Keeping a course for offline reading: the answers of the queries its pages make (lib/offline-copy,
// which the tRPC client reads from when the network is gone) and its files in Cache Storage (read
// by the service worker). Every answer comes from the server with the learner's session, so only
// what the learner may read is kept. An index in localStorage says which course holds what.
import { OFFLINE_INDEX_KEY, writeCopy, copyKey } from '../../lib/offline-copy';
import { OFFLINE_DATA_CACHE, OFFLINE_FILES_CACHE } from '../../lib/offline-names';
import type { trpc } from '../../lib/trpc';
import {
  courseFiles,
  courseLessons,
  summarize,
  type CourseView,
  type LessonView,
  type PlannedFile,
} from './planner';

type Client = ReturnType<typeof trpc.useUtils>['client'];

export interface SavedCourse {
  slug: string;
  title: string;
  savedAt: string;
  bytes: number;
  lessonIds: number[];
  files: string[];
  includeMedia: boolean;
}

export interface Plan {
  course: CourseView;
  me: unknown;
  views: LessonView[];
  files: PlannedFile[];
  /** Bytes of the JSON answers kept (outline, lessons, account). */
  dataBytes: number;
  /** Lessons the learner may not open yet (not downloaded). */
  locked: number;
}

export const offlineSupported = () => typeof caches !== 'undefined' && 'serviceWorker' in navigator;

export function savedCourses(): Record<string, SavedCourse> {
  try {
    return (JSON.parse(localStorage.getItem(OFFLINE_INDEX_KEY) ?? '{}') as Record<string, SavedCourse>) ?? {};
  } catch {
    return {};
  }
}

function saveIndex(index: Record<string, SavedCourse>) {
  localStorage.setItem(OFFLINE_INDEX_KEY, JSON.stringify(index));
}

/** Runs `fn` over the items, `limit` at a time (a phone on a slow network). */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function fileSize(url: string): Promise<number | null> {
  const res = await fetch(url, { method: 'HEAD', credentials: 'include' });
  const n = Number(res.headers.get('content-length'));
  return res.ok && Number.isFinite(n) && n > 0 ? n : null;
}

const jsonBytes = (v: unknown) => new Blob([JSON.stringify(v)]).size;

/** Reads what the learner may download (the server refuses locked lessons) and the files' sizes. */
export async function planCourse(client: Client, slug: string): Promise<Plan> {
  const [course, me] = await Promise.all([client.progress.course.query({ slug }), client.auth.me.query()]);
  const lessons = courseLessons(course);
  const open = lessons.filter((l) => !l.locked);
  const views = await Promise.all(open.map((l) => client.progress.lesson.query({ lessonId: l.id })));
  const files: PlannedFile[] = courseFiles(views).map((f) => ({ ...f, bytes: null }));
  await eachLimited(files, 4, async (f) => {
    f.bytes = await fileSize(f.url).catch(() => null);
  });
  const dataBytes = jsonBytes(course) + jsonBytes(me) + views.reduce((n, v) => n + jsonBytes(v), 0);
  return { course, me, views, files, dataBytes, locked: lessons.length - open.length };
}

/**
 * Keeps the planned lessons and files; `onProgress(done, total)` after each. On a failure, what this
 * download wrote is removed (a half copy would open lessons without their files) and the error thrown.
 */
export async function downloadCourse(
  plan: Plan,
  includeMedia: boolean,
  onProgress: (done: number, total: number) => void,
): Promise<SavedCourse> {
  const slug = plan.course.course.slug;
  const { files, bytes: estimated } = summarize(plan.files, plan.dataBytes, includeMedia);
  const total = plan.views.length + files.length + 1;
  let done = 0;
  const step = () => onProgress(++done, total);
  const saved: SavedCourse = {
    slug,
    title: plan.course.course.title,
    savedAt: new Date().toISOString(),
    bytes: 0,
    lessonIds: plan.views.map((v) => v.lesson.id),
    files: files.map((f) => f.url),
    includeMedia,
  };
  try {
    let bytes =
      (await writeCopy('progress.course', { slug }, plan.course)) +
      (await writeCopy('auth.me', undefined, plan.me));
    step();
    for (const v of plan.views) {
      bytes += await writeCopy('progress.lesson', { lessonId: v.lesson.id }, v);
      step();
    }
    const cache = await caches.open(OFFLINE_FILES_CACHE);
    await eachLimited(files, 3, async (f) => {
      const res = await fetch(f.url, { credentials: 'include' });
      if (!res.ok) throw new Error(`${f.url}: HTTP ${res.status}`);
      const blob = await res.blob();
      bytes += blob.size;
      await cache.put(
        f.url,
        new Response(blob, { headers: { 'content-type': res.headers.get('content-type') ?? blob.type } }),
      );
      step();
    });
    saved.bytes = bytes || estimated;
  } catch (err) {
    await removeEntries(saved, savedCourses());
    throw err;
  }
  saveIndex({ ...savedCourses(), [slug]: saved });
  // Ask the browser not to evict the copy under storage pressure (it may say no).
  void navigator.storage?.persist?.().catch(() => false);
  return saved;
}

/** Deletes a course's answers and the files no other kept course uses. */
async function removeEntries(course: SavedCourse, index: Record<string, SavedCourse>): Promise<void> {
  const others = Object.values(index).filter((c) => c.slug !== course.slug);
  const stillUsed = new Set(others.flatMap((c) => c.files));
  const [data, files] = await Promise.all([
    caches.open(OFFLINE_DATA_CACHE),
    caches.open(OFFLINE_FILES_CACHE),
  ]);
  await Promise.all([
    data.delete(copyKey('progress.course', { slug: course.slug })),
    ...course.lessonIds.map((lessonId) => data.delete(copyKey('progress.lesson', { lessonId }))),
    ...course.files.filter((u) => !stillUsed.has(u)).map((u) => files.delete(u)),
    ...(others.length ? [] : [data.delete(copyKey('auth.me', undefined))]),
  ]);
}

export async function removeCourse(slug: string): Promise<void> {
  const index = savedCourses();
  const course = index[slug];
  if (!course) return;
  await removeEntries(course, index);
  delete index[slug];
  saveIndex(index);
}

/** The browser's own figure for this site's storage (usage and quota), when it gives one. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const e = await navigator.storage?.estimate?.().catch(() => null);
  return e && typeof e.usage === 'number' && typeof e.quota === 'number'
    ? { usage: e.usage, quota: e.quota }
    : null;
}
