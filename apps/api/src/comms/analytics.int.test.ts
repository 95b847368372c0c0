// Analytics on generated data (MariaDB): every dashboard number equals a brute-force count done
// in JavaScript over the generated rows; access is limited to the course's instructor and admins.
import { HARDEST_QUESTIONS_SAMPLE, hardestQuestions, type Actor } from '@mdsc/core';
import {
  CourseModule,
  Enrollment,
  Lesson,
  Progress,
  Quiz,
  QuizAttempt,
  QuizQuestion,
  User,
  Certificate,
  Course,
} from '@mdsc/db';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsRoutes } from '../routes/analytics.routes';
import { createCommsHarness, expectCode, type CommsHarness } from '../testing/comms-harness';

const NOW = new Date('2026-11-20T10:30:00Z');
const DAY = 86_400_000;
const TZ_OFFSET_MS = 3_600_000; // Africa/Porto-Novo: UTC+1, no daylight saving

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261120);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

let h: CommsHarness;
type U = Awaited<ReturnType<CommsHarness['user']>>;
let teacher: U, otherTeacher: U, admin: U, student: U;
let courseId: number;
let lessons: { id: number; title: string }[] = [];
const quizIds: number[] = [];
const gen = {
  enrolments: [] as {
    id: number;
    userId: number;
    status: string;
    progress: number;
    enrolledAt: Date;
    lastAccessedAt: Date | null;
  }[],
  progress: [] as {
    enrollmentId: number;
    lessonId: number;
    status: 'not_started' | 'in_progress' | 'completed';
    timeSpent: number;
  }[],
  attempts: [] as {
    userId: number;
    quizId: number;
    status: string;
    isPassed: boolean;
    percentage: number;
    results: { questionId: number; correct: boolean }[];
  }[],
  questions: [] as { id: number; quizId: number }[],
};

beforeAll(async () => {
  h = await createCommsHarness({ clock: { now: () => NOW } });
  teacher = await h.user('instructor');
  otherTeacher = await h.user('instructor');
  admin = await h.user('admin');
  courseId = await h.course(teacher.id, 'Analyse');

  // Curriculum: one course-level lesson, two modules of two lessons, one unpublished lesson.
  const m1 = await CourseModule.create({ courseId, title: 'Module A', orderIndex: 1 });
  const m2 = await CourseModule.create({ courseId, title: 'Module B', orderIndex: 2 });
  const mk = (title: string, moduleId: number | null, orderIndex: number, isPublished = true) =>
    Lesson.create({ courseId, moduleId, title, contentType: 'text', orderIndex, isPublished });
  const intro = await mk('Introduction', null, 1);
  const b1 = await mk('B1', m2.id, 1);
  const a2 = await mk('A2', m1.id, 2);
  const a1 = await mk('A1', m1.id, 1);
  await mk('Brouillon', m1.id, 3, false);
  const b2 = await mk('B2', m2.id, 2);
  lessons = [intro, a1, a2, b1, b2].map((l) => ({ id: l.id, title: l.title }));

  for (const [title, isFinal] of [
    ['Quiz A', false],
    ['Final', true],
  ] as const) {
    const q = await Quiz.create({ courseId, lessonId: null, title, isFinal, isPublished: true });
    quizIds.push(q.id);
    for (let i = 1; i <= 4; i++) {
      const question = await QuizQuestion.create({
        quizId: q.id,
        questionText: `${title} question ${i}`,
        questionType: 'true_false',
        correctAnswer: 'true',
        orderIndex: i,
      });
      gen.questions.push({ id: question.id, quizId: q.id });
    }
  }

  const statuses = ['enrolled', 'in_progress', 'in_progress', 'completed', 'certified'] as const;
  for (let i = 0; i < 70; i++) {
    const s = await h.user('student');
    const status = pick(statuses);
    const progress =
      status === 'enrolled' ? 0 : status === 'in_progress' ? Math.round(rand() * 9900) / 100 : 100;
    const enrolledAt = new Date(NOW.getTime() - Math.floor(rand() * 45 * DAY));
    const lastAccessedAt =
      status === 'enrolled' && rand() < 0.5 ? null : new Date(NOW.getTime() - Math.floor(rand() * 40 * DAY));
    const e = await Enrollment.create({
      userId: s.id,
      courseId,
      status,
      progressPercentage: progress,
      enrolledAt,
      lastAccessedAt,
    });
    gen.enrolments.push({ id: e.id, userId: s.id, status, progress, enrolledAt, lastAccessedAt });
    for (const l of lessons) {
      if (rand() < 0.25) continue;
      const ps = pick(['not_started', 'in_progress', 'completed', 'completed'] as const);
      gen.progress.push({
        enrollmentId: e.id,
        lessonId: l.id,
        status: ps,
        timeSpent: ps === 'not_started' ? 0 : Math.floor(rand() * 3600),
      });
    }
    for (const quizId of quizIds) {
      const tries = Math.floor(rand() * 3);
      for (let t = 0; t < tries; t++) {
        const results = gen.questions
          .filter((q) => q.quizId === quizId)
          .map((q) => ({ questionId: q.id, correct: rand() < 0.3 + (q.id % 4) * 0.15 }));
        const percentage =
          Math.round((results.filter((r) => r.correct).length / results.length) * 10000) / 100;
        const attemptStatus = rand() < 0.15 ? 'expired' : 'graded';
        gen.attempts.push({
          userId: s.id,
          quizId,
          status: attemptStatus,
          isPassed: attemptStatus === 'graded' && percentage >= 70,
          percentage,
          results,
        });
      }
    }
  }
  await Progress.bulkCreate(
    gen.progress.map((p) => ({
      ...p,
      completionPercentage: p.status === 'completed' ? 100 : 0,
      completedAt: null,
    })),
  );
  await QuizAttempt.bulkCreate(
    gen.attempts.map((a) => ({
      userId: a.userId,
      quizId: a.quizId,
      answers: {},
      startedAt: new Date(NOW.getTime() - DAY),
      completedAt: NOW,
      score: a.percentage,
      totalPoints: 100,
      percentage: a.percentage,
      isPassed: a.isPassed,
      status: a.status as 'graded' | 'expired',
      results: a.results.map((r) => ({ ...r, pointsAwarded: r.correct ? 1 : 0, points: 1 })),
    })),
  );
  // Someone else's course with a student: must not leak into this course's numbers.
  const other = await h.course(otherTeacher.id);
  student = await h.user('student');
  await h.enrol(student.id, other);
});
afterAll(async () => h?.close());

const localDay = (d: Date) => new Date(d.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);

describe('course analytics', () => {
  it('equals a brute-force count of the generated enrolments, progress and attempts', async () => {
    const a = await h.caller(teacher).analytics.course({ courseId, days: 30, granularity: 'day' });
    const E = gen.enrolments;
    const done = E.filter((e) => e.status === 'completed' || e.status === 'certified').length;
    const started = E.filter((e) => e.status !== 'enrolled').length;
    const since = (days: number) =>
      E.filter((e) => e.lastAccessedAt && e.lastAccessedAt.getTime() >= NOW.getTime() - days * DAY).length;
    const totalTime = gen.progress
      .filter((p) => lessons.some((l) => l.id === p.lessonId))
      .reduce((s, p) => s + p.timeSpent, 0);
    expect(a.summary).toEqual({
      enrolments: 70,
      startedLearners: started,
      completed: done,
      completionRate: Math.round((done / 70) * 10000) / 10000,
      averageProgress: Math.round((E.reduce((s, e) => s + e.progress, 0) / 70) * 100) / 100,
      activeLearners7d: since(7),
      activeLearners30d: since(30),
      totalTimeSpentSeconds: totalTime,
      averageTimePerLearnerSeconds: Math.round(totalTime / started),
    });

    // Enrolments per local day over the last 30 days, zero-filled, today last.
    expect(a.enrolments.points).toHaveLength(30);
    expect(a.enrolments.points.at(-1)!.date).toBe(localDay(NOW));
    for (const p of a.enrolments.points) {
      expect(p.count, p.date).toBe(E.filter((e) => localDay(e.enrolledAt) === p.date).length);
    }
    const weekly = await h.caller(teacher).analytics.course({ courseId, days: 35, granularity: 'week' });
    expect(weekly.enrolments.points.every((p) => new Date(`${p.date}T00:00:00Z`).getUTCDay() === 1)).toBe(
      true,
    );
    const firstWeek = weekly.enrolments.points[0].date;
    expect(weekly.enrolments.points.reduce((s, p) => s + p.count, 0)).toBe(
      E.filter((e) => localDay(e.enrolledAt) >= firstWeek).length,
    );

    // Funnel: reading order (course lesson, module A in order, module B), unpublished lesson left out.
    expect(a.funnel.map((f) => f.title)).toEqual(['Introduction', 'A1', 'A2', 'B1', 'B2']);
    let previous = 70;
    for (const f of a.funnel) {
      const rows = gen.progress.filter((p) => p.lessonId === f.lessonId);
      const completed = rows.filter((p) => p.status === 'completed').length;
      const startedHere = rows.filter((p) => p.status !== 'not_started').length;
      expect(f).toMatchObject({
        started: startedHere,
        completed,
        dropOff: previous - completed,
        timeSpentSeconds: rows.reduce((s, p) => s + p.timeSpent, 0),
      });
      previous = completed;
    }

    // Quizzes: graded attempts only.
    for (const q of a.quizzes) {
      const graded = gen.attempts.filter((x) => x.quizId === q.quizId && x.status === 'graded');
      const passed = graded.filter((x) => x.isPassed);
      expect(q).toMatchObject({
        attempts: graded.length,
        passedAttempts: passed.length,
        students: new Set(graded.map((x) => x.userId)).size,
        studentsPassed: new Set(passed.map((x) => x.userId)).size,
      });
      expect(q.averageScore).toBeCloseTo(graded.reduce((s, x) => s + x.percentage, 0) / graded.length, 1);
    }

    // Hardest questions: failure rate over graded answers, highest first.
    const stats = gen.questions.map((q) => {
      const answers = gen.attempts
        .filter((x) => x.status === 'graded')
        .flatMap((x) => x.results.filter((r) => r.questionId === q.id));
      const failed = answers.filter((r) => !r.correct).length;
      return { questionId: q.id, answered: answers.length, failed, rate: failed / answers.length };
    });
    stats.sort((x, y) => y.rate - x.rate || y.failed - x.failed || x.questionId - y.questionId);
    expect(a.hardestQuestions.map((q) => [q.questionId, q.answered, q.failed])).toEqual(
      stats.slice(0, 8).map((s) => [s.questionId, s.answered, s.failed]),
    );
  });

  it('is FORBIDDEN to another instructor and to students, and open to admins', async () => {
    await expectCode(
      h.caller(otherTeacher).analytics.course({ courseId, days: 30, granularity: 'day' }),
      'FORBIDDEN',
    );
    await expectCode(
      h.caller(student).analytics.course({ courseId, days: 30, granularity: 'day' }),
      'FORBIDDEN',
    );
    await expectCode(h.caller(student).analytics.platform(), 'FORBIDDEN');
    await expectCode(h.caller(teacher).analytics.platform(), 'FORBIDDEN');
    const byAdmin = await h.caller(admin).analytics.course({ courseId, days: 7, granularity: 'day' });
    expect(byAdmin.summary.enrolments).toBe(70);
    const mine = await h.caller(teacher).analytics.courses();
    expect(mine.map((c) => c.id)).toEqual([courseId]);
    expect(mine[0]).toMatchObject({ enrolments: 70 });
  });

  it('exports the dashboard as CSV over HTTP, with formulas defused, for the owner only', async () => {
    await Lesson.update({ title: '=HYPERLINK("http://evil")' }, { where: { id: lessons[1].id } });
    const app = Fastify();
    const actors: Record<string, Actor> = { teacher, other: otherTeacher };
    await app.register(analyticsRoutes, {
      deps: h.deps,
      resolveActor: async (req) => actors[String(req.headers['x-who'])] ?? null,
    });
    try {
      const ok = await app.inject({
        url: `/api/analytics/${courseId}.csv?days=7&locale=en`,
        headers: { 'x-who': 'teacher' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toMatch(/text\/csv/);
      expect(ok.body.startsWith('\uFEFF')).toBe(true);
      expect(ok.body).toContain('Enrolments,70');
      expect(ok.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
      const forbidden = await app.inject({
        url: `/api/analytics/${courseId}.csv`,
        headers: { 'x-who': 'other' },
      });
      expect(forbidden.statusCode).toBe(403);
      expect((await app.inject({ url: `/api/analytics/${courseId}.csv` })).statusCode).toBe(401);
      const bad = await app.inject({
        url: `/api/analytics/${courseId}.csv?days=9999`,
        headers: { 'x-who': 'teacher' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { field: 'days' } });
    } finally {
      await app.close();
    }
  });
});

describe('hardest questions sample', () => {
  it('judges questions on the latest graded attempts of each quiz only', async () => {
    const quiz = await Quiz.create({
      courseId,
      lessonId: null,
      title: 'Échantillon',
      isFinal: false,
      isPublished: true,
    });
    const [q1, q2] = await Promise.all(
      [1, 2].map((i) =>
        QuizQuestion.create({
          quizId: quiz.id,
          questionText: `S${i}`,
          questionType: 'true_false',
          correctAnswer: 'true',
          orderIndex: i,
        }),
      ),
    );
    const attempt = (q1ok: boolean, q2ok: boolean) => ({
      userId: teacher.id,
      quizId: quiz.id,
      answers: {},
      completedAt: NOW,
      status: 'graded' as const,
      results: [
        { questionId: q1.id, correct: q1ok, pointsAwarded: 0, points: 1 },
        { questionId: q2.id, correct: q2ok, pointsAwarded: 0, points: 1 },
      ],
    });
    // The oldest attempt is the only one failing q2; it falls out of the sample.
    await QuizAttempt.create(attempt(true, false));
    await QuizAttempt.bulkCreate(
      Array.from({ length: HARDEST_QUESTIONS_SAMPLE }, (_, i) => attempt(i % 100 !== 0, true)),
    );
    const hardest = await hardestQuestions(
      h.deps,
      [{ id: quiz.id, title: quiz.title, isFinal: false, lessonId: null }],
      10,
    );
    expect(hardest.map((q) => [q.questionId, q.answered, q.failed])).toEqual([
      [q1.id, HARDEST_QUESTIONS_SAMPLE, HARDEST_QUESTIONS_SAMPLE / 100],
    ]);
  });
});

describe('platform analytics', () => {
  it('equals a brute-force count over the whole database', async () => {
    const p = await h.caller(admin).analytics.platform();
    const users = await User.findAll({ attributes: ['role', 'country', 'createdAt'] });
    expect(p.users.total).toBe(users.length);
    for (const role of ['student', 'instructor', 'admin'] as const) {
      expect(p.users.byRole.find((r) => r.role === role)?.count).toBe(
        users.filter((u) => u.role === role).length,
      );
    }
    expect(p.users.byCountry.reduce((s, c) => s + c.count, 0)).toBe(users.length);
    const enrolments = await Enrollment.findAll({ attributes: ['userId', 'lastAccessedAt', 'status'] });
    const active = (days: number) =>
      new Set(
        enrolments
          .filter((e) => e.lastAccessedAt && e.lastAccessedAt.getTime() >= NOW.getTime() - days * DAY)
          .map((e) => e.userId),
      ).size;
    expect(p.activeLearners7d).toBe(active(7));
    expect(p.activeLearners30d).toBe(active(30));
    expect(p.enrolments.total).toBe(enrolments.length);
    expect(p.courses.total).toBe(await Course.count());
    expect(p.certificates.issued).toBe(await Certificate.count());
  });
});
