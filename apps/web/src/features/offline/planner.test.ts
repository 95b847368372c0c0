import { describe, expect, it } from 'vitest';
import {
  courseFiles,
  courseLessons,
  lessonFiles,
  summarize,
  type CourseView,
  type LessonView,
  type PlannedFile,
} from './planner';

function view(
  id: number,
  contentType: string,
  content: Partial<NonNullable<LessonView['lesson']['content']>>,
): LessonView {
  return {
    lesson: {
      id,
      contentType,
      title: `Leçon ${id}`,
      content: {
        contentText: null,
        contentHtml: null,
        contentUrl: null,
        videoUrl: null,
        mediaFileId: null,
        media: null,
        ...content,
      },
    },
  } as unknown as LessonView;
}
type Rendition = NonNullable<NonNullable<LessonView['lesson']['content']>['media']>['renditions'][number];
const rendition = (id: number, kind: Rendition['kind']): Rendition => ({
  url: `/api/media/${id}/renditions/${kind}`,
  kind,
  fileType: 'x',
  fileSize: 1,
  width: null,
  height: null,
  bitrate: null,
});
const media = (id: number, fileType: string) => ({
  id,
  url: `/api/media/${id}`,
  fileType,
  fileCategory: 'x',
  originalFilename: `f${id}`,
  thumbnailUrl: null,
  duration: null,
  width: null,
  height: null,
  thumbnail: null,
  renditions: [] as Rendition[],
});

describe('offline download planner', () => {
  it('lists the lessons in reading order with their locks', () => {
    const course = {
      modules: [
        {
          lessons: [
            { id: 1, title: 'a', locked: false },
            { id: 2, title: 'b', locked: false },
          ],
        },
        { lessons: [{ id: 3, title: 'c', locked: true }] },
      ],
      courseLessons: [{ id: 9, title: 'z', locked: false }],
    } as unknown as CourseView;
    expect(courseLessons(course).map((l) => [l.id, l.locked])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [9, false],
    ]);
  });

  it('finds a lesson’s own files by kind, and the images of its text; never other sites’ files', () => {
    expect(lessonFiles(view(1, 'document', { media: media(5, 'application/pdf') }))).toEqual([
      { url: '/api/media/5', kind: 'document' },
    ]);
    expect(lessonFiles(view(2, 'video', { media: media(6, 'video/webm') }))).toEqual([
      { url: '/api/media/6', kind: 'media' },
    ]);
    const withRenditions = media(8, 'video/mp4');
    withRenditions.renditions = [rendition(8, 'video_low'), rendition(8, 'audio'), rendition(8, 'poster')];
    expect(lessonFiles(view(6, 'video', { media: withRenditions }))).toEqual([
      { url: '/api/media/8', kind: 'media' },
      { url: '/api/media/8/renditions/video_low', kind: 'media' },
      { url: '/api/media/8/renditions/audio', kind: 'media' },
      { url: '/api/media/8/renditions/poster', kind: 'image' },
    ]);
    expect(lessonFiles(view(3, 'audio', { contentUrl: '/api/media/7' }))).toEqual([
      { url: '/api/media/7', kind: 'media' },
    ]);
    expect(lessonFiles(view(4, 'video', { videoUrl: 'https://video.example/x.mp4' }))).toEqual([]);
    expect(
      lessonFiles(
        view(5, 'text', {
          contentHtml:
            '<p>x</p><img alt="" src="/api/media/8"><img src=\'https://cdn.example/y.png\'><IMG class="w" SRC="/api/media/9?w=1&amp;h=2">',
        }),
      ),
    ).toEqual([
      { url: '/api/media/8', kind: 'image' },
      { url: '/api/media/9?w=1&h=2', kind: 'image' },
    ]);
    expect(
      lessonFiles({ lesson: { id: 6, contentType: 'quiz', content: null } } as unknown as LessonView),
    ).toEqual([]);
  });

  it('keeps each file once across lessons', () => {
    const views = [
      view(1, 'text', { contentHtml: '<img src="/api/media/8">' }),
      view(2, 'text', { contentHtml: '<img src="/api/media/8"><img src="/api/media/10">' }),
    ];
    expect(courseFiles(views).map((f) => f.url)).toEqual(['/api/media/8', '/api/media/10']);
  });

  it('estimates the download with or without audio and video', () => {
    const files: PlannedFile[] = [
      { url: '/api/media/1', kind: 'document', bytes: 40_000 },
      { url: '/api/media/2', kind: 'image', bytes: null },
      { url: '/api/media/3', kind: 'media', bytes: 2_000_000 },
    ];
    const without = summarize(files, 5_000, false);
    expect(without.files.map((f) => f.url)).toEqual(['/api/media/1', '/api/media/2']);
    expect(without.bytes).toBe(45_000);
    expect(without.media).toEqual({ files: 1, bytes: 2_000_000 });
    const withMedia = summarize(files, 5_000, true);
    expect(withMedia.files).toHaveLength(3);
    expect(withMedia.bytes).toBe(2_045_000);
  });
});
