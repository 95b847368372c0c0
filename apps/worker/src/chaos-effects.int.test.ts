// Kill -9 tests of the wave-2 features' effects (the rule: an effect that must follow a commit is an
// outbox row of the same transaction, so nothing is lost or doubled when any process is killed at
// any line). The API and the worker run as real processes on MariaDB, Redis and a real SMTP server
// (testing/processes.ts, as in chaos.int.test.ts); FedaPay is the local fake. Killing points:
// - the API right after a commit, before its relay (TEST_CRASH_AFTER_COMMIT) — its client (FedaPay,
//   the grader's browser) gets a reset connection and sends the same request again;
// - the worker in the middle of an SMTP delivery (the test's SMTP server holds the message without
//   accepting it), or in the middle of an XP job (the test holds the learner's user_xp row lock).
// Then: the paid order enrols once and mails one receipt; the graded assignment pays its XP once
// and notifies once; the discussion reply notifies and mails once.
import { randomBytes } from 'node:crypto';
import { createSession } from '@mdsc/core';
import {
  Assignment,
  Category,
  Course,
  CourseModule,
  Enrollment,
  Lesson,
  Notification,
  Order,
  OutboxMessage,
  PaymentEvent,
  User,
  UserXp,
  XpLedger,
} from '@mdsc/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFedaPay, type FakeFedaPay } from '../../api/src/testing/fake-fedapay';
import { recipients, type SmtpSink } from '../../api/src/testing/smtp-sink';
import { trpcHttp } from '../../api/src/testing/trpc-http';
import { chaosEnvironment, type ChaosEnv } from './testing/chaos-env';
import { kill9, sleep, stop, waitFor, type Proc } from './testing/processes';

const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-chaos2-${run}`;
const PUBLIC_URL = 'http://app.mdsc.test';
const SECRET = 'sk_sandbox_chaos0123456789';
const WEBHOOK_SECRET = 'wh_sandbox_chaos-secret';
// One kill per job here: the job must come back after it (the default allows one stall only).
const WORKER = { WORKER_MAX_STALLED_COUNT: '3' };

let env: ChaosEnv;
let procs: ChaosEnv['procs'];
let smtp: SmtpSink;
let fake: FakeFedaPay;
let worker: Proc;
let api: Proc & { base: string };
let http: ReturnType<typeof trpcHttp>;
let instructor: User;
let category: Category;

async function startApi(extra: Record<string, string> = {}) {
  api = await procs.startApi(extra);
  http = trpcHttp(api.base, PUBLIC_URL);
  fake.webhookUrl = `${api.base}/api/payments/fedapay/webhook`;
}

/** The API dies right after its next commit with outbox rows: `request` must fail (reset). */
async function crashAfterCommit(request: () => Promise<unknown>) {
  await stop(api);
  await startApi({ TEST_CRASH_AFTER_COMMIT: 'true' });
  await expect(request()).rejects.toThrow();
  expect((await api.exited).signal).toBe('SIGKILL');
  await startApi();
}

/** Kills the worker while the SMTP server holds its message to `to`, then lets mail flow again. */
async function killWorkerMidDelivery(to: string, act: () => Promise<void>) {
  const release = smtp.hold();
  try {
    await act();
    await waitFor(`a mail to ${to} held by the SMTP server`, async () => smtp.held.some((m) => recipients(m).includes(to)));
    await kill9(worker);
    // Its connection is gone: the message was never accepted.
    await waitFor('the held mail dropped', async () => !smtp.held.some((m) => recipients(m).includes(to)));
  } finally {
    release();
  }
  worker = await procs.startWorker(WORKER);
}

/** Exactly one mail to `to` matching `subject`, after leaving time for a duplicate to arrive. */
async function expectOneMail(to: string, subject: RegExp) {
  await smtp.waitFor(to, subject, 60_000);
  await sleep(2500);
  expect(smtp.to(to).filter((m) => subject.test(m.subject ?? ''))).toHaveLength(1);
}

const notes = async (userId: number, type: string) =>
  (await Notification.findAll({ where: { userId } })).filter((n) => (JSON.parse(n.payload) as { type: string }).type === type).length;

async function learner(name: string) {
  const u = await User.create({
    email: `${name}-${run}@chaos.test`,
    password: 'x',
    firstName: name[0]!.toUpperCase() + name.slice(1),
    lastName: 'Chaos',
    role: 'student',
    isEmailVerified: true,
  });
  return { id: u.id, email: u.email, token: (await createSession(u.id, { userAgent: 'chaos' })).token };
}

async function course(title: string, lessons: { title: string; contentType?: 'text' | 'assignment' }[]) {
  const c = await Course.create({
    title: `${title} ${run}`,
    slug: `${title.toLowerCase().replace(/\W+/g, '-')}-${run}`,
    instructorId: instructor.id,
    categoryId: category.id,
    isPublished: true,
  });
  const mod = await CourseModule.create({ courseId: c.id, title: 'Module 1', orderIndex: 1 });
  const rows: Lesson[] = [];
  for (const [i, l] of lessons.entries()) {
    rows.push(await Lesson.create({ courseId: c.id, moduleId: mod.id, title: l.title, contentType: l.contentType ?? 'text', orderIndex: i + 1, isPublished: true }));
  }
  return { course: c, lessons: rows };
}

beforeAll(async () => {
  fake = await startFakeFedaPay({ secretKey: SECRET, webhookSecret: WEBHOOK_SECRET });
  env = await chaosEnvironment({
    prefix: PREFIX,
    publicUrl: PUBLIC_URL,
    pool: 5,
    env: () => ({ FEDAPAY_SECRET_KEY: SECRET, FEDAPAY_WEBHOOK_SECRET: WEBHOOK_SECRET, FEDAPAY_API_BASE: fake.base }),
  });
  ({ procs, smtp } = env);
  instructor = await User.create({ email: `inst-${run}@chaos.test`, password: 'x', firstName: 'Ina', lastName: 'Prof', role: 'instructor', isEmailVerified: true });
  category = await Category.create({ name: `Chaos 2 ${run}`, color: '#1f7a4d' });
  worker = await procs.startWorker(WORKER);
  await startApi();
}, 180_000);

afterAll(async () => {
  await env?.close(fake);
});

describe('chaos: the effects of payments, grading and discussions across kill -9', () => {
  it('a confirmed FedaPay payment enrols once, notifies once and mails one receipt (API and worker killed)', { timeout: 240_000 }, async () => {
    const { course: paid } = await course('Plaidoyer payant', [{ title: 'Leçon 1' }]);
    await Course.update({ price: 15000, currency: 'XOF' }, { where: { id: paid.id } });
    const buyer = await learner('payeur');
    const checkout = await http.mutation('payments.checkout', { courseId: paid.id, method: 'fedapay' }, { bearer: buyer.token });
    expect(checkout.status).toBe(200);
    const orderId: number = checkout.data.order.id;
    const txId = Number(checkout.data.order.providerReference);
    fake.setStatus(txId, 'approved');
    const approved = fake.event(txId, { name: 'transaction.approved', eventId: `evt-${txId}-approved` });

    // The webhook's transaction commits (order paid, enrolment, notifications, receipt mail row),
    // then the API dies before relaying; the worker's relay picks the rows up and starts the mail,
    // and dies while the SMTP server holds it.
    await killWorkerMidDelivery(buyer.email, async () => {
      await crashAfterCommit(() => fake.deliver(approved));
      expect((await Order.findByPk(orderId))!.status).toBe('paid');
    });
    // FedaPay had no answer: it delivers the same event again, and a later one of its own.
    expect(await fake.deliver(approved)).toBe(200);
    expect(await fake.deliver(fake.event(txId, { name: 'transaction.updated', eventId: `evt-${txId}-updated` }))).toBe(200);

    await expectOneMail(buyer.email, /^(Reçu|Receipt) R\d{4}-/);
    const receiptRow = (await OutboxMessage.findOne({ where: { jobId: `receipt-${orderId}` } }))!;
    expect(receiptRow.deliveredAt).not.toBeNull();
    expect(await Enrollment.count({ where: { userId: buyer.id, courseId: paid.id, isActive: true } })).toBe(1);
    expect((await Course.findByPk(paid.id))!.enrollmentCount).toBe(1);
    expect(await notes(buyer.id, 'payment_confirmed')).toBe(1);
    expect(await notes(buyer.id, 'enrolment')).toBe(1);
    // order.created, the approval (recorded once though delivered twice) and the update.
    expect(await PaymentEvent.count({ where: { orderId } })).toBe(3);
  });

  it('a graded assignment pays its XP once and notifies once (API killed after the grade, worker killed in the XP job)', { timeout: 240_000 }, async () => {
    const { course: c, lessons } = await course('Stage noté', [{ title: 'Rapport de stage', contentType: 'assignment' }, { title: 'Suite' }]);
    await Assignment.create({ lessonId: lessons[0]!.id, instructionsHtml: '<p>Rendez votre rapport.</p>', points: 100, passMark: 50, submissionType: 'text' });
    const student = await learner('stagiaire');
    await Enrollment.create({ userId: student.id, courseId: c.id });
    const graderToken = (await createSession(instructor.id, { userAgent: 'chaos' })).token;
    const submitted = await http.mutation('assignments.submit', { lessonId: lessons[0]!.id, text: 'Mon rapport.' }, { bearer: student.token });
    expect(submitted.status).toBe(200);
    const grade = { submissionId: submitted.data.id as number, score: 80, feedback: 'Bon travail.' };

    // The test holds the learner's user_xp row: the XP job blocks inside its transaction.
    // (the row as the first XP event would create it, ensureUserRows)
    await env.db.sequelize.query(
      'INSERT IGNORE INTO user_xp (user_id, total_xp, current_level, xp_to_next_level, created_at, updated_at) VALUES (?, 0, 1, NULL, NOW(), NOW())',
      { replacements: [student.id] },
    );
    const hold = await env.db.sequelize.transaction();
    await env.db.sequelize.query('SELECT user_id FROM user_xp WHERE user_id = ? FOR UPDATE', { replacements: [student.id], transaction: hold });
    const gamification = new Queue('gamification', { connection: env.redis, prefix: PREFIX });
    try {
      // The grade commits (grade, completion, XP event job, notification) and the API dies before
      // relaying: the grader's browser sees an error.
      await crashAfterCommit(() => http.mutation('assignments.grade', grade, { bearer: graderToken }));
      const xpJob = await waitFor('the XP job running', async () =>
        (await gamification.getActive()).find((j) => j.name === 'record-event' && (j.data as { userId: number }).userId === student.id),
      );
      await kill9(worker);
      expect(await XpLedger.count({ where: { userId: student.id } })).toBe(0);
      await hold.rollback();
      // The grader sends the same grade again.
      const again = await http.mutation('assignments.grade', grade, { bearer: graderToken });
      expect(again.status).toBe(200);
      expect(again.data.grade).toMatchObject({ score: 80 });
      worker = await procs.startWorker(WORKER);
      await waitFor('the XP job done', async () => (await gamification.getJob(xpJob.id!))?.isCompleted(), 60_000, 250);
    } finally {
      await gamification.close();
    }
    const ledger = await XpLedger.findAll({ where: { userId: student.id } });
    expect(ledger.map((r) => `${r.reason}:${r.sourceType}:${r.sourceId}`)).toEqual([`lesson_completed:lesson:${lessons[0]!.id}`]);
    expect((await UserXp.findOne({ where: { userId: student.id } }))!.totalXp).toBe(ledger[0]!.amount);
    expect(await notes(student.id, 'assignment_graded')).toBe(1);
  });

  it('a discussion reply notifies and mails the thread author once (worker killed mid-delivery)', { timeout: 240_000 }, async () => {
    const { course: c } = await course('Débat', [{ title: 'Leçon 1' }]);
    const author = await learner('auteur');
    const replier = await learner('repondant');
    for (const u of [author, replier]) await Enrollment.create({ userId: u.id, courseId: c.id });
    const thread = await http.mutation(
      'discussions.createThread',
      { courseId: c.id, category: 'question', title: 'Comment mobiliser ?', body: 'Vos idées ?' },
      { bearer: author.token },
    );
    expect(thread.status).toBe(200);

    await killWorkerMidDelivery(author.email, async () => {
      const reply = await http.mutation('discussions.reply', { threadId: thread.data.id, body: 'Par les radios locales.' }, { bearer: replier.token });
      expect(reply.status).toBe(200);
    });

    await expectOneMail(author.email, /Comment mobiliser/);
    expect(await notes(author.id, 'discussion_reply')).toBe(1);
    expect(smtp.to(replier.email)).toHaveLength(0);
    expect(await notes(replier.id, 'discussion_reply')).toBe(0);
    await stop(worker, api);
  });
});
