// The demo courses' files, uploaded through the storage driver like any instructor upload
// (media_files rows, /api/media/:id URLs, the same checks and processing jobs), so that every
// demo lesson plays in embedded mode. @mdsc/db seeds the rows but may not import storage: this runs
// at API start-up, after seedDemo. Idempotent: a lesson that has its file, or a course that has its
// image, is left alone.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  Category,
  Course,
  CourseModule,
  DEMO_COURSES,
  DEMO_INSTRUCTOR_EMAIL,
  Lesson,
  User,
  type DemoMedia,
} from '@mdsc/db';
import type { Content } from 'pdfmake/interfaces';
import sharp from 'sharp';
import { uploadMedia } from '../catalog/media.service';
import { renderPdf } from '../certificates/pdf';
import type { Actor, CoreDeps } from '../deps';

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'jobs' | 'clock' | 'logger'>;

/** Made once with ffmpeg (`testsrc` + `sine`, VP8/Opus): a 4 s test pattern (WebM), a 5 s tone (MP3). */
const ASSETS = {
  video: new URL('./assets/demo-video.webm', import.meta.url),
  audio: new URL('./assets/demo-audio.mp3', import.meta.url),
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Splits a title into lines of at most `width` characters, on spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A 1280×720 course image: the category's colour, the course title, drawn by sharp from SVG. */
export async function demoCourseImage(title: string, color: string): Promise<Buffer> {
  const lines = wrap(title, 26).slice(0, 4);
  const text = lines
    .map((l, i) => `<text x="80" y="${300 + i * 84}" font-size="68" font-weight="700">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720">
    <rect width="1280" height="720" fill="${escapeXml(color)}"/>
    <circle cx="1130" cy="130" r="260" fill="#ffffff" fill-opacity="0.08"/>
    <circle cx="1180" cy="640" r="180" fill="#ffffff" fill-opacity="0.06"/>
    <g fill="#ffffff" font-family="DejaVu Sans, Arial, sans-serif">
      <text x="80" y="160" font-size="34" fill-opacity="0.85">MdSC MOOC</text>${text}
    </g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A one-page handout: the lesson's title and description, then its sections. */
export async function demoHandoutPdf(
  title: string,
  intro: string,
  sections: Extract<DemoMedia, { kind: 'pdf' }>['sections'],
): Promise<Buffer> {
  const content: Content[] = [
    { text: 'MdSC MOOC — fiche pratique', color: '#57606a', fontSize: 10, margin: [0, 0, 0, 8] },
    { text: title, fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
    { text: intro, italics: true, margin: [0, 0, 0, 14] },
  ];
  for (const s of sections) {
    content.push({ text: s.heading, fontSize: 14, bold: true, margin: [0, 10, 0, 6] });
    const bullets = s.lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    for (const l of s.lines.filter((x) => !x.startsWith('- ')))
      content.push({ text: l, margin: [0, 0, 0, 6] });
    if (bullets.length) content.push({ ul: bullets, margin: [0, 0, 0, 6] });
  }
  return renderPdf({
    info: { title },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    content,
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25 },
  });
}

async function fileFor(media: DemoMedia, lesson: { title: string; description: string }): Promise<Buffer> {
  if (media.kind === 'pdf') return demoHandoutPdf(lesson.title, lesson.description, media.sections);
  return readFile(ASSETS[media.kind]);
}

const CATEGORY_OF: Record<DemoMedia['kind'], 'video' | 'audio' | 'document'> = {
  video: 'video',
  audio: 'audio',
  pdf: 'document',
};

export interface DemoMediaResult {
  uploaded: number;
}

/** Uploads what the demo courses still lack. Does nothing when the demo data is not there. */
export async function seedDemoMedia(deps: Deps): Promise<DemoMediaResult> {
  const instructor = await User.findOne({
    where: { email: DEMO_INSTRUCTOR_EMAIL },
    attributes: ['id', 'role'],
  });
  if (!instructor) return { uploaded: 0 };
  const actor: Actor = { id: instructor.id, role: instructor.role, emailVerified: true, locale: 'fr' };
  let uploaded = 0;
  for (const demo of DEMO_COURSES) {
    const course = await Course.findOne({ where: { slug: demo.slug } });
    if (!course || course.instructorId !== instructor.id) continue;
    if (!course.thumbnailUrl) {
      const category = await Category.findByPk(course.categoryId, { attributes: ['color'] });
      const media = await uploadMedia(deps, actor, {
        courseId: course.id,
        category: 'image',
        filename: `${demo.slug}.png`,
        stream: Readable.from(await demoCourseImage(demo.title, category?.color ?? '#0f5e9c')),
      });
      await course.update({ thumbnailUrl: media.url });
      uploaded++;
    }
    const modules = await CourseModule.findAll({
      where: { courseId: course.id },
      attributes: ['id', 'orderIndex'],
    });
    const lessons = await Lesson.findAll({
      where: { courseId: course.id },
      attributes: ['id', 'moduleId', 'orderIndex', 'mediaFileId', 'videoUrl', 'contentUrl'],
    });
    for (const [m, mod] of demo.modules.entries()) {
      const moduleRow = modules.find((x) => x.orderIndex === m + 1);
      for (const [l, spec] of mod.lessons.entries()) {
        if (!spec.media || !moduleRow) continue;
        const lesson = lessons.find((x) => x.moduleId === moduleRow.id && x.orderIndex === l + 1);
        if (!lesson || lesson.mediaFileId) continue;
        const media = await uploadMedia(deps, actor, {
          courseId: course.id,
          lessonId: lesson.id,
          category: CATEGORY_OF[spec.media.kind],
          filename: spec.media.filename,
          stream: Readable.from(await fileFor(spec.media, spec)),
        });
        // Older demo installs pointed at /demo/… paths that never existed.
        await lesson.update({ mediaFileId: media.id, videoUrl: null, contentUrl: null });
        uploaded++;
      }
    }
  }
  if (uploaded) deps.logger.info({ uploaded }, 'demo media uploaded');
  return { uploaded };
}
