// Set-up of the learning-path integration tests: real MariaDB (TEST_DATABASE_URL), a clock the test
// can move, local-disk storage in a temporary directory, a job queue that records every enqueue and
// runs the certificates queue in-process (gamification and mail belong to other suites), tRPC
// callers for any actor and, on demand, the real HTTP server on the same deps.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appRouter, createCallerFactory, type Context } from '@mdsc/api';
import { createSession, type Actor, type CoreDeps } from '@mdsc/core';
import { Category, Course, CourseModule, createDatabase, Lesson, Quiz, QuizQuestion, User, type Database } from '@mdsc/db';
import { createInlineJobQueue, type JobQueue, type QueueName } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { createProcessors } from '@mdsc/worker';
import type { LessonContentType, Role } from '@mdsc/validators';
import { loadEnv } from '../env';
import type { Runtime } from '../runtime';
import { buildServer } from '../server';

const createCaller = createCallerFactory(appRouter);
const silent = { info() {}, warn() {}, error() {} };

export interface Enqueued {
  queue: QueueName;
  name: string;
  payload: Record<string, unknown>;
  jobId?: string;
}

export interface UserOptions {
  firstName?: string;
  lastName?: string;
  verified?: boolean;
}

export interface LessonSpec {
  title?: string;
  contentType?: LessonContentType;
  isRequired?: boolean;
  /** For quiz lessons: a published quiz with one true/false question (answer: true). */
  quiz?: { maxAttempts?: number; timeLimitMinutes?: number | null };
}

export interface CourseSpec {
  title?: string;
  isPublished?: boolean;
  enrollmentDeadline?: Date | null;
  prerequisiteCourseId?: number | null;
  courseLessons?: LessonSpec[];
  modules?: { title?: string; isUnlocked?: boolean; lessons: LessonSpec[] }[];
  /** A published final quiz with one true/false question (answer: true). */
  finalQuiz?: { maxAttempts?: number; timeLimitMinutes?: number | null } | null;
}

export interface BuiltCourse {
  id: number;
  slug: string;
  title: string;
  moduleIds: number[];
  /** Lesson ids in reading order: each module's, then the course's own. */
  lessonIds: number[];
  quizByLesson: Map<number, { quizId: number; questionId: number }>;
  finalQuiz: { quizId: number; questionId: number } | null;
}

export async function createLearningHarness() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the int global setup');
  const run = randomBytes(4).toString('hex');
  const db: Database = createDatabase({ url, pool: { max: 20 } });
  const storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-learning-'));
  let now: Date | null = null;
  const enqueued: Enqueued[] = [];
  const deps: CoreDeps = {
    db,
    clock: { now: () => (now ? new Date(now) : new Date()) },
    logger: silent,
    storage: createLocalStorage({ root: storageRoot }),
    config: {
      publicUrl: 'http://app.mdsc.test',
      timezone: 'Africa/Porto-Novo',
      dataDir: storageRoot,
      requireVerifiedEmailToEnroll: true,
    },
    jobs: null as unknown as JobQueue,
  };
  const inline = createInlineJobQueue(createProcessors(deps), silent, { attempts: 2, backoffMs: 10 });
  const jobs: JobQueue & { idle(): Promise<void> } = {
    driver: 'inline',
    async enqueue(queue, name, payload, opts) {
      enqueued.push({ queue, name, payload: payload as Record<string, unknown>, jobId: opts?.jobId });
      if (queue === 'certificates') await inline.enqueue(queue, name, payload, opts);
    },
    idle: () => inline.idle(),
    close: () => inline.close(),
  };
  deps.jobs = jobs;
  let seq = 0;
  let server: { base: string; close(): Promise<void> } | null = null;

  const harness = {
    run,
    db,
    deps,
    jobs,
    enqueued,
    storageRoot,
    /** Fixes the clock (null: real time again). */
    setNow(d: Date | null) {
      now = d;
    },
    advance(ms: number) {
      now = new Date((now ?? new Date()).getTime() + ms);
    },
    caller(actor: Actor | null) {
      const ctx: Context = { deps, redis: null, req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' }, actor };
      return createCaller(ctx);
    },
    async user(role: Role = 'student', opts: UserOptions = {}): Promise<Actor> {
      const verified = opts.verified ?? true;
      const u = await User.create({
        email: `${role}-${++seq}-${run}@learning.test`,
        password: 'not-a-real-hash',
        firstName: opts.firstName ?? role,
        lastName: opts.lastName ?? `Test${seq}`,
        role,
        isEmailVerified: verified,
      });
      return { id: u.id, role, emailVerified: verified, locale: 'fr' };
    },
    async category(): Promise<number> {
      return (await Category.create({ name: `Apprentissage ${run} ${++seq}`, color: '#1f7a4d' })).id;
    },
    /** A course written straight into the tables (the catalog's own tests cover authoring). */
    async course(owner: Actor, spec: CourseSpec = {}): Promise<BuiltCourse> {
      const categoryId = await harness.category();
      const title = spec.title ?? `Cours ${run} ${++seq}`;
      const course = await Course.create({
        title,
        slug: `cours-${run}-${++seq}`,
        instructorId: owner.id,
        categoryId,
        prerequisiteCourseId: spec.prerequisiteCourseId ?? null,
        description: 'Un cours de test',
        shortDescription: null,
        thumbnailUrl: null,
        videoUrl: null,
        durationMinutes: 60,
        isPublished: spec.isPublished ?? true,
        enrollmentDeadline: spec.enrollmentDeadline ?? null,
        courseStartDate: null,
        courseEndDate: null,
      });
      const built: BuiltCourse = {
        id: course.id,
        slug: course.slug,
        title,
        moduleIds: [],
        lessonIds: [],
        quizByLesson: new Map(),
        finalQuiz: null,
      };
      const addQuiz = async (lessonId: number | null, q: { maxAttempts?: number; timeLimitMinutes?: number | null }) => {
        const quiz = await Quiz.create({
          courseId: course.id,
          lessonId,
          title: lessonId ? `Quiz ${lessonId}` : 'Évaluation finale',
          description: null,
          timeLimitMinutes: q.timeLimitMinutes ?? null,
          passingScore: 70,
          maxAttempts: q.maxAttempts ?? 3,
          isFinal: lessonId === null,
          isPublished: true,
        });
        const question = await QuizQuestion.create({
          quizId: quiz.id,
          questionText: 'La transparence fait partie de la gouvernance.',
          questionType: 'true_false',
          options: null,
          correctAnswer: 'true',
          orderIndex: 1,
        });
        return { quizId: quiz.id, questionId: question.id };
      };
      const addLessons = async (moduleId: number | null, lessons: LessonSpec[]) => {
        for (const [i, l] of lessons.entries()) {
          const contentType = l.contentType ?? (l.quiz ? 'quiz' : 'text');
          const lesson = await Lesson.create({
            courseId: course.id,
            moduleId,
            title: l.title ?? `Leçon ${i + 1}`,
            description: null,
            contentType,
            mediaFileId: null,
            contentUrl: contentType === 'document' ? 'https://example.org/doc.pdf' : null,
            contentText: contentType === 'text' ? 'Texte de la leçon.' : null,
            videoUrl: contentType === 'video' ? 'https://example.org/video.mp4' : null,
            durationMinutes: 5,
            orderIndex: i + 1,
            isRequired: l.isRequired ?? true,
            isPublished: true,
          });
          built.lessonIds.push(lesson.id);
          if (l.quiz) built.quizByLesson.set(lesson.id, await addQuiz(lesson.id, l.quiz));
        }
      };
      for (const [i, m] of (spec.modules ?? [{ lessons: [{}, {}] }]).entries()) {
        const mod = await CourseModule.create({
          courseId: course.id,
          title: m.title ?? `Module ${i + 1}`,
          description: null,
          imageUrl: null,
          orderIndex: i + 1,
          isUnlocked: m.isUnlocked ?? false,
        });
        built.moduleIds.push(mod.id);
        await addLessons(mod.id, m.lessons);
      }
      await addLessons(null, spec.courseLessons ?? []);
      if (spec.finalQuiz !== null && spec.finalQuiz !== undefined) built.finalQuiz = await addQuiz(null, spec.finalQuiz);
      return built;
    },
    /** The real Fastify server on these deps (started once). */
    async http(): Promise<{ base: string; bearer(actor: Actor): Promise<string> }> {
      if (!server) {
        const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: storageRoot, PUBLIC_URL: 'http://app.mdsc.test' });
        const rt: Runtime = { env, deps, jobs, redis: null, close: async () => {} };
        const app = await buildServer(rt);
        await app.listen({ host: '127.0.0.1', port: 0 });
        server = { base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, close: () => app.close() };
      }
      return {
        base: server.base,
        bearer: async (actor) => (await createSession(actor.id, { userAgent: 'vitest', ip: '127.0.0.1' })).token,
      };
    },
    events(type?: string) {
      return enqueued.filter((e) => e.queue === 'gamification' && (!type || e.payload.type === type));
    },
    async close() {
      await server?.close();
      await jobs.close();
      await db.close();
      await fs.rm(storageRoot, { recursive: true, force: true });
    },
  };
  return harness;
}

export type LearningHarness = Awaited<ReturnType<typeof createLearningHarness>>;

/** Expects a tRPC call to fail with `code` (and, if given, a domain `reason`). */
export async function expectTrpcError(p: Promise<unknown>, code: string, reason?: string): Promise<void> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message?: string; cause?: { details?: { reason?: string; field?: string } } } | null;
  if (!err) throw new Error(`expected ${code}, the call succeeded`);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  if (reason && err.cause?.details?.reason !== reason && err.cause?.details?.field !== reason) {
    throw new Error(`expected reason ${reason}, got ${JSON.stringify(err.cause?.details)}: ${err.message}`);
  }
}
