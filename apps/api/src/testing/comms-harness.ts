// Shared set-up of the messaging / notifications / analytics integration tests: real MariaDB
// (TEST_DATABASE_URL), the worker's processors run inline, mail to a real SMTP sink, live events
// through an in-memory bus (a Redis one where a test needs several processes), and tRPC callers
// for any actor. Every run uses its own e-mails, slugs and category names.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appRouter, createCallerFactory, type Context } from '@mdsc/api';
import {
  createMemoryEventBus,
  systemClock,
  type Actor,
  type Clock,
  type CoreDeps,
  type EventBus,
} from '@mdsc/core';
import { Category, Course, createDatabase, Enrollment, User, type Database } from '@mdsc/db';
import { createInlineJobQueue, type JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { createProcessors } from '@mdsc/worker';
import type { Role } from '@mdsc/validators';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

const createCaller = createCallerFactory(appRouter);
const silent = { info() {}, warn() {}, error() {} };

export interface CommsHarness {
  run: string;
  db: Database;
  deps: CoreDeps;
  events: EventBus;
  jobs: ReturnType<typeof createInlineJobQueue>;
  smtp: SmtpSink;
  caller(actor: Actor | null): ReturnType<typeof createCaller>;
  user(
    role: Role,
    opts?: { firstName?: string; country?: string | null; emailOnMessage?: boolean },
  ): Promise<Actor & { email: string }>;
  course(instructorId: number, title?: string): Promise<number>;
  enrol(
    userId: number,
    courseId: number,
    fields?: Partial<Pick<Enrollment, 'status' | 'isActive'>>,
  ): Promise<number>;
  close(): Promise<void>;
}

export async function createCommsHarness(opts: { clock?: Clock } = {}): Promise<CommsHarness> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the int global setup');
  const run = randomBytes(4).toString('hex');
  const db = createDatabase({ url });
  const smtp = await startSmtpSink();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-comms-'));
  const events = createMemoryEventBus();
  const deps: CoreDeps = {
    db,
    clock: opts.clock ?? systemClock,
    logger: silent,
    storage: createLocalStorage({ root: dataDir }),
    config: {
      publicUrl: 'http://app.mdsc.test',
      timezone: 'Africa/Porto-Novo',
      dataDir,
      mail: { smtpUrl: smtp.url, from: 'MdSC MOOC <no-reply@mdsc.test>' },
    },
    jobs: null as unknown as JobQueue,
    events,
  };
  const jobs = createInlineJobQueue(createProcessors(deps), silent, { attempts: 2, backoffMs: 10 });
  deps.jobs = jobs;
  let seq = 0;
  let category: number | null = null;
  return {
    run,
    db,
    deps,
    events,
    jobs,
    smtp,
    caller: (actor) => {
      const ctx: Context = {
        deps,
        redis: null,
        req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' },
        actor,
      };
      return createCaller(ctx);
    },
    async user(role, o = {}) {
      const n = ++seq;
      const u = await User.create({
        email: `${role}-${n}-${run}@comms.test`,
        password: 'not-a-real-hash',
        firstName: o.firstName ?? `${role[0].toUpperCase()}${role.slice(1)}${n}`,
        lastName: `Comms${run}`,
        role,
        country: o.country ?? null,
        isEmailVerified: true,
        emailOnMessage: o.emailOnMessage ?? false,
      });
      return { id: u.id, role, emailVerified: true, locale: 'fr', email: u.email };
    },
    async course(instructorId, title = 'Cours') {
      category ??= (await Category.create({ name: `Comms ${run}`, color: '#1f7a4d' })).id;
      const n = ++seq;
      const c = await Course.create({
        title: `${title} ${n}`,
        slug: `comms-${run}-${n}`,
        instructorId,
        categoryId: category,
        isPublished: true,
      });
      return c.id;
    },
    async enrol(userId, courseId, fields = {}) {
      const e = await Enrollment.create({ userId, courseId, status: 'enrolled', isActive: true, ...fields });
      return e.id;
    },
    async close() {
      await jobs.close();
      await events.close();
      await db.close();
      await smtp.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Expects a promise to fail with a tRPC `code`. */
export async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message?: string } | null;
  if (!err) throw new Error(`expected ${code}, the call succeeded`);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
}
