// The repair sweep on real MariaDB, the real processors (inline driver) and a real SMTP server:
// facts whose effects were lost (no ledger rows, certificate without PDF, badges never evaluated,
// a mail relayed but never delivered) are all repaired by one sweep, exactly once, and a second
// sweep finds nothing left to do.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { badgePdfKey, certificateStorageKey, relayOutbox, runRepairSweep, type CoreDeps } from '@mdsc/core';
import {
  Badge,
  Category,
  Certificate,
  Course,
  CourseModule,
  createDatabase,
  Enrollment,
  Lesson,
  MediaFile,
  OutboxMessage,
  Progress,
  Quiz,
  QuizAttempt,
  User,
  UserBadge,
  XpLedger,
  type Database,
} from '@mdsc/db';
import { createInlineJobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipients, startSmtpSink, type SmtpSink } from '../../api/src/testing/smtp-sink';
import { createProcessors } from './index';

const run = randomBytes(4).toString('hex');
const silent = { info() {}, warn() {}, error() {} };
let db: Database;
let smtp: SmtpSink;
let storageRoot: string;
let deps: CoreDeps;
let inline: ReturnType<typeof createInlineJobQueue>;

/** Runs jobs until none is pending and no outbox row is left unsent (jobs write follow-ups). */
async function settle() {
  for (let i = 0; i < 20; i++) {
    await inline.idle();
    if ((await OutboxMessage.count({ where: { sentAt: null } })) === 0) return;
    await relayOutbox(deps);
  }
  throw new Error('jobs did not settle');
}

beforeAll(async () => {
  db = createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 20 } });
  smtp = await startSmtpSink();
  storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-repair-'));
  deps = {
    db,
    clock: { now: () => new Date() },
    logger: silent,
    storage: createLocalStorage({ root: storageRoot }),
    config: {
      publicUrl: 'http://app.mdsc.test',
      timezone: 'Africa/Porto-Novo',
      dataDir: storageRoot,
      mail: { smtpUrl: smtp.url, from: 'MdSC <no-reply@mdsc.test>' },
    },
    jobs: null as unknown as CoreDeps['jobs'],
  };
  inline = createInlineJobQueue(createProcessors(deps), silent, { attempts: 2, backoffMs: 10 });
  deps.jobs = inline;
});

afterAll(async () => {
  await inline.close();
  await smtp.close();
  await db.close();
  await fs.rm(storageRoot, { recursive: true, force: true });
});

describe('repair sweep', () => {
  it('re-runs every lost effect once, and a second sweep finds nothing left', async () => {
    const past = new Date(Date.now() - 3600_000);
    const instructor = await User.create({
      email: `inst-${run}@repair.test`,
      password: 'x',
      firstName: 'Ina',
      lastName: 'Structor',
      role: 'instructor',
    });
    const student = await User.create({
      email: `awa-${run}@repair.test`,
      password: 'x',
      firstName: 'Awa',
      lastName: 'Koné',
      role: 'student',
      isEmailVerified: true,
    });
    const category = await Category.create({ name: `Repair ${run}`, color: '#1f7a4d' });
    const course = await Course.create({
      title: `Cours réparé ${run}`,
      slug: `cours-repare-${run}`,
      instructorId: instructor.id,
      categoryId: category.id,
      isPublished: true,
    });
    const mod = await CourseModule.create({ courseId: course.id, title: 'Module 1', orderIndex: 1 });
    const lessons = await Promise.all(
      [1, 2].map((i) =>
        Lesson.create({
          courseId: course.id,
          moduleId: mod.id,
          title: `Leçon ${i}`,
          contentType: 'text',
          orderIndex: i,
          isPublished: true,
        }),
      ),
    );
    const quiz = await Quiz.create({ courseId: course.id, title: `Quiz ${run}`, isPublished: true });
    const badge = await Badge.create({
      name: `Premier cours ${run}`,
      criteria: { type: 'course_completion', value: 1, courseId: course.id } as never,
      tier: 'bronze',
      isActive: true,
    });
    // The facts, committed; every effect "lost" (no outbox row: as after the old enqueue-after-commit bug,
    // or a job that failed for good).
    const enrollment = await Enrollment.create({
      userId: student.id,
      courseId: course.id,
      status: 'completed',
      startedAt: past,
      completedAt: past,
      lastAccessedAt: past,
      progressPercentage: 100,
    });
    for (const l of lessons) {
      await Progress.create({
        enrollmentId: enrollment.id,
        lessonId: l.id,
        status: 'completed',
        completionPercentage: 100,
        completedAt: past,
      });
    }
    const attempt = await QuizAttempt.create({
      userId: student.id,
      quizId: quiz.id,
      answers: {},
      status: 'graded',
      startedAt: past,
      completedAt: past,
      percentage: 80,
      isPassed: true,
    });
    const cert = await Certificate.create({
      certificateCode: `repair${run}code`,
      userId: student.id,
      courseId: course.id,
      certificateNumber: `MDSC-2026-R${run}`,
      issuedAt: past,
      expiresAt: null,
      pdfUrl: null,
      qrCodeUrl: null,
      revokedAt: null,
      revokedReason: null,
    });
    // A mail the relay handed over whose job then failed for good (never delivered).
    const mailTo = `lost-${run}@repair.test`;
    const lostMail = await OutboxMessage.create({
      kind: 'job',
      queue: 'mail',
      jobName: 'send-mail',
      jobId: `notify-lost-${run}`,
      payload: {
        to: mailTo,
        locale: 'fr',
        template: 'welcome',
        data: { name: 'Awa', url: 'http://app.mdsc.test/' },
      },
      sentAt: past,
      attempts: 1,
    });

    // An uploaded image whose processing job was lost (Redis restarted without persistence).
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    await deps.storage.put(`2026/01/lost-${run}.png`, png, { contentType: 'image/png' });
    const image = await MediaFile.create({
      courseId: course.id,
      lessonId: null,
      filename: `lost-${run}.png`,
      originalFilename: 'photo.png',
      fileType: 'image/png',
      fileCategory: 'image',
      fileSize: png.length,
      storagePath: `2026/01/lost-${run}.png`,
      url: '/api/media/pending',
      thumbnailUrl: null,
      duration: null,
      metadata: { ext: 'png' },
      uploadedBy: instructor.id,
      uploadedAt: past,
      bucketName: null,
    });

    const report = await runRepairSweep(deps, { olderThanMs: 60_000 });
    expect(report).toMatchObject({ certificates: expect.any(Number), mails: expect.any(Number) });
    expect(report.certificates).toBeGreaterThanOrEqual(1);
    expect(report.ledgerEvents).toBeGreaterThanOrEqual(6); // 2 lessons, quiz, module, course, certificate
    expect(report.mails).toBeGreaterThanOrEqual(1);
    expect(report.media).toBeGreaterThanOrEqual(1);
    await settle();
    await image.reload();
    expect(image.metadata?.processed).toBe(true);

    // Ledger: every fact paid exactly once.
    const ledger = await XpLedger.findAll({
      where: { userId: student.id },
      order: [
        ['reason', 'ASC'],
        ['sourceId', 'ASC'],
      ],
    });
    const key = (r: XpLedger) => `${r.reason}:${r.sourceType}:${r.sourceId}`;
    expect(ledger.map(key).sort()).toEqual(
      [
        `certificate_earned:course:${course.id}`,
        `course_completed:course:${course.id}`,
        `lesson_completed:lesson:${lessons[0].id}`,
        `lesson_completed:lesson:${lessons[1].id}`,
        `module_completed:module:${mod.id}`,
        `quiz_passed:quiz:${quiz.id}`,
      ].sort(),
    );
    // Certificate rendered and stored, enrolment certified, its ready mail delivered once.
    await cert.reload();
    expect(cert.pdfUrl).toBe(`/api/certificates/${cert.certificateCode}.pdf`);
    expect(await deps.storage.stat(certificateStorageKey(cert.certificateCode))).toBeTruthy();
    await enrollment.reload();
    expect(enrollment.status).toBe('certified');
    await smtp.waitFor(student.email, /certificat|certificate/i);
    // Badge evaluated and granted, its PDF rendered.
    const held = await UserBadge.findAll({ where: { userId: student.id, badgeId: badge.id } });
    expect(held).toHaveLength(1);
    expect(await deps.storage.stat(badgePdfKey(held[0].id))).toBeTruthy();
    // The lost mail: delivered once, under a fresh job id; its payload gone.
    await smtp.waitFor(mailTo);
    await lostMail.reload();
    expect(lostMail.deliveredAt).not.toBeNull();
    expect(lostMail.jobId).toMatch(new RegExp(`^notify-lost-${run}-r\\d+$`));
    expect(lostMail.payload).toBeNull();

    // Nothing left: a second sweep queues nothing more for this learner, and pays nothing twice.
    const again = await runRepairSweep(deps, { olderThanMs: 0 });
    await settle();
    const suffix = `-r${new Date(again.ranAt).getTime()}`;
    const [second] = (await db.sequelize.query('SELECT id, payload FROM outbox WHERE job_id LIKE ?', {
      replacements: [`%${suffix}`],
    })) as [{ id: number; payload: unknown }[], unknown];
    const aboutMe = second.filter((r) => {
      const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<
        string,
        unknown
      > | null;
      return p?.userId === student.id || p?.certificateId === cert.id || Number(r.id) === lostMail.id;
    });
    expect(aboutMe).toEqual([]);
    expect(await XpLedger.count({ where: { userId: student.id } })).toBe(6);
    expect(smtp.mails.filter((m) => recipients(m).includes(mailTo))).toHaveLength(1);
    expect(smtp.mails.filter((m) => recipients(m).includes(student.email))).toHaveLength(1);
    expect(attempt.isPassed).toBe(true);
  });
});
