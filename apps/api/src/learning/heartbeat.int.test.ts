// Server-verified media progress on MariaDB (issue 11): the server judges a video or audio lesson
// against the duration it knows (the probed file, else the lesson's declared duration), credits no
// more time than has elapsed on its own clock, and pays XP once for a genuine watch.
import { Enrollment, Lesson, MediaFile, Progress, XpLedger } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { createProcessors } from '@mdsc/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
});
afterAll(async () => h?.close());

/** A course whose first lesson plays an uploaded audio file the worker measured at `seconds`. */
async function audioCourse(seconds: number | null, opts: { probed?: boolean; declaredMinutes?: number | null } = {}) {
  const course = await h.course(teacher, { modules: [{ lessons: [{ contentType: 'audio' }, {}] }] });
  const lessonId = course.lessonIds[0];
  const media = await MediaFile.create({
    courseId: course.id,
    lessonId,
    filename: `cours-${lessonId}.mp3`,
    originalFilename: 'cours.mp3',
    fileType: 'audio/mpeg',
    fileCategory: 'audio',
    fileSize: 1_000_000,
    storagePath: `2026/05/cours-${lessonId}.mp3`,
    url: '/api/media/pending',
    thumbnailUrl: null,
    duration: seconds,
    metadata: opts.probed === false ? { ext: 'mp3' } : { ext: 'mp3', probed: true, durationSeconds: seconds },
    uploadedBy: teacher.id,
    bucketName: null,
  });
  await Lesson.update(
    { mediaFileId: media.id, durationMinutes: opts.declaredMinutes ?? null },
    { where: { id: lessonId } },
  );
  const student = await h.user();
  const as = h.caller(student);
  await as.enrollments.enroll({ courseId: course.id });
  return { course, lessonId, media, student, as };
}

const progressOf = async (userId: number, courseId: number, lessonId: number) => {
  const e = (await Enrollment.findOne({ where: { userId, courseId } }))!;
  return Progress.findAll({ where: { enrollmentId: e.id, lessonId } });
};

describe('heartbeats judged by the server', () => {
  it('does not complete a 600 s audio lesson from a heartbeat claiming a 1 s duration', async () => {
    const { course, lessonId, student, as } = await audioCourse(600);
    h.setNow(new Date('2026-06-01T10:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      h.advance(1000);
      // The attack from the issue: an old client's body, duration included (ignored, not trusted).
      const forged = { lessonId, seconds: 1, positionSeconds: 1, durationSeconds: 1 } as { lessonId: number; seconds: number };
      const beat = await as.progress.heartbeat(forged);
      expect(beat.completedNow).toBe(false);
      expect(beat.progress).toMatchObject({ status: 'in_progress', timeSpent: 1, lastPositionSeconds: 1, completionPercentage: 0 });
      // Jumping to the end without the time: the position alone earns nothing.
      h.advance(1000);
      const end = await as.progress.heartbeat({ lessonId, seconds: 120, positionSeconds: 600 });
      expect(end.completedNow).toBe(false);
      expect(end.progress.timeSpent).toBe(2);
      expect(end.progress.completionPercentage).toBe(0); // 2 s at 2× of 600 s
      // The manual "completed" button is held to the same rule.
      await expectTrpcError(as.progress.completeLesson({ lessonId }), 'BAD_REQUEST', 'lessonId');
      expect(h.events('lesson_completed').filter((e) => e.payload.userId === student.id)).toHaveLength(0);
      const [row] = await progressOf(student.id, course.id, lessonId);
      expect(row.status).toBe('in_progress');
    } finally {
      h.setNow(null);
    }
  });

  it('credits 100 parallel heartbeats of 120 s no more than the time elapsed, in one row', async () => {
    const { course, lessonId, student, as } = await audioCourse(600);
    h.setNow(new Date('2026-06-01T11:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      h.advance(45_000);
      const beats = await Promise.all(
        Array.from({ length: 100 }, (_, i) => as.progress.heartbeat({ lessonId, seconds: 120, positionSeconds: i })),
      );
      expect(beats.every((b) => !b.completedNow)).toBe(true);
      const rows = await progressOf(student.id, course.id, lessonId);
      expect(rows).toHaveLength(1);
      expect(rows[0].timeSpent).toBe(45);
      // The clock has not moved: a further burst earns nothing.
      await Promise.all(Array.from({ length: 20 }, () => as.progress.heartbeat({ lessonId, seconds: 120 })));
      expect((await rows[0].reload()).timeSpent).toBe(45);
      h.advance(10_000);
      await Promise.all(Array.from({ length: 20 }, () => as.progress.heartbeat({ lessonId, seconds: 120 })));
      expect((await rows[0].reload()).timeSpent).toBe(55);
    } finally {
      h.setNow(null);
    }
  });

  it('completes a genuine watch (heartbeats as the clock advances) and pays XP once', async () => {
    const { course, lessonId, student, as } = await audioCourse(600);
    h.setNow(new Date('2026-06-01T12:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      let position = 0;
      let completedAt = -1;
      // Listening at 1.5×: every 30 s of wall-clock time the position moves 45 s.
      for (let beat = 1; beat <= 14; beat++) {
        h.advance(30_000);
        position += 45;
        const r = await as.progress.heartbeat({ lessonId, seconds: 30, positionSeconds: position });
        if (r.completedNow) {
          expect(completedAt).toBe(-1);
          completedAt = beat;
          expect(r.progress).toMatchObject({ status: 'completed', completionPercentage: 100 });
          expect(r.enrollment.progressPercentage).toBe(50);
        }
      }
      // 540 s (90 % of 600) is reached at the 12th beat, with 360 s spent.
      expect(completedAt).toBe(12);
      const [row] = await progressOf(student.id, course.id, lessonId);
      expect(row.timeSpent).toBe(14 * 30);
      expect(row.lastPositionSeconds).toBe(600); // clamped to the real duration

      const events = h.events('lesson_completed').filter((e) => e.payload.userId === student.id);
      expect(events).toHaveLength(1);
      // The real gamification processor, with the event delivered twice: XP is paid once.
      const gamification = createProcessors(h.deps).gamification!;
      for (const e of [events[0], events[0]]) {
        await gamification({ id: e.jobId ?? 'evt', name: e.name, data: e.payload, attemptsMade: 0 });
      }
      const ledger = await XpLedger.findAll({ where: { userId: student.id, reason: 'lesson_completed' } });
      expect(ledger.map((l) => l.sourceId)).toEqual([String(lessonId)]);
    } finally {
      h.setNow(null);
    }
  });

  it('waits for the worker’s probe when nothing tells the length, then judges the time already spent', async () => {
    const { lessonId, media, as } = await audioCourse(null, { probed: false });
    h.setNow(new Date('2026-06-01T13:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      for (let i = 1; i <= 10; i++) {
        h.advance(30_000);
        const r = await as.progress.heartbeat({ lessonId, seconds: 30, positionSeconds: i * 30 });
        expect(r.completedNow).toBe(false);
        expect(r.progress.completionPercentage).toBe(0);
      }
      await expectTrpcError(as.progress.completeLesson({ lessonId }), 'CONFLICT', 'media_processing');
      // The worker measures 300 s: the next heartbeat judges the 300 s already listened to.
      await media.update({ duration: 300, metadata: { ...media.metadata, probed: true } });
      h.advance(5_000);
      const r = await as.progress.heartbeat({ lessonId, seconds: 5, positionSeconds: 300 });
      expect(r.completedNow).toBe(true);
    } finally {
      h.setNow(null);
    }
  });

  it('falls back to the lesson’s declared duration while the file is not probed', async () => {
    const { lessonId, as } = await audioCourse(null, { probed: false, declaredMinutes: 10 });
    h.setNow(new Date('2026-06-01T14:00:00Z'));
    try {
      await as.progress.start({ lessonId });
      h.advance(120_000);
      const r = await as.progress.heartbeat({ lessonId, seconds: 120, positionSeconds: 590 });
      expect(r.progress.completionPercentage).toBe(40); // 120 s at 2× of 600 s
      expect(r.completedNow).toBe(false);
      await expectTrpcError(as.progress.completeLesson({ lessonId }), 'BAD_REQUEST', 'lessonId');
    } finally {
      h.setNow(null);
    }
  });
});
