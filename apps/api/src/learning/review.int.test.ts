// Course reviews on MariaDB: enrolled learners only, one per learner (editable), courses.rating kept
// equal to the average under concurrency, listing with pagination.
import { Course, CourseReview } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
});
afterAll(async () => h?.close());

const rating = async (id: number) => Number((await Course.findByPk(id, { attributes: ['rating'] }))!.rating);

describe('reviews', () => {
  it('accepts one review per enrolled learner, edits it in place, and keeps courses.rating the average', async () => {
    const course = await h.course(teacher);
    const [a, b] = [await h.user('student', { firstName: 'Koffi', lastName: 'Mensah' }), await h.user()];
    await expectTrpcError(h.caller(a).reviews.upsert({ courseId: course.id, rating: 5 }), 'FORBIDDEN', 'not_enrolled');
    for (const s of [a, b]) await h.caller(s).enrollments.enroll({ courseId: course.id });
    h.setNow(new Date('2026-04-01T10:00:00Z'));
    const first = await h.caller(a).reviews.upsert({ courseId: course.id, rating: 5, comment: '  Très clair, merci !  ' });
    expect(first).toMatchObject({ rating: 5, comment: 'Très clair, merci !', authorName: 'Koffi M.', mine: true });
    h.setNow(new Date('2026-04-02T10:00:00Z'));
    await h.caller(b).reviews.upsert({ courseId: course.id, rating: 2 });
    expect(await rating(course.id)).toBe(3.5);
    h.setNow(new Date('2026-04-03T10:00:00Z'));
    await h.caller(a).reviews.upsert({ courseId: course.id, rating: 4, comment: '' });
    h.setNow(null);
    expect(await CourseReview.count({ where: { courseId: course.id } })).toBe(2);
    expect(await rating(course.id)).toBe(3);

    const page = await h.caller(a).reviews.list({ courseId: course.id });
    expect(page).toMatchObject({ average: 3, count: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 } });
    expect(page.mine).toMatchObject({ rating: 4, comment: null });
    expect(page.items.map((r) => r.rating)).toEqual([4, 2]); // newest edit first
    await expect(h.caller(a).reviews.upsert({ courseId: course.id, rating: 6 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await rating(course.id)).toBe(3);
  });

  it('keeps the average exact when 40 learners rate at once (and one of them twice)', async () => {
    const course = await h.course(teacher);
    const learners = await Promise.all(Array.from({ length: 40 }, () => h.user()));
    for (const s of learners) await h.caller(s).enrollments.enroll({ courseId: course.id });
    const ratings = learners.map((_, i) => (i % 5) + 1);
    await Promise.all([
      ...learners.map((s, i) => h.caller(s).reviews.upsert({ courseId: course.id, rating: ratings[i] })),
      h.caller(learners[0]).reviews.upsert({ courseId: course.id, rating: 1 }),
    ]);
    const rows = await CourseReview.findAll({ where: { courseId: course.id } });
    expect(rows).toHaveLength(40);
    const avg = rows.reduce((s, r) => s + r.rating, 0) / rows.length;
    expect(await rating(course.id)).toBe(Math.round(avg * 100) / 100);
  });

  it('pages through reviews with a cursor and hides unpublished courses', async () => {
    const course = await h.course(teacher);
    const learners = await Promise.all(Array.from({ length: 5 }, () => h.user()));
    for (const [i, s] of learners.entries()) {
      await h.caller(s).enrollments.enroll({ courseId: course.id });
      h.setNow(new Date(Date.UTC(2026, 0, 1 + i)));
      await h.caller(s).reviews.upsert({ courseId: course.id, rating: 3 });
    }
    h.setNow(null);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<LearningHarness['caller']>['reviews']['list']>> = await h
        .caller(null)
        .reviews.list({ courseId: course.id, limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const draft = await h.course(teacher, { isPublished: false });
    await expectTrpcError(h.caller(null).reviews.list({ courseId: draft.id }), 'NOT_FOUND');
    await expectTrpcError(h.caller(null).reviews.list({ courseId: course.id, cursor: 'nope' }), 'BAD_REQUEST', 'cursor');
  });
});
