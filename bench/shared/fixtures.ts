// What the benches share (not a bench itself: bench/run.ts runs the folders with an index.ts):
// core deps without a job queue, seeded courses, learners and certificates, the timing helpers and
// the results file. Fixtures go through the models, so their hooks (versions, counters) run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, systemClock, type CoreDeps } from '@mdsc/core';
import { Category, Certificate, Course, CourseModule, Enrollment, Lesson, Progress, Quiz, QuizQuestion, User, type Database } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';

export const noJobs: JobQueue = { driver: 'inline', enqueue: async () => {}, close: async () => {} };

/** Core deps for in-process benches: silent logger, no job queue, files under `tmp` (when given). */
export function benchDeps(db: Database, opts: { tmp?: string; config?: Partial<CoreDeps['config']> } = {}): CoreDeps {
  return {
    db,
    clock: systemClock,
    logger: createLogger('bench', (process.env.BENCH_LOG_LEVEL ?? 'silent') as 'silent'),
    jobs: noJobs,
    // Benches without files never touch the storage.
    storage: opts.tmp ? createLocalStorage({ root: path.join(opts.tmp, 'files') }) : (null as unknown as CoreDeps['storage']),
    config: { publicUrl: 'https://mooc.mdsc.example', timezone: 'Africa/Porto-Novo', dataDir: opts.tmp ?? '/tmp', ...opts.config },
  };
}

/** An instructor and a category, named after `tag` (unique per run when the database is reused). */
export async function teacherAndCategory(tag: string): Promise<{ teacher: User; category: Category }> {
  const teacher = await User.create({ email: `teacher-${tag}@bench.test`, password: 'x', firstName: 'Aïcha', lastName: 'Dossou', role: 'instructor', isEmailVerified: true });
  const category = await Category.create({ name: `Bench ${tag}` });
  return { teacher, category };
}

/** A published course with one module of `lessons` published text lessons. */
export async function courseWithLessons(
  owner: { teacher: User; category: Category },
  c: { slug: string; title: string; lessons: number; text?: string },
): Promise<{ course: Course; lessonIds: number[] }> {
  const course = await Course.create({ title: c.title, slug: c.slug, instructorId: owner.teacher.id, categoryId: owner.category.id, isPublished: true, shortDescription: c.title, description: c.title } as never);
  const mod = await CourseModule.create({ courseId: course.id, title: 'Module 1', orderIndex: 1 } as never);
  const lessons = await Lesson.bulkCreate(
    Array.from({ length: c.lessons }, (_, l) => ({ courseId: course.id, moduleId: mod.id, title: `Leçon ${l + 1}`, contentType: 'text', contentText: c.text ?? 'x', orderIndex: l + 1, isPublished: true })) as never,
  );
  return { course, lessonIds: lessons.map((l) => l.id) };
}

/** The course's published final quiz with these questions (in order). */
export async function finalQuiz(
  courseId: number,
  opts: { passingScore: number; maxAttempts: number },
  questions: Pick<QuizQuestion, 'questionText' | 'questionType' | 'options' | 'correctAnswer'>[],
): Promise<{ quiz: Quiz; questions: QuizQuestion[] }> {
  const quiz = await Quiz.create({ courseId, lessonId: null, title: 'Final', ...opts, isFinal: true, isPublished: true } as never);
  const rows = await QuizQuestion.bulkCreate(questions.map((q, i) => ({ ...q, quizId: quiz.id, orderIndex: i + 1 })) as never);
  return { quiz, questions: rows };
}

/** `n` verified learners enrolled in the course, every lesson of `lessonIds` completed (the final quiz is open). */
export async function enrolledLearners(courseId: number, lessonIds: number[], n: number, prefix: string): Promise<{ users: User[]; enrollments: Enrollment[] }> {
  const users = await User.bulkCreate(
    Array.from({ length: n }, (_, i) => ({ email: `${prefix}-${i}@bench.test`, password: 'x', firstName: 'Awa', lastName: `Traoré ${i}`, isEmailVerified: true })),
  );
  const enrollments = await Enrollment.bulkCreate(users.map((u) => ({ userId: u.id, courseId, status: 'in_progress', startedAt: new Date() })) as never);
  await Progress.bulkCreate(
    enrollments.flatMap((e) => lessonIds.map((lessonId) => ({ enrollmentId: e.id, lessonId, status: 'completed', completionPercentage: 100, completedAt: new Date() }))) as never,
  );
  return { users, enrollments };
}

/** One course and `n` learners, each with an issued certificate of it (not rendered yet). */
export async function issuedCertificates(n: number, tag: string): Promise<{ course: Course; certificates: Certificate[] }> {
  const owner = await teacherAndCategory(tag);
  const course = await Course.create({ title: 'Gouvernance associative : les fondamentaux', slug: `bench-${tag}`, instructorId: owner.teacher.id, categoryId: owner.category.id, isPublished: true } as never);
  const learners = await User.bulkCreate(
    Array.from({ length: n }, (_, i) => ({ email: `bench-${tag}-${i}@bench.test`, password: 'x', firstName: 'Adjoa Élodie', lastName: `Kpégba ${i}` })),
  );
  const certificates = await Certificate.bulkCreate(
    learners.map((u, i) => ({
      certificateCode: `${tag}${String(i).padStart(6, '0')}`.slice(0, 32).padEnd(32, 'x'),
      userId: u.id,
      courseId: course.id,
      certificateNumber: `MDSC-2026-${String(i + 1).padStart(6, '0')}`,
      issuedAt: new Date(),
    })) as never,
  );
  return { course, certificates };
}

/** p in 0–100; NaN for no values. */
export const percentile = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;

/** Runs `task` over `items` with `concurrency` workers; returns items per second. */
export async function runPool<T>(items: T[], concurrency: number, task: (x: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
  return items.length / ((performance.now() - start) / 1000);
}

export const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
export const runStamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Writes bench/results/<name>-<timestamp>.json. */
export function writeResult(name: string, data: unknown, stamp = runStamp()): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
