// The role dashboards on MariaDB: what each shows, who may call which, and a fixed number of SQL
// statements whatever the number of enrolments (no N+1).
import { clearLevelNamesCache, type Actor } from '@mdsc/core';
import { Assignment, AssignmentSubmission, Course, DiscussionThread, Lesson, Order, type OrderStatus, type PaymentProvider } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor', { firstName: 'Aïcha', lastName: 'Dossou' });
});
afterAll(async () => h?.close());

/** The SQL statements one call runs (outbox relay statements of earlier writes left out). */
async function statementsOf<T>(call: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  await h.jobs.idle();
  const statements: string[] = [];
  const opts = h.db.sequelize.options as { logging: unknown };
  const saved = opts.logging;
  opts.logging = (sql: string) => void (/`outbox`/.test(sql) || statements.push(sql));
  try {
    return { result: await call(), statements };
  } finally {
    opts.logging = saved;
  }
}

describe('dashboard.learner', () => {
  it('shows where to continue, progress per course, quizzes to pass, and suggestions; same statement count for 1 or 4 courses', async () => {
    const student = await h.user();
    const first = await h.course(teacher, { finalQuiz: {} });
    const end = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    await Course.update({ courseEndDate: end }, { where: { id: first.id } });
    await h.caller(student).enrollments.enroll({ courseId: first.id });
    await h.caller(student).progress.completeLesson({ lessonId: first.lessonIds[0]! });
    await h.caller(student).progress.start({ lessonId: first.lessonIds[1]! });
    const other = await h.course(teacher, { title: `Suggestion ${h.run}` });

    // The level's name comes from a per-process cache of level_names (one read when cold): start
    // both counts from a cold cache.
    clearLevelNamesCache();
    const one = await statementsOf(() => h.caller(student).dashboard.learner());
    const d = one.result;
    expect(d.courses).toHaveLength(1);
    expect(d.courses[0]).toMatchObject({ courseId: first.id, completedLessons: 1, totalLessons: 2, status: 'in_progress' });
    expect(d.resume?.courseId).toBe(first.id);
    expect(d.resume?.lastLesson?.id).toBe(first.lessonIds[1]);
    const kinds = d.deadlines.map((x) => x.kind).sort();
    expect(kinds).toEqual(['course_end', 'quiz']);
    expect(d.deadlines.find((x) => x.kind === 'quiz')?.quizId).toBe(first.finalQuiz!.quizId);
    expect(d.deadlines[0]!.dueAt).toBe(end.toISOString().replace(/\.\d{3}Z$/, '.000Z'));
    expect(d.suggestions.map((c) => c.id)).not.toContain(first.id);
    expect(d.suggestions.length).toBeGreaterThan(0);
    expect(d.level.level).toBeGreaterThanOrEqual(1);
    void other;

    for (let i = 0; i < 3; i++) {
      const c = await h.course(teacher);
      await h.caller(student).enrollments.enroll({ courseId: c.id });
      await h.caller(student).progress.completeLesson({ lessonId: c.lessonIds[0]! });
    }
    clearLevelNamesCache();
    const four = await statementsOf(() => h.caller(student).dashboard.learner());
    expect(four.result.courses).toHaveLength(4);
    expect(four.statements.length).toBe(one.statements.length);
    expect(four.statements.length).toBeLessThanOrEqual(7);
    expect(four.statements.filter((sql) => /`level_names`/.test(sql))).toHaveLength(1);
    // Warm: the six statements of the dashboard itself.
    expect((await statementsOf(() => h.caller(student).dashboard.learner())).statements.length).toBeLessThanOrEqual(6);
  });

  it('asks for a session', async () => {
    await expectTrpcError(h.caller(null).dashboard.learner(), 'UNAUTHORIZED');
  });
});

describe('dashboard.instructor', () => {
  it('counts enrolments and unanswered questions of my courses only, in 2 statements', async () => {
    const prof = await h.user('instructor');
    const mine = await h.course(prof);
    const notMine = await h.course(teacher);
    const students = await Promise.all([h.user(), h.user(), h.user()]);
    for (const s of students) await h.caller(s).enrollments.enroll({ courseId: mine.id });
    await h.caller(students[1]!).enrollments.enroll({ courseId: notMine.id });
    await h.caller(students[0]!).discussions.createThread({
      courseId: mine.id,
      category: 'question',
      title: 'Comment calculer le quorum ?',
      body: 'Je ne comprends pas la règle du quorum.',
    });
    await h.caller(students[1]!).discussions.createThread({
      courseId: notMine.id,
      category: 'question',
      title: 'Question ailleurs',
      body: 'Une question dans un autre cours.',
    });
    // Work handed in: one waiting for a grade, one graded (not counted).
    const lesson = await Lesson.create({
      courseId: mine.id,
      moduleId: null,
      title: 'Devoir',
      contentType: 'assignment',
      orderIndex: 99,
      isPublished: true,
    } as Lesson);
    const assignment = await Assignment.create({ lessonId: lesson.id, instructionsHtml: '<p>Rendez un PDF.</p>' } as Assignment);
    for (const [s, status] of [[students[0]!, 'submitted'], [students[1]!, 'graded']] as const) {
      await AssignmentSubmission.create({
        assignmentId: assignment.id,
        courseId: mine.id,
        userId: s.id,
        textContent: 'Mon travail',
        submittedAt: new Date(),
        status,
      } as AssignmentSubmission);
    }
    const { result: d, statements } = await statementsOf(() => h.caller(prof).dashboard.instructor());
    expect(d.courses.map((c) => c.id)).toEqual([mine.id]);
    expect(d.courses[0]).toMatchObject({ activeEnrolments: 3, newEnrolmentsThisWeek: 3, unansweredQuestions: 1, toGrade: 1 });
    expect(d.totals.toGrade).toBe(1);
    expect(d.latestQuestions.map((q) => q.title)).toEqual(['Comment calculer le quorum ?']);
    expect(d.totals.activeEnrolments).toBe(3);
    expect(statements.length).toBeLessThanOrEqual(2);
    expect(await DiscussionThread.count({ where: { courseId: notMine.id } })).toBe(1);
  });

  it('is refused to students', async () => {
    await expectTrpcError(h.caller(await h.user()).dashboard.instructor(), 'FORBIDDEN');
  });
});

describe('dashboard.admin', () => {
  it('reports sign-ups, the outbox and the job queues to admins only', async () => {
    const admin = await h.user('admin');
    const before = (await h.caller(admin).dashboard.admin()).signUps;
    await h.user();
    const { result: d, statements } = await statementsOf(() => h.caller(admin).dashboard.admin());
    expect(d.signUps.total).toBe(before.total + 1);
    expect(d.signUps.lastWeek).toBe(before.lastWeek + 1);
    expect(d.outbox.unsent).toBeGreaterThanOrEqual(0);
    expect(d.jobs.driver).toBe('inline');
    expect(statements.length).toBe(2);
    await expectTrpcError(h.caller(teacher).dashboard.admin(), 'FORBIDDEN');
  });

  it('reports the week\'s payments per currency, bank transfers to confirm and failures, to admins only', async () => {
    const admin = await h.user('admin');
    const course = await h.course(teacher);
    const day = 24 * 3600 * 1000;
    let n = 0;
    const order = async (status: OrderStatus, provider: PaymentProvider, amount: number, currency: string, at: Date) => {
      const learner = await h.user();
      await Order.create({
        reference: `DASH-${h.run}-${++n}`,
        userId: learner.id,
        courseId: course.id,
        listAmount: amount,
        amount,
        currency,
        status,
        provider,
        paidAt: status === 'paid' || status === 'refunded' ? at : null,
        failedAt: status === 'failed' ? at : null,
        createdAt: at,
      });
    };
    const before = (await h.caller(admin).dashboard.admin()).payments;
    const now = Date.now();
    await order('paid', 'fedapay', 5000, 'XOF', new Date(now - day));
    await order('paid', 'transfer', 7000, 'XOF', new Date(now - 2 * day));
    await order('paid', 'fedapay', 20, 'EUR', new Date(now - 3 * day));
    await order('paid', 'fedapay', 9000, 'XOF', new Date(now - 10 * day)); // before the week
    await order('refunded', 'fedapay', 3000, 'XOF', new Date(now - day)); // refunded: not revenue
    await order('pending', 'transfer', 15000, 'XOF', new Date(now - 4 * day)); // to confirm
    await order('pending', 'fedapay', 15000, 'XOF', new Date(now - day)); // waiting for FedaPay, not an admin
    await order('failed', 'fedapay', 5000, 'XOF', new Date(now - day));
    await order('failed', 'fedapay', 5000, 'XOF', new Date(now - 9 * day)); // before the week

    const { result: d, statements } = await statementsOf(() => h.caller(admin).dashboard.admin());
    const total = (p: typeof before, currency: string) => p.totals.find((t) => t.currency === currency) ?? { amount: 0, count: 0 };
    expect(d.payments.paidLastWeek).toBe(before.paidLastWeek + 3);
    expect(total(d.payments, 'XOF').amount - total(before, 'XOF').amount).toBe(12000);
    expect(total(d.payments, 'XOF').count - total(before, 'XOF').count).toBe(2);
    expect(total(d.payments, 'EUR').amount - total(before, 'EUR').amount).toBe(20);
    expect(d.payments.pendingTransfers).toBe(before.pendingTransfers + 1);
    expect(d.payments.oldestPendingTransferAt).not.toBeNull();
    expect(d.payments.failedLastWeek).toBe(before.failedLastWeek + 1);
    expect(statements.length).toBe(2);
    await expectTrpcError(h.caller(teacher).dashboard.admin(), 'FORBIDDEN');
    await expectTrpcError(h.caller(await h.user()).dashboard.admin(), 'FORBIDDEN');
  });
});
