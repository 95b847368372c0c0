// Courses and curriculum through the tRPC routers, on MariaDB: ownership, validation, slugs,
// prerequisites, publication, ordering under concurrency, and who sees lesson content.
import { Course, CourseModule, Enrollment, Lesson } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectTrpcError, type Harness } from '../testing/catalog-harness';

let h: Harness;
let owner: Actor;
let other: Actor;
let admin: Actor;
let student: Actor;
let categoryId: number;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.user('instructor', 'awa');
  other = await h.user('instructor', 'koffi');
  admin = await h.user('admin', 'admin');
  student = await h.user('student', 'student');
  categoryId = await h.category('Gouvernance');
});
afterAll(async () => h?.close());

const course = (actor: Actor, title: string, extra: Record<string, unknown> = {}) =>
  h.caller(actor).courses.create({ title: `${title} ${h.run}`, categoryId, ...extra });

describe('ownership', () => {
  it('refuses another instructor every change to a course (FORBIDDEN), and allows an admin', async () => {
    const c = await course(owner, 'Budget participatif');
    const mod = await h.caller(owner).modules.create({ courseId: c.id, title: 'Module 1' });
    const as = h.caller(other);
    await expectTrpcError(as.courses.update({ id: c.id, title: 'Volé' }), 'FORBIDDEN');
    await expectTrpcError(as.courses.delete({ id: c.id }), 'FORBIDDEN');
    await expectTrpcError(as.courses.publish({ id: c.id }), 'FORBIDDEN');
    await expectTrpcError(as.courses.editor({ id: c.id }), 'FORBIDDEN');
    await expectTrpcError(as.modules.create({ courseId: c.id, title: 'Intrus' }), 'FORBIDDEN');
    await expectTrpcError(as.modules.update({ id: mod.id, title: 'Intrus' }), 'FORBIDDEN');
    await expectTrpcError(as.modules.reorder({ courseId: c.id, moduleIds: [mod.id] }), 'FORBIDDEN');
    await expectTrpcError(
      as.lessons.create({
        courseId: c.id,
        moduleId: mod.id,
        title: 'x',
        contentType: 'text',
        contentText: 'x',
      }),
      'FORBIDDEN',
    );
    await expectTrpcError(h.caller(student).courses.create({ title: 'Étudiant', categoryId }), 'FORBIDDEN');
    await expectTrpcError(h.caller(null).courses.create({ title: 'Anonyme', categoryId }), 'UNAUTHORIZED');
    // Nothing changed.
    expect((await Course.findByPk(c.id))!.title).toBe(c.title);
    expect(await CourseModule.count({ where: { courseId: c.id } })).toBe(1);
    // Admins edit every course.
    const renamed = await h.caller(admin).courses.update({ id: c.id, title: `Budget citoyen ${h.run}` });
    expect(renamed.title).toBe(`Budget citoyen ${h.run}`);
  });

  it('lets only admins feature a course, and only a published one', async () => {
    const c = await course(owner, 'Vedette');
    await expectTrpcError(h.caller(owner).courses.setFeatured({ id: c.id, featured: true }), 'FORBIDDEN');
    await expectTrpcError(
      h.caller(admin).courses.setFeatured({ id: c.id, featured: true }),
      'BAD_REQUEST',
      'featured',
    );
  });
});

describe('validation', () => {
  it('names the offending field and writes nothing', async () => {
    const before = await Course.count({ paranoid: false });
    const as = h.caller(owner);
    await expectTrpcError(
      as.courses.create({ title: 'Prix', categoryId, price: -5 }),
      'BAD_REQUEST',
      'price',
    );
    await expectTrpcError(
      as.courses.create({
        title: 'Dates',
        categoryId,
        courseStartDate: '2026-06-01T00:00:00Z',
        courseEndDate: '2026-05-01T00:00:00Z',
      }),
      'BAD_REQUEST',
      'courseEndDate',
    );
    await expectTrpcError(
      as.courses.create({ title: 'Catégorie', categoryId: 999_999_999 }),
      'BAD_REQUEST',
      'categoryId',
    );
    expect(await Course.count({ paranoid: false })).toBe(before);
  });

  it('checks dates against the stored ones on update', async () => {
    const c = await course(owner, 'Calendrier', { courseStartDate: '2026-03-01T08:00:00Z' });
    await expectTrpcError(
      h.caller(owner).courses.update({ id: c.id, courseEndDate: '2026-02-01T08:00:00Z' }),
      'BAD_REQUEST',
      'courseEndDate',
    );
    const ok = await h
      .caller(owner)
      .courses.update({ id: c.id, courseEndDate: '2026-04-01T08:00:00Z', price: 15000 });
    expect(ok).toMatchObject({ courseEndDate: '2026-04-01T08:00:00.000Z', price: 15000, currency: 'XOF' });
  });
});

describe('slugs', () => {
  it('derives unique slugs from titles, following the title until first publication only', async () => {
    const a = await course(owner, 'Éthique & Société');
    const b = await course(other, 'Éthique & Société');
    expect(a.slug).toBe(`ethique-societe-${h.run}`);
    expect(b.slug).toBe(`ethique-societe-${h.run}-2`);
    const renamed = await h.caller(owner).courses.update({ id: a.id, title: `Éthique publique ${h.run}` });
    expect(renamed.slug).toBe(`ethique-publique-${h.run}`);
    await Course.update({ isPublished: true, publishedAt: new Date() }, { where: { id: a.id } });
    await h.caller(owner).courses.unpublish({ id: a.id });
    const again = await h.caller(owner).courses.update({ id: a.id, title: `Autre titre ${h.run}` });
    expect(again.slug).toBe(`ethique-publique-${h.run}`);
  });
});

describe('prerequisites', () => {
  it('refuses a course as its own prerequisite and any cycle', async () => {
    const a = await course(owner, 'Niveau A');
    const b = await course(owner, 'Niveau B', { prerequisiteCourseId: a.id });
    const c = await course(owner, 'Niveau C', { prerequisiteCourseId: b.id });
    const as = h.caller(owner);
    await expectTrpcError(
      as.courses.update({ id: a.id, prerequisiteCourseId: a.id }),
      'BAD_REQUEST',
      'prerequisiteCourseId',
    );
    // A → C would close the loop A ← B ← C.
    await expectTrpcError(
      as.courses.update({ id: a.id, prerequisiteCourseId: c.id }),
      'BAD_REQUEST',
      'prerequisiteCourseId',
    );
    expect((await Course.findByPk(a.id))!.prerequisiteCourseId).toBeNull();
    // Not a cycle: C may drop B and require A directly.
    const ok = await as.courses.update({ id: c.id, prerequisiteCourseId: a.id });
    expect(ok.prerequisiteCourseId).toBe(a.id);
  });

  it('lets only one of two concurrent changes that would form a cycle through', async () => {
    // Many pairs at once, so that the two updates of a pair really overlap.
    const pairs = await Promise.all(
      Array.from(
        { length: 8 },
        async (_, i) => [await course(owner, `Boucle X${i}`), await course(owner, `Boucle Y${i}`)] as const,
      ),
    );
    const results = await Promise.all(
      pairs.map(([x, y]) =>
        Promise.allSettled([
          h.caller(owner).courses.update({ id: x.id, prerequisiteCourseId: y.id }),
          h.caller(owner).courses.update({ id: y.id, prerequisiteCourseId: x.id }),
        ]),
      ),
    );
    for (const pair of results) {
      expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = pair.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { code: string }).code).toBe('BAD_REQUEST');
    }
  });
});

describe('publication', () => {
  it('refuses an incomplete course with the list of problems, then publishes once complete', async () => {
    const c = await course(owner, 'Publication');
    const refused = await h
      .caller(owner)
      .courses.publish({ id: c.id })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(
      (refused as { cause: { details: { problems: { code: string }[] } } }).cause.details.problems.map(
        (p) => p.code,
      ),
    ).toEqual(['description', 'publishedLesson']);
    expect((await Course.findByPk(c.id))!.isPublished).toBe(false);
    await h.caller(owner).courses.update({ id: c.id, description: 'Un cours complet.' });
    const mod = await h.caller(owner).modules.create({ courseId: c.id, title: 'Intro' });
    await h.caller(owner).lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Bienvenue',
      contentType: 'text',
      contentText: 'Bonjour',
      isPublished: true,
    });
    const second = await h.caller(owner).courses.publish({ id: c.id });
    expect(second).toMatchObject({ published: true });
    expect(second.course.publishedAt).not.toBeNull();
  });
});

describe('curriculum order', () => {
  async function orders(courseId: number) {
    const rows = await CourseModule.findAll({ where: { courseId }, order: [['orderIndex', 'ASC']] });
    return rows.map((r) => [r.id, r.orderIndex]);
  }

  it('keeps order_index dense (1..n) under concurrent reorders, inserts and deletes', async () => {
    const c = await course(owner, 'Ordre');
    const as = h.caller(owner);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await as.modules.create({ courseId: c.id, title: `M${i}` })).id);
    const reversed = [...ids].reverse();
    const rotated = [...ids.slice(2), ...ids.slice(0, 2)];
    // Two reorders at the same time: one wins entirely, never a mix with gaps or duplicates.
    await Promise.all([
      as.modules.reorder({ courseId: c.id, moduleIds: reversed }),
      as.modules.reorder({ courseId: c.id, moduleIds: rotated }),
    ]);
    const after = await orders(c.id);
    expect(after.map(([, o]) => o)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([reversed, rotated]).toContainEqual(after.map(([id]) => id));

    // Reorders racing an insert and a delete, several times: each reorder either sees the new set
    // or is refused, and the numbering never has a gap.
    for (let round = 0; round < 3; round++) {
      const current = (await orders(c.id)).map(([id]) => id);
      const results = await Promise.allSettled([
        as.modules.reorder({ courseId: c.id, moduleIds: current }),
        as.modules.create({ courseId: c.id, title: `M-new-${round}` }),
        as.modules.delete({ id: current[round + 1] }),
        as.modules.reorder({ courseId: c.id, moduleIds: [...current].reverse() }),
      ]);
      expect(results[1].status).toBe('fulfilled');
      expect(results[2].status).toBe('fulfilled');
      for (const r of [results[0], results[3]]) {
        if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('BAD_REQUEST');
      }
      expect((await orders(c.id)).map(([, o]) => o)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('refuses a reorder that does not list every module exactly once', async () => {
    const c = await course(owner, 'Ordre partiel');
    const m1 = await h.caller(owner).modules.create({ courseId: c.id, title: 'A' });
    await h.caller(owner).modules.create({ courseId: c.id, title: 'B' });
    await expectTrpcError(
      h.caller(owner).modules.reorder({ courseId: c.id, moduleIds: [m1.id] }),
      'BAD_REQUEST',
      'moduleIds',
    );
  });

  it('moves a lesson between modules and renumbers both lists', async () => {
    const c = await course(owner, 'Déplacement');
    const as = h.caller(owner);
    const m1 = await as.modules.create({ courseId: c.id, title: 'Un' });
    const m2 = await as.modules.create({ courseId: c.id, title: 'Deux' });
    const mk = (moduleId: number, title: string) =>
      as.lessons.create({ courseId: c.id, moduleId, title, contentType: 'text', contentText: title });
    const a = await mk(m1.id, 'a');
    const b = await mk(m1.id, 'b');
    const c1 = await mk(m1.id, 'c');
    const x = await mk(m2.id, 'x');
    const moved = await as.lessons.move({ id: b.id, toModuleId: m2.id, toIndex: 0 });
    expect(moved).toMatchObject({ moduleId: m2.id, orderIndex: 1 });
    const list = async (moduleId: number) =>
      (await Lesson.findAll({ where: { moduleId }, order: [['orderIndex', 'ASC']] })).map((l) => [
        l.id,
        l.orderIndex,
      ]);
    expect(await list(m1.id)).toEqual([
      [a.id, 1],
      [c1.id, 2],
    ]);
    expect(await list(m2.id)).toEqual([
      [b.id, 1],
      [x.id, 2],
    ]);
    const reordered = await as.lessons.reorder({ courseId: c.id, moduleId: m2.id, lessonIds: [x.id, b.id] });
    expect(reordered.lessonIds).toEqual([x.id, b.id]);
    // A module of another course is refused.
    const foreign = await as.modules.create({ courseId: (await course(owner, 'Ailleurs')).id, title: 'Z' });
    await expectTrpcError(
      as.lessons.move({ id: a.id, toModuleId: foreign.id, toIndex: 0 }),
      'BAD_REQUEST',
      'toModuleId',
    );
  });

  it('requires the fields of each content type', async () => {
    const c = await course(owner, 'Types');
    const as = h.caller(owner);
    await expectTrpcError(
      as.lessons.create({ courseId: c.id, title: 'Vidéo', contentType: 'video' }),
      'BAD_REQUEST',
      'mediaFileId',
    );
    const v = await as.lessons.create({
      courseId: c.id,
      title: 'Vidéo',
      contentType: 'video',
      videoUrl: 'https://video.example/v.mp4',
    });
    // Switching the type re-checks what the new type needs.
    await expectTrpcError(
      as.lessons.update({ id: v.id, contentType: 'text' }),
      'BAD_REQUEST',
      'contentText',
    );
    const quiz = await as.lessons.create({ courseId: c.id, title: 'Quiz final', contentType: 'quiz' });
    expect(quiz).toMatchObject({ moduleId: null, orderIndex: 2 });
  });
});

describe('course page', () => {
  it('shows the outline to all, content only to enrolled students, the owner and admins; drafts to no visitor', async () => {
    const pre = await course(owner, 'Prérequis');
    const c = await course(owner, 'Page', { description: 'Description', prerequisiteCourseId: pre.id });
    const as = h.caller(owner);
    const mod = await as.modules.create({ courseId: c.id, title: 'Chapitre' });
    await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Publique',
      contentType: 'text',
      contentText: 'SECRET',
      isPublished: true,
      durationMinutes: 12,
    });
    await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Brouillon',
      contentType: 'text',
      contentText: 'draft',
      isPublished: false,
    });
    await expectTrpcError(h.caller(student).courses.bySlug({ slug: c.slug }), 'NOT_FOUND');
    await as.courses.publish({ id: c.id });

    const visitor = await h.caller(null).courses.bySlug({ slug: c.slug });
    expect(visitor.modules[0].lessons.map((l) => [l.title, l.durationMinutes, l.content])).toEqual([
      ['Publique', 12, null],
    ]);
    expect(visitor.instructor.name).toContain('awa');
    expect(visitor.prerequisite).toBeNull(); // an unpublished prerequisite is not shown to visitors
    expect(JSON.stringify(visitor)).not.toContain('SECRET');

    await Enrollment.create({ userId: student.id, courseId: c.id });
    const enrolled = await h.caller(student).courses.bySlug({ slug: c.slug });
    expect(enrolled.viewer).toEqual({ isOwner: false, isEnrolled: true, canSeeContent: true });
    expect(enrolled.modules[0].lessons[0].content?.contentText).toBe('SECRET');
    expect(enrolled.modules[0].lessons).toHaveLength(1);

    const mine = await as.courses.bySlug({ slug: c.slug });
    expect(mine.modules[0].lessons.map((l) => l.title)).toEqual(['Publique', 'Brouillon']);
    expect(mine.prerequisite?.id).toBe(pre.id);
  });
});
