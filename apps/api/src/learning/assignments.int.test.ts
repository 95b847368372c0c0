// Assignments on MariaDB and the real HTTP server: settings, late submissions, who may read what,
// resubmission rules, grading that notifies and completes the lesson once, the learner's file
// through the media pipeline, and the course's submissions as a ZIP read back with unzip.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '@mdsc/core';
import { Enrollment, Notification, OutboxMessage, Progress, User } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';
import { postFile } from '../testing/multipart';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
});
afterAll(async () => h?.close());

const DUE = new Date('2026-06-01T12:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

type Settings = Partial<Parameters<ReturnType<LearningHarness['caller']>['assignments']['saveSettings']>[0]>;

/** A course whose first lesson is an assignment, set up by the teacher, and an enrolled student. */
async function setup(settings: Settings = {}) {
  h.setNow(null);
  const course = await h.course(teacher, { modules: [{ lessons: [{ contentType: 'assignment', title: 'Rapport de stage' }, {}] }] });
  const lessonId = course.lessonIds[0];
  await h.caller(teacher).assignments.saveSettings({
    lessonId,
    instructionsHtml: '<p>Rendez votre <strong>rapport</strong>.<script>alert(1)</script></p>',
    dueAt: DUE.toISOString(),
    latePolicy: 'accept_flag',
    points: 20,
    passMark: 10,
    submissionType: 'both',
    allowedFileTypes: ['pdf'],
    maxFileSizeMb: 1,
    ...settings,
  });
  const student = await enrol(course.id);
  return { course, lessonId, student, as: h.caller(student) };
}

async function enrol(courseId: number) {
  const s = await h.user();
  await h.caller(s).enrollments.enroll({ courseId });
  return s;
}

const notificationsOf = async (userId: number) =>
  (await Notification.findAll({ where: { userId }, order: [['id', 'ASC']] })).map(
    (n) => JSON.parse(n.payload) as { type: string; data: Record<string, unknown> },
  );

describe('settings', () => {
  it('sanitises the instructions and refuses a pass mark above the points', async () => {
    const { lessonId, as } = await setup();
    const view = await as.assignments.forLesson({ lessonId });
    expect(view.settings?.instructionsHtml).toBe('<p>Rendez votre <strong>rapport</strong>.</p>');
    expect(view.canSubmit).toBe(true);
    await expectTrpcError(
      h.caller(teacher).assignments.saveSettings({
        lessonId,
        instructionsHtml: '<p>x</p>',
        dueAt: null,
        latePolicy: 'accept',
        points: 10,
        passMark: 11,
        submissionType: 'text',
        allowedFileTypes: [],
        maxFileSizeMb: 1,
      }),
      'BAD_REQUEST',
    );
    const other = await h.user('instructor');
    await expectTrpcError(
      h.caller(other).assignments.saveSettings({
        lessonId,
        instructionsHtml: '<p>x</p>',
        dueAt: null,
        latePolicy: 'accept',
        points: 10,
        passMark: 5,
        submissionType: 'text',
        allowedFileTypes: [],
        maxFileSizeMb: 1,
      }),
      'FORBIDDEN',
      'not_grader',
    );
  });
});

describe('late submissions', () => {
  it('marks a submission after the due date late (accept_flag), not before', async () => {
    const { lessonId, as } = await setup();
    h.setNow(new Date(DUE.getTime() - 60_000));
    const onTime = await as.assignments.submit({ lessonId, text: 'À temps' });
    expect(onTime).toMatchObject({ isLate: false, status: 'submitted', attempt: 1 });
    h.setNow(new Date(DUE.getTime() + 60_000));
    const late = await as.assignments.submit({ lessonId, text: 'Remplacé, en retard' });
    expect(late).toMatchObject({ id: onTime.id, isLate: true, text: 'Remplacé, en retard' });
    const queue = await h.caller(teacher).assignments.queue({ courseId: (await as.assignments.forLesson({ lessonId })).courseId, filter: 'late' });
    expect(queue.items.map((i) => i.id)).toEqual([late.id]);
  });

  it('refuses after the due date under the refuse policy; accept flags nothing', async () => {
    const refused = await setup({ latePolicy: 'refuse' });
    h.setNow(new Date(DUE.getTime() + 1000));
    await expectTrpcError(refused.as.assignments.submit({ lessonId: refused.lessonId, text: 'Trop tard' }), 'CONFLICT', 'past_due');
    expect((await refused.as.assignments.forLesson({ lessonId: refused.lessonId })).blockedReason).toBe('past_due');

    const lenient = await setup({ latePolicy: 'accept' });
    h.setNow(new Date(DUE.getTime() + 1000));
    expect(await lenient.as.assignments.submit({ lessonId: lenient.lessonId, text: 'Sans pénalité' })).toMatchObject({ isLate: false });
  });
});

describe('access', () => {
  it('a student cannot read another’s submission, nor the queue; the teacher can', async () => {
    const { course, lessonId, as } = await setup();
    const mine = await as.assignments.submit({ lessonId, text: 'Mon travail' });
    const classmate = await enrol(course.id);
    await expectTrpcError(h.caller(classmate).assignments.submission({ submissionId: mine.id }), 'FORBIDDEN', 'not_your_submission');
    await expectTrpcError(h.caller(classmate).assignments.queue({ courseId: course.id }), 'FORBIDDEN');
    const otherTeacher = await h.user('instructor');
    await expectTrpcError(h.caller(otherTeacher).assignments.queue({ courseId: course.id }), 'FORBIDDEN', 'not_grader');
    expect((await as.assignments.submission({ submissionId: mine.id })).text).toBe('Mon travail');
    expect((await h.caller(teacher).assignments.submission({ submissionId: mine.id })).text).toBe('Mon travail');
    // Not enrolled: no assignment at all.
    const stranger = await h.user();
    await expectTrpcError(h.caller(stranger).assignments.submit({ lessonId, text: 'x' }), 'FORBIDDEN', 'not_enrolled');
  });
});

describe('grading', () => {
  it('notifies the learner and completes the lesson exactly once; the learner cannot complete it alone', async () => {
    const { course, lessonId, student, as } = await setup();
    await expectTrpcError(as.progress.completeLesson({ lessonId }), 'FORBIDDEN', 'assignment_grade_required');
    const sub = await as.assignments.submit({ lessonId, text: 'Mon rapport' });
    await expectTrpcError(h.caller(teacher).assignments.grade({ submissionId: sub.id, score: 21, feedback: null }), 'BAD_REQUEST', 'score');

    // Below the pass mark: graded and notified, the lesson stays open.
    const low = await h.caller(teacher).assignments.grade({ submissionId: sub.id, score: 8, feedback: 'Incomplet' });
    expect(low).toMatchObject({ status: 'graded', grade: { outcome: 'graded', score: 8, feedback: 'Incomplet' } });
    const enrollment = await Enrollment.findOne({ where: { userId: student.id, courseId: course.id } });
    const progressOf = () => Progress.findOne({ where: { enrollmentId: enrollment!.id, lessonId } });
    expect((await progressOf())?.status).not.toBe('completed');
    expect(h.events('lesson_completed').filter((e) => e.payload.sourceId === lessonId)).toHaveLength(0);

    // Corrected to a pass: completed, one event; corrected again: still one.
    await h.caller(teacher).assignments.grade({ submissionId: sub.id, score: 15, feedback: 'Très bien' });
    await h.caller(teacher).assignments.grade({ submissionId: sub.id, score: 16, feedback: 'Très bien !' });
    // The same grade sent again (a retry after a lost answer): nothing written, nobody notified.
    const outboxBefore = await OutboxMessage.count();
    const same = await h.caller(teacher).assignments.grade({ submissionId: sub.id, score: 16, feedback: 'Très bien !' });
    expect(same.grade).toMatchObject({ score: 16, feedback: 'Très bien !' });
    expect(await OutboxMessage.count()).toBe(outboxBefore);
    expect((await progressOf())?.status).toBe('completed');
    const events = h.events('lesson_completed').filter((e) => e.payload.userId === student.id && e.payload.sourceId === lessonId);
    expect(events).toHaveLength(1);
    expect(await OutboxMessage.count({ where: { jobId: `evt-lesson_completed-${student.id}-${lessonId}` } })).toBeLessThanOrEqual(1);

    const notes = (await notificationsOf(student.id)).filter((n) => n.type === 'assignment_graded');
    expect(notes.map((n) => [n.data.score, n.data.passed])).toEqual([
      [8, false],
      [15, true],
      [16, true],
    ]);
    expect(notes[0].data).toMatchObject({ lessonId, courseSlug: course.slug, points: 20, submissionId: sub.id });
    const view = await as.assignments.forLesson({ lessonId });
    expect(view).toMatchObject({ canSubmit: false, blockedReason: 'already_graded' });
    expect(view.submissions[0].grade).toMatchObject({ score: 16, feedback: 'Très bien !' });
  });
});

describe('resubmission', () => {
  it('replaces work until graded, reopens after a return, and refuses after the grade', async () => {
    const { lessonId, student, as } = await setup({ latePolicy: 'refuse' });
    h.setNow(new Date(DUE.getTime() - 3_600_000));
    const first = await as.assignments.submit({ lessonId, text: 'Brouillon' });
    const replaced = await as.assignments.submit({ lessonId, text: 'Version 2' });
    expect(replaced).toMatchObject({ id: first.id, attempt: 1, text: 'Version 2' });

    await expectTrpcError(h.caller(teacher).assignments.returnForResubmission({ submissionId: first.id, feedback: '' }), 'BAD_REQUEST');
    const returned = await h.caller(teacher).assignments.returnForResubmission({
      submissionId: first.id,
      feedback: 'Ajoutez la bibliographie',
    });
    expect(returned).toMatchObject({ status: 'returned', grade: { outcome: 'returned', score: null } });
    expect((await notificationsOf(student.id)).map((n) => n.type)).toContain('assignment_returned');
    await expectTrpcError(h.caller(teacher).assignments.grade({ submissionId: first.id, score: 10, feedback: null }), 'CONFLICT', 'returned');

    // Returned work may come back even past the due date (the teacher asked for it), marked late.
    h.setNow(new Date(DUE.getTime() + 3_600_000));
    const second = await as.assignments.submit({ lessonId, text: 'Avec bibliographie' });
    expect(second).toMatchObject({ attempt: 2, status: 'submitted', isLate: true });
    await expectTrpcError(h.caller(teacher).assignments.returnForResubmission({ submissionId: first.id, feedback: 'x' }), 'CONFLICT');

    await h.caller(teacher).assignments.grade({ submissionId: second.id, score: 18, feedback: 'Parfait' });
    await expectTrpcError(as.assignments.submit({ lessonId, text: 'Encore' }), 'CONFLICT', 'already_graded');
    const view = await as.assignments.forLesson({ lessonId });
    expect(view.submissions.map((s) => [s.attempt, s.status])).toEqual([
      [2, 'graded'],
      [1, 'returned'],
    ]);
  });

  it('checks the submission type', async () => {
    const { lessonId, as } = await setup({ submissionType: 'file' });
    await expectTrpcError(as.assignments.submit({ lessonId, text: 'du texte' }), 'BAD_REQUEST', 'text');
    await expectTrpcError(as.assignments.submit({ lessonId }), 'BAD_REQUEST', 'file');
  });
});

describe('files over HTTP', () => {
  it('uploads through the media pipeline, hides the file from classmates, and exports a ZIP', async () => {
    const { course, lessonId, as, student: studentActor } = await setup({ allowedFileTypes: ['pdf'] });
    const { base, bearer } = await h.http();
    const auth = async (a: Actor) => ({ authorization: `Bearer ${await bearer(a)}` });
    const url = `${base}/api/assignments/${lessonId}/file`;
    const student = (await User.findByPk(studentActor.id))!;

    const png = await postFile(url, { name: 'photo.png', type: 'image/png', data: PNG }, await auth(studentActor));
    expect(png.status).toBe(400);
    expect(png.body.error).toMatchObject({ field: 'file', reason: 'type_not_allowed' });
    const big = await postFile(url, { name: 'gros.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]) }, await auth(studentActor));
    expect(big.status).toBe(413);
    const stranger = await h.user();
    expect((await postFile(url, { name: 'r.pdf', type: 'application/pdf', data: PDF }, await auth(stranger))).status).toBe(403);

    const up = await postFile(url, { name: 'Rapport final.pdf', type: 'application/pdf', data: PDF }, await auth(studentActor));
    expect(up.status).toBe(201);
    const mediaId = up.body.id as number;
    const sub = await as.assignments.submit({ lessonId, mediaFileId: mediaId, text: 'Voir le PDF' });
    expect(sub.file).toMatchObject({ id: mediaId, originalFilename: 'Rapport final.pdf', fileType: 'application/pdf' });

    // A classmate may neither reuse nor read it; the teacher reads it.
    const classmate = await enrol(course.id);
    await expectTrpcError(h.caller(classmate).assignments.submit({ lessonId, mediaFileId: mediaId }), 'BAD_REQUEST', 'mediaFileId');
    expect((await fetch(`${base}/api/media/${mediaId}`, { headers: await auth(classmate) })).status).toBe(404);
    const read = await fetch(`${base}/api/media/${mediaId}`, { headers: await auth(teacher) });
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).equals(PDF)).toBe(true);

    // The ZIP: graders only; holds the file and the text, under lesson / learner / attempt.
    const zipUrl = `${base}/api/courses/${course.id}/assignment-submissions.zip`;
    expect((await fetch(zipUrl, { headers: await auth(studentActor) })).status).toBe(403);
    expect((await fetch(zipUrl)).status).toBe(401);
    const res = await fetch(zipUrl, { headers: await auth(teacher) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const file = path.join(h.storageRoot, `export-${course.id}.zip`);
    await fs.writeFile(file, Buffer.from(await res.arrayBuffer()));
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    const dir = `${lessonId}-Rapport-de-stage/${student.lastName}-student-${student.id}/attempt-1`;
    expect(names.sort()).toEqual([`${dir}/Rapport-final.pdf`, `${dir}/answer.txt`]);
    expect(execFileSync('unzip', ['-p', file, `${dir}/Rapport-final.pdf`]).equals(PDF)).toBe(true);
    expect(execFileSync('unzip', ['-p', file, `${dir}/answer.txt`], { encoding: 'utf8' })).toBe('Voir le PDF');
  });
});
