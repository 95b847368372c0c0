// The demo's package lessons: a short course by the demo instructor with a SCORM 1.2 module and an
// H5P activity (the conformant packages of ../packages/fixtures.ts), installed through the same
// service as an upload. Idempotent: what exists is kept, a missing package is installed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Category, Course, CourseModule, DEMO_INSTRUCTOR_EMAIL, Lesson, LessonPackage, User } from '@mdsc/db';
import { Readable } from 'node:stream';
import { uploadMedia } from '../catalog/media.service';
import type { Actor, CoreDeps } from '../deps';
import { h5pPackage, scorm12Package } from '../packages/fixtures';
import { installPackage } from '../packages/package.service';
import { demoCourseImage } from './demo-media.service';

export const DEMO_PACKAGES_SLUG = 'modules-interactifs-scorm-h5p';

const LESSONS = [
  {
    title: 'Module SCORM : gérer un projet associatif',
    description: 'Un module e-learning au format SCORM 1.2, comme ceux exportés par Articulate ou iSpring.',
    contentType: 'scorm' as const,
    build: scorm12Package,
  },
  {
    title: 'Activité H5P : vérifier ses acquis',
    description: 'Une activité interactive H5P : répondez pour terminer la leçon.',
    contentType: 'h5p' as const,
    build: h5pPackage,
  },
];

export async function seedDemoPackages(
  deps: Pick<CoreDeps, 'db' | 'storage' | 'jobs' | 'clock' | 'logger'>,
): Promise<{ installed: number }> {
  const instructor = await User.findOne({
    where: { email: DEMO_INSTRUCTOR_EMAIL },
    attributes: ['id', 'role'],
  });
  const category = await Category.findOne({ where: { name: 'Gouvernance' }, attributes: ['id'] });
  if (!instructor || !category) return { installed: 0 };
  const actor: Actor = { id: instructor.id, role: instructor.role, emailVerified: true, locale: 'fr' };
  const [course] = await Course.findOrCreate({
    where: { slug: DEMO_PACKAGES_SLUG },
    defaults: {
      title: 'Modules interactifs : SCORM et H5P',
      slug: DEMO_PACKAGES_SLUG,
      instructorId: instructor.id,
      categoryId: category.id,
      prerequisiteCourseId: null,
      description:
        'Suivez un module SCORM et une activité H5P directement sur la plateforme : votre progression est enregistrée et vous reprenez là où vous vous êtes arrêté.',
      shortDescription: 'Un module SCORM et une activité H5P, joués sur la plateforme.',
      thumbnailUrl: null,
      videoUrl: null,
      durationMinutes: 20,
      isPublished: true,
      enrollmentDeadline: null,
      courseStartDate: null,
      courseEndDate: null,
    },
  });
  if (course.instructorId !== instructor.id) return { installed: 0 };
  if (!course.thumbnailUrl) {
    const media = await uploadMedia(deps, actor, {
      courseId: course.id,
      category: 'image',
      filename: `${DEMO_PACKAGES_SLUG}.png`,
      stream: Readable.from(await demoCourseImage(course.title, '#0f5e9c')),
    });
    await course.update({ thumbnailUrl: media.url });
  }
  const [mod] = await CourseModule.findOrCreate({
    where: { courseId: course.id, orderIndex: 1 },
    defaults: {
      courseId: course.id,
      title: 'Activités interactives',
      description: null,
      imageUrl: null,
      orderIndex: 1,
      isUnlocked: true,
    },
  });
  let installed = 0;
  const dir = await mkdtemp(path.join(tmpdir(), 'mdsc-demo-pkg-'));
  try {
    for (const [i, spec] of LESSONS.entries()) {
      const [lesson] = await Lesson.findOrCreate({
        where: { courseId: course.id, moduleId: mod.id, orderIndex: i + 1 },
        defaults: {
          courseId: course.id,
          moduleId: mod.id,
          title: spec.title,
          description: spec.description,
          contentType: spec.contentType,
          mediaFileId: null,
          contentUrl: null,
          contentText: null,
          videoUrl: null,
          durationMinutes: 10,
          orderIndex: i + 1,
          isRequired: true,
          isPublished: true,
        },
      });
      if (await LessonPackage.findOne({ where: { lessonId: lesson.id }, attributes: ['id'] })) continue;
      const zipPath = path.join(dir, `${i}.zip`);
      await writeFile(zipPath, await spec.build());
      await installPackage(deps, actor, { lessonId: lesson.id, zipPath });
      installed++;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (installed) deps.logger.info({ installed }, 'demo packages installed');
  return { installed };
}
