// Completion and certificates on MariaDB: one certificate per completion however often the job
// runs, the PDF read back with poppler and zbar, verification, revocation, download rights,
// sequential numbers under concurrency.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Certificate, Enrollment, Notification } from '@mdsc/db';
import { renderCertificate, type Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor', { firstName: 'Aïcha', lastName: 'Dossou' });
});
afterAll(async () => h?.close());

/** Enrols a new learner and completes every lesson, then passes the final quiz (if any). */
async function complete(courseSpec: Parameters<LearningHarness['course']>[1], learner?: Actor) {
  const course = await h.course(teacher, courseSpec);
  const student = learner ?? (await h.user('student', { firstName: 'Adjoa Élodie', lastName: 'Kpégba-Nʼdri' }));
  const as = h.caller(student);
  await as.enrollments.enroll({ courseId: course.id });
  for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
  if (course.finalQuiz) {
    const a = await as.quizzes.startAttempt({ quizId: course.finalQuiz.quizId });
    await as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: course.finalQuiz.questionId, answer: true }] });
  }
  return { course, student, as };
}

const storedPdfs = () => {
  const dir = path.join(h.storageRoot, 'certificates');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')) : [];
};

describe('completion', () => {
  it('needs every required lesson and the final quiz; then exactly one certificate, even if the job runs twice', async () => {
    const course = await h.course(teacher, { title: `Gouvernance associative ${h.run}`, finalQuiz: {} });
    const student = await h.user('student', { firstName: 'Adjoa Élodie', lastName: 'Kpégba' });
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
    let e = (await Enrollment.findOne({ where: { userId: student.id, courseId: course.id } }))!;
    expect(e.status).toBe('in_progress'); // lessons done, final quiz not passed yet
    expect(Number(e.progressPercentage)).toBe(100);
    expect(await Certificate.count({ where: { userId: student.id } })).toBe(0);

    const before = storedPdfs().length;
    const a = await as.quizzes.startAttempt({ quizId: course.finalQuiz!.quizId });
    await as.quizzes.submitAttempt({ attemptId: a.attemptId, answers: [{ questionId: course.finalQuiz!.questionId, answer: true }] });
    await h.jobs.idle();
    const certs = await Certificate.findAll({ where: { userId: student.id, courseId: course.id } });
    expect(certs).toHaveLength(1);
    const cert = certs[0];
    // The job again, twice at once, and the whole enqueue path again: still one row, one file.
    await Promise.all([renderCertificate(h.deps, cert.id), renderCertificate(h.deps, cert.id)]);
    await h.deps.jobs.enqueue('certificates', 'render-certificate', { certificateId: cert.id });
    await h.jobs.idle();
    expect(await Certificate.count({ where: { userId: student.id, courseId: course.id } })).toBe(1);
    expect(storedPdfs().length - before).toBe(1);
    e = (await e.reload())!;
    expect(e.status).toBe('certified');
    const ready = (await Notification.findAll({ where: { userId: student.id } })).filter(
      (n) => JSON.parse(n.payload).type === 'certificate_ready',
    );
    expect(ready).toHaveLength(1);
    expect(cert.certificateCode).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 random bits
    expect(cert.certificateNumber).toMatch(/^MDSC-\d{4}-\d{6}$/);
    expect(h.events('certificate_earned').filter((x) => x.payload.userId === student.id)).toHaveLength(1);
    expect(h.events('course_completed').filter((x) => x.payload.userId === student.id)).toHaveLength(1);

    const mine = await as.certificates.mine();
    expect(mine).toEqual([
      expect.objectContaining({ code: cert.certificateCode, ready: true, status: 'valid', course: expect.objectContaining({ id: course.id }) }),
    ]);
  });

  it('hands out sequential yearly numbers under concurrent completions, without duplicates', async () => {
    const courses = await Promise.all(Array.from({ length: 12 }, () => h.course(teacher, { modules: [{ lessons: [{}] }] })));
    const learners = await Promise.all(courses.map(() => h.user()));
    for (const [i, c] of courses.entries()) await h.caller(learners[i]).enrollments.enroll({ courseId: c.id });
    await Promise.all(courses.map((c, i) => h.caller(learners[i]).progress.completeLesson({ lessonId: c.lessonIds[0] })));
    const numbers = (await Certificate.findAll({ where: { courseId: courses.map((c) => c.id) } })).map((c) => c.certificateNumber!);
    expect(numbers).toHaveLength(12);
    expect(new Set(numbers).size).toBe(12);
    const seq = numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y);
    expect(seq[11] - seq[0]).toBe(11); // consecutive
    await h.jobs.idle();
  });
});

describe('the certificate PDF, read back by real tools', () => {
  it('shows the holder (accents), the course and the number; its QR code decodes to a URL that verifies', async () => {
    const { course, student, as } = await complete({ title: `Plaidoyer & mobilisation citoyenne ${h.run}`, finalQuiz: {} });
    await h.jobs.idle();
    const [cert] = await as.certificates.mine();
    const { base, bearer } = await h.http();
    const token = await bearer(student);
    const res = await fetch(`${base}${cert.downloadUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-cert-'));
    const file = path.join(dir, 'c.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Adjoa Élodie Kpégba-Nʼdri');
    expect(text).toContain(course.title);
    expect(text).toContain(cert.number!);
    expect(text).toContain('Aïcha Dossou');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);

    execFileSync('pdftoppm', ['-png', '-r', '150', file, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, png)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    expect(decoded).toBe(`http://app.mdsc.test/verify/${cert.code}`);
    fs.rmSync(dir, { recursive: true, force: true });

    const code = new URL(decoded).pathname.split('/').pop()!;
    const verify = async () =>
      (await (await fetch(`${base}/trpc/certificates.verify?input=${encodeURIComponent(JSON.stringify({ code }))}`)).json()) as {
        result: { data: { status: string; holderName: string; revokedReason: string | null } };
      };
    expect((await verify()).result.data).toMatchObject({ status: 'valid', holderName: 'Adjoa Élodie Kpégba-Nʼdri', revokedReason: null });

    const admin = await h.user('admin');
    await expectTrpcError(h.caller(student).certificates.revoke({ code, reason: 'Fraude' }), 'FORBIDDEN');
    await h.caller(admin).certificates.revoke({ code, reason: 'Examen passé par un tiers' });
    expect((await verify()).result.data).toMatchObject({ status: 'revoked', revokedReason: 'Examen passé par un tiers' });
    await expectTrpcError(h.caller(admin).certificates.revoke({ code, reason: 'Encore' }), 'CONFLICT');
  });

  it('serves the PDF to its holder and admins only; says expired after the expiry date', async () => {
    const { student, as } = await complete({});
    await h.jobs.idle();
    const [cert] = await as.certificates.mine();
    const { base, bearer } = await h.http();
    const get = async (actor: Actor | null) =>
      (await fetch(`${base}${cert.downloadUrl}`, { headers: actor ? { authorization: `Bearer ${await bearer(actor)}` } : {} })).status;
    expect(await get(student)).toBe(200);
    expect(await get(await h.user('admin'))).toBe(200);
    expect(await get(await h.user())).toBe(404);
    expect(await get(teacher)).toBe(404);
    expect(await get(null)).toBe(404);
    expect((await fetch(`${base}/api/certificates/not..a-code.pdf`)).status).toBe(404);
    expect(await as.certificates.download({ code: cert.code })).toEqual({ url: cert.downloadUrl });
    await expectTrpcError(h.caller(await h.user()).certificates.download({ code: cert.code }), 'NOT_FOUND');

    await Certificate.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { certificateCode: cert.code } });
    expect((await h.caller(null).certificates.verify({ code: cert.code })).status).toBe('expired');
    await expectTrpcError(h.caller(null).certificates.verify({ code: 'A'.repeat(32) }), 'NOT_FOUND');
    await expect(h.caller(null).certificates.verify({ code: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
