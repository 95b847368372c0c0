// Progress on MariaDB: lessons opened and completed, percentage and status recomputed, modules
// unlocking in order, time and position, resume, the learning events and notifications.
import { Enrollment, Lesson, Notification, Progress } from '@mdsc/db';
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

async function enrolled(spec: Parameters<LearningHarness['course']>[1] = {}) {
  const course = await h.course(teacher, spec);
  const student = await h.user();
  await h.caller(student).enrollments.enroll({ courseId: course.id });
  return { course, student, as: h.caller(student) };
}

const notificationTypes = async (userId: number) =>
  (await Notification.findAll({ where: { userId }, order: [['id', 'ASC']] })).map((n) => JSON.parse(n.payload).type as string);

describe('module unlocking', () => {
  it('opens module 2 once module 1’s required lessons are completed; optional lessons do not hold it', async () => {
    const { course, student, as } = await enrolled({
      modules: [
        { lessons: [{}, { isRequired: false }] },
        { lessons: [{}] },
        { isUnlocked: true, lessons: [{}] }, // "always open"
      ],
    });
    const [m1a, m1optional, m2a, m3a] = course.lessonIds;
    let view = await as.progress.course({ slug: course.slug });
    expect(view.modules.map((m) => m.locked)).toEqual([false, true, false]);
    await expectTrpcError(as.progress.start({ lessonId: m2a }), 'FORBIDDEN', 'lesson_locked');
    await expectTrpcError(as.progress.completeLesson({ lessonId: m2a }), 'FORBIDDEN', 'lesson_locked');
    await expectTrpcError(as.progress.lesson({ lessonId: m2a }), 'FORBIDDEN', 'lesson_locked');
    await as.progress.completeLesson({ lessonId: m3a }); // the always-open module

    const done = await as.progress.completeLesson({ lessonId: m1a });
    expect(done.nextLessonId).toBe(m1optional);
    view = await as.progress.course({ slug: course.slug });
    expect(view.modules.map((m) => m.locked)).toEqual([false, false, false]);
    expect(view.modules.map((m) => m.done)).toEqual([true, false, true]);
    expect((await as.progress.lesson({ lessonId: m2a })).lesson.content?.contentText).toBe('Texte de la leçon.');
    // Module 2 unlocked: one notification naming it; module 1 completed: one event.
    expect(await notificationTypes(student.id)).toEqual(['enrolment', 'lesson_unlocked']);
    expect(h.events('module_completed').map((e) => e.payload.sourceId)).toEqual(
      expect.arrayContaining([course.moduleIds[0], course.moduleIds[2]]),
    );
  });

  it('hides lesson content from learners who are not enrolled', async () => {
    const course = await h.course(teacher);
    const stranger = await h.user();
    await expectTrpcError(h.caller(stranger).progress.lesson({ lessonId: course.lessonIds[0] }), 'FORBIDDEN', 'not_enrolled');
    await expectTrpcError(h.caller(stranger).progress.start({ lessonId: course.lessonIds[0] }), 'FORBIDDEN', 'not_enrolled');
    const view = await h.caller(stranger).progress.course({ slug: course.slug });
    expect(view).toMatchObject({ enrollment: null, canEnroll: { ok: true, reason: null }, resumeLessonId: null });
    expect((await h.caller(null).progress.course({ slug: course.slug })).canEnroll).toEqual({ ok: false, reason: 'login_required' });
    // The instructor previews any lesson, without progress.
    const preview = await h.caller(teacher).progress.lesson({ lessonId: course.lessonIds[1] });
    expect(preview.progress).toBeNull();
  });
});

describe('progress and status', () => {
  it('moves enrolled → in_progress → completed with dates, percentage recomputed in the same transaction', async () => {
    const { course, student, as } = await enrolled({ modules: [{ lessons: [{}, {}, { isRequired: false }] }, { lessons: [{}] }] });
    const [a, b, optional, c] = course.lessonIds;
    h.setNow(new Date('2026-05-04T08:00:00Z'));
    try {
      const started = await as.progress.start({ lessonId: a });
      expect(started.status).toBe('in_progress');
      let e = (await Enrollment.findOne({ where: { userId: student.id, courseId: course.id } }))!;
      expect(e.status).toBe('in_progress');
      expect(e.startedAt?.toISOString()).toBe('2026-05-04T08:00:00.000Z');

      h.setNow(new Date('2026-05-04T08:10:00Z'));
      const r1 = await as.progress.completeLesson({ lessonId: a });
      expect(r1.enrollment.progressPercentage).toBe(33.33);
      await as.progress.completeLesson({ lessonId: optional }); // optional: no change
      expect((await as.progress.completeLesson({ lessonId: b })).enrollment.progressPercentage).toBe(66.66);
      // Completing twice changes nothing and emits nothing more.
      await as.progress.completeLesson({ lessonId: b });
      expect(h.events('lesson_completed').filter((ev) => ev.payload.userId === student.id)).toHaveLength(3);

      h.setNow(new Date('2026-05-05T09:00:00Z'));
      const last = await as.progress.completeLesson({ lessonId: c });
      expect(last.courseCompleted).toBe(true);
      expect(last.enrollment).toMatchObject({ progressPercentage: 100, completedAt: '2026-05-05T09:00:00.000Z' });
      e = (await Enrollment.findOne({ where: { userId: student.id, courseId: course.id } }))!;
      expect(e.lastAccessedAt?.toISOString()).toBe('2026-05-05T09:00:00.000Z');
      await h.jobs.idle();
      expect((await e.reload()).status).toBe('certified'); // no final quiz: the certificate follows
      const courseEvents = h.events('course_completed').filter((ev) => ev.payload.userId === student.id);
      expect(courseEvents).toHaveLength(1);
      expect(courseEvents[0]).toMatchObject({
        jobId: `evt-course_completed-${student.id}-${course.id}`,
        payload: { courseId: course.id, sourceId: course.id, occurredAt: '2026-05-05T09:00:00.000Z' },
      });
    } finally {
      h.setNow(null);
    }
  });

  it('records time and the player position, resumes where I left off, completes a video watched far enough', async () => {
    // An external video: the server judges it against the lesson's declared duration (10 min).
    const { course, as } = await enrolled({ modules: [{ lessons: [{}, { contentType: 'video' }, {}] }] });
    const [text, video] = course.lessonIds;
    await Lesson.update({ durationMinutes: 10 }, { where: { id: video } });
    await as.progress.completeLesson({ lessonId: text });
    h.setNow(new Date('2026-05-06T08:00:00Z'));
    try {
      await as.progress.start({ lessonId: video });
      h.advance(60_000);
      let beat = await as.progress.heartbeat({ lessonId: video, seconds: 60, positionSeconds: 120.4 });
      expect(beat.progress).toMatchObject({ timeSpent: 60, lastPositionSeconds: 120, completionPercentage: 20, status: 'in_progress' });
      expect(beat.completedNow).toBe(false);
      // A seek backwards keeps the share already watched.
      h.advance(30_000);
      beat = await as.progress.heartbeat({ lessonId: video, seconds: 30, positionSeconds: 60 });
      expect(beat.progress).toMatchObject({ timeSpent: 90, lastPositionSeconds: 60, completionPercentage: 20 });
      await expectTrpcError(as.progress.heartbeat({ lessonId: video, seconds: 5000 }), 'BAD_REQUEST');

      const view = await as.progress.course({ slug: course.slug });
      expect(view.resumeLessonId).toBe(video);
      expect((await as.progress.lesson({ lessonId: video })).progress?.lastPositionSeconds).toBe(60);

      h.advance(200_000);
      beat = await as.progress.heartbeat({ lessonId: video, seconds: 120, positionSeconds: 545 });
      expect(beat.progress.timeSpent).toBe(210); // 420 s at 2×: 70 % of the time, not yet enough
      expect(beat.completedNow).toBe(false);
      h.advance(60_000);
      beat = await as.progress.heartbeat({ lessonId: video, seconds: 60, positionSeconds: 560 });
      expect(beat.completedNow).toBe(true);
      expect(beat.progress.status).toBe('completed');
      expect(beat.enrollment.progressPercentage).toBe(66.66);
      expect((await as.progress.course({ slug: course.slug })).resumeLessonId).toBe(course.lessonIds[2]);
    } finally {
      h.setNow(null);
    }
  });

  it('keeps one progress row per lesson under concurrent heartbeats, crediting the time elapsed once', async () => {
    const { course, student, as } = await enrolled();
    const lessonId = course.lessonIds[0];
    h.setNow(new Date('2026-05-06T09:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      h.advance(25_000);
      await Promise.all(Array.from({ length: 20 }, () => as.progress.heartbeat({ lessonId, seconds: 10 })));
      const e = (await Enrollment.findOne({ where: { userId: student.id, courseId: course.id } }))!;
      const rows = await Progress.findAll({ where: { enrollmentId: e.id, lessonId } });
      expect(rows).toHaveLength(1);
      // The first heartbeat takes the 10 s it claims (the rest of the 25 s was not claimed: idle);
      // the others arrive at the same instant and earn nothing.
      expect(rows[0].timeSpent).toBe(10);
    } finally {
      h.setNow(null);
    }
  });

  it('refuses to complete a quiz lesson by hand: passing its quiz does it', async () => {
    const { course, as } = await enrolled({ modules: [{ lessons: [{ quiz: {} }] }] });
    const lessonId = course.lessonIds[0];
    await expectTrpcError(as.progress.completeLesson({ lessonId }), 'FORBIDDEN', 'quiz_required');
    const q = course.quizByLesson.get(lessonId)!;
    const attempt = await as.quizzes.startAttempt({ quizId: q.quizId });
    const result = await as.quizzes.submitAttempt({ attemptId: attempt.attemptId, answers: [{ questionId: q.questionId, answer: true }] });
    expect(result.passed).toBe(true);
    const lesson = await as.progress.lesson({ lessonId });
    expect(lesson.progress?.status).toBe('completed');
    expect(lesson.quiz).toEqual({ id: q.quizId, passed: true });
  });
});
