// The demo that plays (issue 12), on MariaDB with the worker's processors inline: after seedDemo,
// seedDemoMedia uploads real files through the storage driver (video, audio, PDF handouts, course
// images) and seedDemoActivity has the demo students learn through the real services. Both are
// idempotent, and the demo courses then pass the publication check.
import {
  AssignmentSubmission,
  Certificate,
  Course,
  DiscussionPost,
  DiscussionThread,
  Enrollment,
  Lesson,
  MediaFile,
  Notification,
  QuizAttempt,
  User,
  XpLedger,
  seedDemo,
} from '@mdsc/db';
import {
  DEMO_ACTIVITY,
  getInstructorDashboard,
  seedDemoActivity,
  seedDemoAssignment,
  seedDemoDiscussions,
  seedDemoMedia,
  type Actor,
} from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './testing/catalog-harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.db.sequelize, { password: 'Demo-2026!' });
}, 60_000);
afterAll(async () => h?.close());

async function firstBytes(key: string, n: number): Promise<Buffer> {
  const { stream } = await h.deps.storage.get(key, { range: { start: 0, end: n - 1 } });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('demo media and activity', () => {
  it('uploads a real file for every demo video, audio and document lesson, and an image per course', async () => {
    const first = await seedDemoMedia(h.deps);
    expect(first.uploaded).toBe(2 + 3 + 1 + 2); // images, videos, audio, PDF handouts
    await h.jobs.idle();

    const courses = await Course.findAll({
      where: { slug: ['gouvernance-associative-fondamentaux', 'plaidoyer-mobilisation-citoyenne'] },
    });
    expect(courses).toHaveLength(2);
    for (const c of courses) expect(c.thumbnailUrl).toMatch(/^\/api\/media\/\d+$/);

    const lessons = await Lesson.findAll({
      where: { courseId: courses.map((c) => c.id), contentType: ['video', 'audio', 'document'] },
      include: [{ model: MediaFile, as: 'mediaFile' }],
    });
    expect(lessons.map((l) => l.contentType).sort()).toEqual([
      'audio',
      'document',
      'document',
      'video',
      'video',
      'video',
    ]);
    const magic: Record<string, [string, string]> = {
      video: ['video/webm', '1a45dfa3'],
      audio: ['audio/mpeg', '49443304'], // ID3v2.4 tag
      document: ['application/pdf', '25504446'], // %PDF
    };
    for (const l of lessons) {
      expect(l.videoUrl).toBeNull();
      expect(l.contentUrl).toBeNull();
      const m = l.mediaFile!;
      expect(m.url).toBe(`/api/media/${m.id}`);
      expect(m.lessonId).toBe(l.id);
      const [type, bytes] = magic[l.contentType];
      expect(m.fileType).toBe(type);
      expect((await firstBytes(m.storagePath, 4)).toString('hex')).toBe(bytes);
      expect(m.fileSize).toBeGreaterThan(1000);
    }
    // Nothing is uploaded twice.
    await expect(seedDemoMedia(h.deps)).resolves.toEqual({ uploaded: 0 });
  });

  it('the demo courses pass the publication check, and their quiz texts match their questions', async () => {
    const instructor = (await User.findOne({ where: { email: 'instructeur@mdsc.test' } }))!;
    const actor: Actor = { id: instructor.id, role: 'instructor', emailVerified: true, locale: 'fr' };
    const courses = await Course.findAll({ where: { instructorId: instructor.id } });
    for (const c of courses) {
      const editor = await h.caller(actor).courses.editor({ id: c.id });
      expect(editor.problems, c.slug).toEqual([]);
      for (const q of await h.caller(actor).quizzes.listForCourse({ courseId: c.id })) {
        const said = /\b(Deux|Trois|Quatre|Cinq) questions\b/i.exec(q.description ?? '');
        if (said)
          expect(q.questionCount, q.title).toBe(
            ['deux', 'trois', 'quatre', 'cinq'].indexOf(said[1].toLowerCase()) + 2,
          );
      }
    }
  });

  it('has the demo students learn through the real services: enrolments, progress, attempts, XP, a certificate', async () => {
    // The assignment seeder builds on this activity (its learners' paid seats): run before it, it
    // refuses and writes nothing, so a reordered start-up cannot leave an empty assignment behind.
    await expect(seedDemoAssignment(h.deps)).rejects.toThrow(/needs seedDemoActivity/);
    const plaidoyer = (await Course.findOne({ where: { slug: 'plaidoyer-mobilisation-citoyenne' } }))!;
    expect(await Lesson.count({ where: { courseId: plaidoyer.id, contentType: 'assignment' }, paranoid: false })).toBe(0);

    const first = await seedDemoActivity(h.deps);
    expect(first.followed).toBe(DEMO_ACTIVITY.length);
    await h.jobs.idle();

    const byEmail = async (email: string) => (await User.findOne({ where: { email } }))!;
    const aminata = await byEmail('aminata.diallo@mdsc.test');
    const koffi = await byEmail('koffi.mensah@mdsc.test');
    const moussa = await byEmail('moussa.ouedraogo@mdsc.test');
    const etudiant = await byEmail('etudiant@mdsc.test');
    const gouvernance = (await Course.findOne({ where: { slug: 'gouvernance-associative-fondamentaux' } }))!;

    const aminataGov = await Enrollment.findOne({ where: { userId: aminata.id, courseId: gouvernance.id } });
    expect(aminataGov?.status).toMatch(/completed|certified/);
    expect(await Certificate.count({ where: { userId: aminata.id, courseId: gouvernance.id } })).toBe(1);
    const koffiGov = await Enrollment.findOne({ where: { userId: koffi.id, courseId: gouvernance.id } });
    expect(koffiGov?.status).toBe('in_progress');
    expect(Number(koffiGov?.progressPercentage)).toBeGreaterThan(0);
    // Koffi failed the module quiz once before passing it.
    const koffiAttempts = await QuizAttempt.findAll({ where: { userId: koffi.id } });
    expect(koffiAttempts.map((a) => !!a.isPassed).sort()).toEqual([false, true]);
    // XP comes from the ledger, as for any learner.
    for (const u of [aminata, koffi, moussa]) {
      expect(await XpLedger.sum('amount', { where: { userId: u.id } }), u.email).toBeGreaterThan(0);
    }
    // The main demo login starts from zero.
    expect(await Enrollment.count({ where: { userId: etudiant.id } })).toBe(0);

    await expect(seedDemoActivity(h.deps)).resolves.toEqual({ followed: 0 });
  });

  it('has an assignment lesson with a submission to grade (text and PDF) and a graded one', async () => {
    await expect(seedDemoAssignment(h.deps)).resolves.toEqual({ created: true });
    const plaidoyer = (await Course.findOne({ where: { slug: 'plaidoyer-mobilisation-citoyenne' } }))!;
    const lesson = (await Lesson.findOne({ where: { courseId: plaidoyer.id, contentType: 'assignment' } }))!;
    const submissions = await AssignmentSubmission.findAll({ where: { courseId: lesson.courseId }, order: [['id', 'ASC']] });
    expect(submissions.map((s) => s.status)).toEqual(['submitted', 'graded']);
    expect(submissions[0].mediaFileId).not.toBeNull();
    expect(await Notification.count({ where: { userId: submissions[1].userId } })).toBeGreaterThan(0);
    await expect(seedDemoAssignment(h.deps)).resolves.toEqual({ created: false });
  });

  it('has a discussion space: an announcement, an accepted answer (its XP paid once) and a question waiting', async () => {
    await expect(seedDemoDiscussions(h.deps)).resolves.toEqual({ created: true });
    await h.jobs.idle();
    const gouvernance = (await Course.findOne({ where: { slug: 'gouvernance-associative-fondamentaux' } }))!;
    const threads = await DiscussionThread.findAll({ where: { courseId: gouvernance.id }, order: [['id', 'ASC']] });
    expect(threads.map((t) => t.category)).toEqual(['announcement', 'question', 'question']);
    const [, answered, waiting] = threads;
    const answer = (await DiscussionPost.findOne({ where: { threadId: answered.id } }))!;
    expect(answered.acceptedPostId).toBe(answer.id);
    expect(answered.lessonId).not.toBeNull();
    expect(await XpLedger.count({ where: { userId: answer.authorId, reason: 'answer_accepted' } })).toBe(1);
    expect(waiting.replyCount).toBe(0);
    // The instructor's dashboard shows the waiting question.
    const teacher = (await User.findByPk(gouvernance.instructorId))!;
    const actor: Actor = { id: teacher.id, role: teacher.role, emailVerified: true, locale: 'fr' };
    const board = await getInstructorDashboard(h.deps, actor);
    expect(board.latestQuestions.map((q) => q.title)).toContain(waiting.title);
    expect(board.courses.find((c) => c.id === gouvernance.id)?.unansweredQuestions).toBe(1);

    await expect(seedDemoDiscussions(h.deps)).resolves.toEqual({ created: false });
    expect(await DiscussionThread.count({ where: { courseId: gouvernance.id } })).toBe(3);
  });
});
