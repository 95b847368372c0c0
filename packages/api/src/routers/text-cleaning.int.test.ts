// Every stored name, title and free text goes through the cleaning zod helpers (validators'
// text.ts): sent through the tRPC procedures with NUL, ANSI escapes, bidi overrides, zero-width
// characters and decomposed accents, each kind is read back from MariaDB clean.
import { randomBytes } from 'node:crypto';
import {
  createLogger,
  createRateLimiter,
  hashPassword,
  systemClock,
  type Actor,
  type CoreDeps,
} from '@mdsc/core';
import {
  Badge,
  Category,
  Challenge,
  Course,
  CourseModule,
  CourseReview,
  createDatabase,
  Enrollment,
  Lesson,
  Message,
  Quiz,
  QuizQuestion,
  User,
} from '@mdsc/db';
import { createInlineJobQueue } from '@mdsc/jobs';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { createCallerFactory, type Context } from '../trpc';

const run = randomBytes(4).toString('hex');
const db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('test', 'silent'),
  jobs: createInlineJobQueue({ mail: async () => {} }, { warn: () => {}, error: () => {} }),
  storage: null as unknown as CoreDeps['storage'], // no files here
  config: { publicUrl: 'http://app.test', timezone: 'UTC', dataDir: '/tmp' },
  rateLimiter: createRateLimiter({ prefix: `mdsc-test-clean-${run}` }),
};
const createCaller = createCallerFactory(appRouter);
const as = (actor: Actor | null) =>
  createCaller({
    deps,
    redis: null,
    req: { ip: '10.9.0.1', origin: null, userAgent: 'vitest' },
    actor,
  } satisfies Context);

/** `text` wrapped in what must never be stored: colour escapes, RLO, NUL, zero-width space, BEL. */
const dirty = (text: string) => `\u001b[31m\u202E ${text}\u0000\u200B\u0007 \u001b[0m`;
/** "École" with a combining acute accent: stored composed (NFC). */
const ECOLE = 'E\u0301cole';

let seq = 0;
async function user(role: Actor['role']): Promise<Actor> {
  const u = await User.create({
    email: `clean${++seq}-${run}@text-cleaning.test`,
    password: await hashPassword('Karité-Et-Mangue-2026'),
    firstName: 'Koffi',
    lastName: `Agossou${seq}`,
    role,
    isEmailVerified: true,
  });
  return { id: u.id, role, emailVerified: true, locale: 'fr' };
}

let admin: Actor;
let teacher: Actor;
let student: Actor;
let categoryId: number;

beforeAll(async () => {
  admin = await user('admin');
  teacher = await user('instructor');
  student = await user('student');
  categoryId = (await Category.create({ name: `Nettoyage ${run}`, color: '#123456' })).id;
});
afterAll(async () => {
  await deps.jobs.close();
  await db.close();
});

async function newCourse() {
  const c = await as(teacher).courses.create({ title: `Cours ${run} ${++seq}`, categoryId });
  return c.id;
}

describe('stored names and titles are clean', () => {
  it('user names: register and profile', async () => {
    const email = `inscrit-${run}@text-cleaning.test`;
    await as(null).auth.register({
      email,
      password: 'Karité-Et-Mangue-2026',
      firstName: dirty(`Aïcha ${ECOLE}`),
      lastName: dirty('Dossou'),
    });
    const registered = await User.findOne({ where: { email } });
    expect(registered).toMatchObject({ firstName: 'Aïcha École', lastName: 'Dossou' });

    await as(student).users.updateProfile({
      firstName: dirty('Koffi'),
      organization: dirty('ONG « Lumière »'),
    });
    const row = await User.findByPk(student.id);
    expect(row).toMatchObject({ firstName: 'Koffi', organization: 'ONG « Lumière »' });
  });

  it('categories', async () => {
    const c = await as(admin).categories.create({
      name: dirty(`Santé ${run}`),
      description: dirty('Ligne 1\r\nLigne 2'),
    });
    expect(await Category.findByPk(c.id)).toMatchObject({
      name: `Santé ${run}`,
      description: 'Ligne 1\nLigne 2',
    });
  });

  it('courses: title, short and long descriptions', async () => {
    const c = await as(teacher).courses.create({
      title: dirty(`${ECOLE} numérique ${run}`),
      categoryId,
      shortDescription: dirty('Bases 🎓'),
      description: dirty('Paragraphe 1\n\nParagraphe 2'),
    });
    expect(await Course.findByPk(c.id)).toMatchObject({
      title: `École numérique ${run}`,
      shortDescription: 'Bases 🎓',
      description: 'Paragraphe 1\n\nParagraphe 2',
    });
    await as(teacher).courses.update({ id: c.id, title: dirty(`Mise à jour ${run}`) });
    expect((await Course.findByPk(c.id))!.title).toBe(`Mise à jour ${run}`);
  });

  it('modules and lessons', async () => {
    const courseId = await newCourse();
    const m = await as(teacher).modules.create({
      courseId,
      title: dirty('Module 1'),
      description: dirty('Intro'),
    });
    expect(await CourseModule.findByPk(m.id)).toMatchObject({ title: 'Module 1', description: 'Intro' });
    const l = await as(teacher).lessons.create({
      courseId,
      moduleId: m.id,
      title: dirty('Leçon 1'),
      contentType: 'text',
      contentText: dirty('Texte\tindenté\r\nsuite'),
    });
    expect(await Lesson.findByPk(l.id)).toMatchObject({
      title: 'Leçon 1',
      contentText: 'Texte\tindenté\nsuite',
    });
  });

  it('badges and challenges', async () => {
    const b = await as(admin).badges.create({
      name: dirty(`Assidu ${run}`),
      description: dirty('Pour les fidèles'),
      tier: 'bronze',
      category: dirty('régularité'),
      criteria: { type: 'xp_total', value: 100 },
    });
    expect(await Badge.findByPk(b.id)).toMatchObject({
      name: `Assidu ${run}`,
      description: 'Pour les fidèles',
      category: 'régularité',
    });
    const ch = await as(admin).challenges.create({
      name: dirty(`Défi ${run}`),
      description: dirty('Trois leçons'),
      type: 'weekly',
      criteria: { type: 'lessons_completed', value: 3 },
      rewardXp: 10,
      startDate: '2026-01-05',
      endDate: '2026-01-11',
    });
    expect(await Challenge.findByPk(ch.id)).toMatchObject({
      name: `Défi ${run}`,
      description: 'Trois leçons',
    });
  });

  it('quizzes: title, question and options', async () => {
    const courseId = await newCourse();
    const q = await as(teacher).quizzes.create({
      courseId,
      isFinal: true,
      title: dirty('Évaluation finale'),
    });
    expect((await Quiz.findByPk(q.id))!.title).toBe('Évaluation finale');
    const question = await as(teacher).quizzes.addQuestion({
      quizId: q.id,
      questionType: 'multiple_choice',
      questionText: dirty('Quelle est la capitale\r\ndu Bénin ?'),
      options: [
        { text: dirty('Porto-Novo'), correct: true },
        { text: dirty('Cotonou'), correct: false },
      ],
    });
    const row = await QuizQuestion.findByPk(question.id);
    expect(row!.questionText).toBe('Quelle est la capitale\ndu Bénin ?');
    expect(row!.options!.map((o) => o.text)).toEqual(['Porto-Novo', 'Cotonou']);
  });

  it('review comments', async () => {
    const courseId = await newCourse();
    await Enrollment.create({ userId: student.id, courseId, enrolledAt: new Date() });
    await as(student).reviews.upsert({ courseId, rating: 5, comment: dirty('Très bien\r\nMerci 👍🏾') });
    const row = await CourseReview.findOne({ where: { userId: student.id, courseId } });
    expect(row!.comment).toBe('Très bien\nMerci 👍🏾');
  });

  it('messages: subject and body', async () => {
    const sent = await as(admin).messages.send({
      recipientId: student.id,
      subject: dirty('Rappel'),
      content: dirty('Bonjour,\r\n\r\nÀ demain.'),
    });
    const row = await Message.findByPk(sent.id);
    expect(row).toMatchObject({ subject: 'Rappel', content: 'Bonjour,\n\nÀ demain.' });
  });

  it('a name made only of invisible characters is "required", naming the field, and nothing is written', async () => {
    const before = await Category.count();
    const err = await as(admin)
      .categories.create({ name: ' \u0000\u202E\u200B\u001b[31m ' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    const issues = ((err as TRPCError).cause as unknown as { issues: { path: string[]; message: string }[] })
      .issues;
    expect(issues).toEqual([expect.objectContaining({ path: ['name'], message: 'required' })]);
    expect(await Category.count()).toBe(before);
  });
});
