// Honest publishing: every thing a learner would trip over refuses publication with
// PRECONDITION_FAILED and one structured problem (code, i18n key, the module/lesson/quiz to fix);
// nothing is published meanwhile. Real MariaDB through the tRPC routers.
import { TRPCError } from '@trpc/server';
import { Course, MediaFile } from '@mdsc/db';
import type { Actor, PublicationProblem } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/catalog-harness';

let h: Harness;
let owner: Actor;
let categoryId: number;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.user('instructor', 'awa');
  categoryId = await h.category('Publication');
});
afterAll(async () => h?.close());

/** A course that would publish: description, one module with one published text lesson. */
async function completeCourse(title: string) {
  const as = h.caller(owner);
  const c = await as.courses.create({ title: `${title} ${h.run}`, categoryId, description: 'Un cours.' });
  const mod = await as.modules.create({ courseId: c.id, title: 'Premier module' });
  await as.lessons.create({
    courseId: c.id,
    moduleId: mod.id,
    title: 'Bienvenue',
    contentType: 'text',
    contentText: 'Bonjour',
    isPublished: true,
  });
  return { c, mod, as };
}

/** Publishes and returns the problems of the refusal (fails the test if it was published). */
async function refusal(courseId: number): Promise<PublicationProblem[]> {
  const err = await h
    .caller(owner)
    .courses.publish({ id: courseId })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe('PRECONDITION_FAILED');
  expect((await Course.findByPk(courseId))!.isPublished).toBe(false);
  const problems = ((err as TRPCError).cause as unknown as { details: { problems: PublicationProblem[] } })
    .details.problems;
  // The editor shows the same list before anyone presses the button.
  const editor = await h.caller(owner).courses.editor({ id: courseId });
  expect(editor.problems).toEqual(problems);
  return problems;
}

describe('publication refusals', () => {
  it('a module without a published lesson', async () => {
    const { c, as } = await completeCourse('Module vide');
    const empty = await as.modules.create({ courseId: c.id, title: 'Module sans leçon' });
    await as.lessons.create({
      courseId: c.id,
      moduleId: empty.id,
      title: 'Brouillon',
      contentType: 'text',
      contentText: 'pas encore',
      isPublished: false,
    });
    expect(await refusal(c.id)).toEqual([
      {
        code: 'emptyModule',
        key: 'authoring.problem.emptyModule',
        message: 'This module has no published lesson',
        moduleId: empty.id,
        lessonId: null,
        quizId: null,
        title: 'Module sans leçon',
      },
    ]);
  });

  it('a published quiz lesson without a quiz, with an unpublished quiz, then with no questions', async () => {
    const { c, mod, as } = await completeCourse('Quiz vide');
    const lesson = await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Le quiz',
      contentType: 'quiz',
      isPublished: true,
    });
    expect(await refusal(c.id)).toMatchObject([
      { code: 'quizLessonWithoutQuiz', lessonId: lesson.id, moduleId: mod.id },
    ]);
    const quiz = await as.quizzes.create({ courseId: c.id, lessonId: lesson.id, title: 'Vérifions' });
    expect(await refusal(c.id)).toMatchObject([
      { code: 'quizLessonQuizUnpublished', lessonId: lesson.id, quizId: quiz.id },
    ]);
    await as.quizzes.update({ id: quiz.id, isPublished: true });
    expect(await refusal(c.id)).toMatchObject([
      { code: 'quizWithoutQuestions', lessonId: lesson.id, quizId: quiz.id },
    ]);
    // A retired question does not count either.
    const q = await as.quizzes.addQuestion({
      quizId: quiz.id,
      questionType: 'true_false',
      questionText: 'Vrai ?',
      correctAnswer: true,
    });
    await as.quizzes.deleteQuestion({ id: q.id });
    expect((await refusal(c.id)).map((p) => p.code)).toEqual(['quizWithoutQuestions']);
    await as.quizzes.addQuestion({
      quizId: quiz.id,
      questionType: 'true_false',
      questionText: 'Vrai ?',
      correctAnswer: true,
    });
    await expect(as.courses.publish({ id: c.id })).resolves.toMatchObject({ published: true });
  });

  it('a published final quiz without questions (an unpublished one is not checked)', async () => {
    const { c, as } = await completeCourse('Examen vide');
    const final = await as.quizzes.create({ courseId: c.id, isFinal: true, title: 'Examen final' });
    // Still a draft: learners do not see it, publication is not held up.
    await as.quizzes.update({ id: final.id, isPublished: true });
    expect(await refusal(c.id)).toMatchObject([
      { code: 'finalQuizWithoutQuestions', quizId: final.id, lessonId: null, title: 'Examen final' },
    ]);
    await as.quizzes.update({ id: final.id, isPublished: false });
    await expect(as.courses.publish({ id: c.id })).resolves.toMatchObject({ published: true });
  });

  it('a video, audio or document lesson whose file was deleted', async () => {
    const { c, mod, as } = await completeCourse('Sans média');
    const files = await Promise.all(
      (['video', 'audio', 'document'] as const).map((category, i) =>
        MediaFile.create({
          courseId: c.id,
          filename: `f${i}`,
          originalFilename: `f${i}`,
          fileType: category === 'document' ? 'application/pdf' : `${category}/mp4`,
          fileCategory: category,
          fileSize: 10,
          storagePath: `x/f${i}`,
          url: '/api/media/pending',
          uploadedBy: owner.id,
        }),
      ),
    );
    const lessons = [];
    for (const [i, type] of (['video', 'audio', 'document'] as const).entries()) {
      lessons.push(
        await as.lessons.create({
          courseId: c.id,
          moduleId: mod.id,
          title: `Leçon ${type}`,
          contentType: type,
          mediaFileId: files[i].id,
          isPublished: true,
        }),
      );
    }
    // An external link where the schema allows one counts as content.
    await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Vidéo externe',
      contentType: 'video',
      videoUrl: 'https://videos.example.org/v.mp4',
      isPublished: true,
    });
    await expect(as.courses.editor({ id: c.id })).resolves.toMatchObject({ problems: [] });
    for (const f of files) await f.destroy(); // lessons.media_file_id is ON DELETE SET NULL
    expect(await refusal(c.id)).toMatchObject(
      lessons.map((l) => ({
        code: 'lessonWithoutMedia',
        lessonId: l.id,
        moduleId: mod.id,
        key: 'authoring.problem.lessonWithoutMedia',
      })),
    );
  });

  it('lists every problem at once, course-level first, then in outline order', async () => {
    const as = h.caller(owner);
    const c = await as.courses.create({ title: `Tout manque ${h.run}`, categoryId });
    const m1 = await as.modules.create({ courseId: c.id, title: 'Un' });
    const m2 = await as.modules.create({ courseId: c.id, title: 'Deux' });
    const problems = await refusal(c.id);
    expect(problems.map((p) => [p.code, p.moduleId])).toEqual([
      ['description', null],
      ['publishedLesson', null],
      ['emptyModule', m1.id],
      ['emptyModule', m2.id],
    ]);
  });
});
