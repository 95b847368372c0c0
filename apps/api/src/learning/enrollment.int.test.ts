// Enrolment on MariaDB: uniqueness and enrollment_count under concurrency, the rules that refuse an
// enrolment, unenrolment, and "my courses".
import { Course, Enrollment, Notification } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor', { firstName: 'Aïcha', lastName: 'Dossou' });
});
afterAll(async () => h?.close());

const count = async (courseId: number) => (await Course.findByPk(courseId, { attributes: ['enrollmentCount'] }))!.enrollmentCount;

describe('enrollments.enroll under concurrency', () => {
  it('50 concurrent calls by one user create one enrolment; the others answer CONFLICT', async () => {
    const course = await h.course(teacher);
    const student = await h.user();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => h.caller(student).enrollments.enroll({ courseId: course.id })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const f of failed) expect((f.reason as { code: string }).code).toBe('CONFLICT');
    expect(await Enrollment.count({ where: { userId: student.id, courseId: course.id } })).toBe(1);
    expect(await count(course.id)).toBe(1);
    // One enrolment notification, not fifty.
    const notes = await Notification.findAll({ where: { userId: student.id } });
    expect(notes.filter((n) => JSON.parse(n.payload).type === 'enrolment')).toHaveLength(1);
  });

  it('200 users enrolling at once leave enrollment_count = 200', async () => {
    const course = await h.course(teacher);
    const students = await Promise.all(Array.from({ length: 200 }, () => h.user()));
    const results = await Promise.allSettled(students.map((s) => h.caller(s).enrollments.enroll({ courseId: course.id })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await count(course.id)).toBe(200);
    expect(await Enrollment.count({ where: { courseId: course.id } })).toBe(200);
  });
});

describe('enrolment rules', () => {
  it('refuses a course whose prerequisite is not completed, then accepts once it is', async () => {
    const basics = await h.course(teacher);
    const advanced = await h.course(teacher, { prerequisiteCourseId: basics.id });
    const student = await h.user();
    await expectTrpcError(h.caller(student).enrollments.enroll({ courseId: advanced.id }), 'FORBIDDEN', 'prerequisite_missing');
    // Enrolled but not finished: still refused.
    await h.caller(student).enrollments.enroll({ courseId: basics.id });
    await expectTrpcError(h.caller(student).enrollments.enroll({ courseId: advanced.id }), 'FORBIDDEN', 'prerequisite_missing');
    for (const lessonId of basics.lessonIds) await h.caller(student).progress.completeLesson({ lessonId });
    const e = await h.caller(student).enrollments.enroll({ courseId: advanced.id });
    expect(e.status).toBe('enrolled');
    expect(await count(advanced.id)).toBe(1);
  });

  it('refuses after the enrolment deadline, writing nothing', async () => {
    const course = await h.course(teacher, { enrollmentDeadline: new Date('2026-03-01T00:00:00Z') });
    const student = await h.user();
    h.setNow(new Date('2026-03-01T00:00:01Z'));
    try {
      await expectTrpcError(h.caller(student).enrollments.enroll({ courseId: course.id }), 'FORBIDDEN', 'deadline_passed');
      expect(await Enrollment.count({ where: { courseId: course.id } })).toBe(0);
      expect(await count(course.id)).toBe(0);
      h.setNow(new Date('2026-02-28T23:59:59Z'));
      await h.caller(student).enrollments.enroll({ courseId: course.id });
      expect(await count(course.id)).toBe(1);
    } finally {
      h.setNow(null);
    }
  });

  it('refuses unverified e-mail addresses (configurable), unpublished courses and anonymous callers', async () => {
    const course = await h.course(teacher);
    const draft = await h.course(teacher, { isPublished: false });
    const unverified = await h.user('student', { verified: false });
    await expectTrpcError(h.caller(unverified).enrollments.enroll({ courseId: course.id }), 'FORBIDDEN', 'not_verified');
    await expectTrpcError(h.caller(await h.user()).enrollments.enroll({ courseId: draft.id }), 'NOT_FOUND');
    await expectTrpcError(h.caller(null).enrollments.enroll({ courseId: course.id }), 'UNAUTHORIZED');
    expect(await count(course.id)).toBe(0);
    h.deps.config.requireVerifiedEmailToEnroll = false;
    try {
      await h.caller(unverified).enrollments.enroll({ courseId: course.id });
      expect(await count(course.id)).toBe(1);
    } finally {
      h.deps.config.requireVerifiedEmailToEnroll = true;
    }
  });

  it('names the field of a bad input', async () => {
    const student = await h.user();
    await expect(h.caller(student).enrollments.enroll({ courseId: -3 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('unenrol and my courses', () => {
  it('deactivates the enrolment, keeps progress, keeps the count right, and re-enrols', async () => {
    const course = await h.course(teacher);
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    await as.progress.completeLesson({ lessonId: course.lessonIds[0] });
    const left = await as.enrollments.unenroll({ courseId: course.id });
    expect(left.isActive).toBe(false);
    expect(left.progressPercentage).toBe(50);
    expect(await count(course.id)).toBe(0);
    expect((await as.enrollments.mine()).map((m) => m.course.id)).not.toContain(course.id);
    await expectTrpcError(as.progress.completeLesson({ lessonId: course.lessonIds[1] }), 'FORBIDDEN', 'not_enrolled');
    await expectTrpcError(as.enrollments.unenroll({ courseId: course.id }), 'NOT_FOUND');

    const back = await as.enrollments.enroll({ courseId: course.id });
    expect(back.isActive).toBe(true);
    expect(back.progressPercentage).toBe(50); // progress kept
    expect(await count(course.id)).toBe(1);
    await expectTrpcError(as.enrollments.enroll({ courseId: course.id }), 'CONFLICT', 'already_enrolled');
  });

  it('lists my courses with progress, most recently used first', async () => {
    const student = await h.user();
    const a = await h.course(teacher, { title: `Budget citoyen ${h.run}` });
    const b = await h.course(teacher, { title: `Plaidoyer ${h.run}` });
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: a.id });
    await as.enrollments.enroll({ courseId: b.id });
    await as.progress.start({ lessonId: a.lessonIds[0] });
    const mine = await as.enrollments.mine();
    expect(mine.map((m) => m.course.title)).toEqual([a.title, b.title]);
    expect(mine[0]).toMatchObject({
      enrollment: { status: 'in_progress', progressPercentage: 0 },
      course: { instructorName: 'Aïcha Dossou' },
      lastLessonId: a.lessonIds[0],
      certificate: null,
    });
    expect(mine[1].enrollment.status).toBe('enrolled');
  });
});
