// Shared set-up of the gamification integration tests: real MariaDB (TEST_DATABASE_URL), a clock
// the test moves, local-disk storage in a temporary directory, and a job queue that records what
// the services enqueue (the tests run the follow-up jobs themselves, or through BullMQ in the
// worker's test). Every run creates its own users, courses and categories.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Category, Course, CourseModule, createDatabase, Lesson, Quiz, QuizAttempt, User, type Database } from '@mdsc/db';
import type { EnqueueOptions, JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import type { Role } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../../deps';
import type { LearningEvent } from '../events';

export interface RecordedJob {
  queue: string;
  name: string;
  payload: unknown;
  opts: EnqueueOptions;
}

export interface GamificationHarness {
  run: string;
  db: Database;
  deps: CoreDeps;
  jobs: RecordedJob[];
  /** Sets the fixed clock. */
  setNow(iso: string): void;
  storageRoot: string;
  user(opts?: { role?: Role; firstName?: string; lastName?: string; hidden?: boolean }): Promise<Actor & { user: User }>;
  category(): Promise<number>;
  course(categoryId?: number): Promise<{ id: number; categoryId: number; moduleId: number; lessonIds: number[] }>;
  quizAttempt(userId: number, courseId: number, percentage: number, quizId?: number): Promise<{ attemptId: number; quizId: number }>;
  event(e: Partial<LearningEvent> & Pick<LearningEvent, 'userId' | 'type' | 'sourceId' | 'courseId'>): LearningEvent;
  close(): Promise<void>;
}

export async function createGamificationHarness(opts: { timezone?: string } = {}): Promise<GamificationHarness> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the int global setup');
  const run = randomBytes(4).toString('hex');
  const db = createDatabase({ url });
  const storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-gamification-'));
  let now = new Date();
  const jobs: RecordedJob[] = [];
  const queue: JobQueue = {
    driver: 'inline',
    async enqueue(q, name, payload, o = {}) {
      jobs.push({ queue: q, name, payload, opts: o });
    },
    async close() {},
  };
  const deps: CoreDeps = {
    db,
    clock: { now: () => now },
    logger: { info() {}, warn() {}, error() {} },
    jobs: queue,
    storage: createLocalStorage({ root: storageRoot }),
    config: { publicUrl: 'http://app.mdsc.test', timezone: opts.timezone ?? 'Africa/Porto-Novo', dataDir: storageRoot },
  };
  let seq = 0;
  let instructorId: number | null = null;

  const h: GamificationHarness = {
    run,
    db,
    deps,
    jobs,
    storageRoot,
    setNow(iso) {
      now = new Date(iso);
    },
    async user(o = {}) {
      const role = o.role ?? 'student';
      const u = await User.create({
        email: `g${++seq}-${run}@gamification.test`,
        password: 'not-a-real-hash',
        firstName: o.firstName ?? `Awa${seq}`,
        lastName: o.lastName ?? `Test${seq}`,
        role,
        isEmailVerified: true,
        hideFromLeaderboard: o.hidden ?? false,
      });
      return { id: u.id, role, emailVerified: true, locale: 'fr', user: u };
    },
    async category() {
      const c = await Category.create({ name: `Gamification ${run} ${++seq}`, color: '#1f7a4d' });
      return c.id;
    },
    async course(categoryId) {
      instructorId ??= (await h.user({ role: 'instructor' })).id;
      const cat = categoryId ?? (await h.category());
      const c = await Course.create({ title: `Cours ${run} ${++seq}`, slug: `cours-${run}-${seq}`, instructorId, categoryId: cat });
      const m = await CourseModule.create({ courseId: c.id, title: `Module ${seq}`, orderIndex: 1 });
      const lessonIds: number[] = [];
      for (let i = 1; i <= 3; i++) {
        const l = await Lesson.create({ courseId: c.id, moduleId: m.id, title: `Leçon ${i} (${seq})`, contentType: 'text', orderIndex: i });
        lessonIds.push(l.id);
      }
      return { id: c.id, categoryId: cat, moduleId: m.id, lessonIds };
    },
    async quizAttempt(userId, courseId, percentage, quizId) {
      const qid = quizId ?? (await Quiz.create({ courseId, title: `Quiz ${run} ${++seq}` })).id;
      const a = await QuizAttempt.create({
        userId,
        quizId: qid,
        answers: {},
        completedAt: now,
        percentage,
        isPassed: percentage >= 70,
      });
      return { attemptId: a.id, quizId: qid };
    },
    event(e) {
      return { categoryId: null, occurredAt: now.toISOString(), ...e };
    },
    async close() {
      await db.close();
      await fs.rm(storageRoot, { recursive: true, force: true });
    },
  };
  return h;
}
