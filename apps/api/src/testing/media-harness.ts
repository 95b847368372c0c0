// Shared by the media integration tests: people with sessions, polling, and the worker's media
// processor on BullMQ against a full-mode runtime.
import { randomBytes } from 'node:crypto';
import { createSession, type Actor } from '@mdsc/core';
import { Category, Course, User } from '@mdsc/db';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@mdsc/validators';
import { createProcessors } from '@mdsc/worker';
import { Worker } from 'bullmq';
import { loadEnv } from '../env';
import { createRuntime, type Runtime } from '../runtime';
import { buildServer } from '../server';

export interface Person {
  actor: Actor;
  token: string;
}

/** A verified user of `role` with a bearer session; `tag` keeps e-mails unique per test file. */
export async function person(role: Role, tag: string): Promise<Person> {
  const u = await User.create({
    email: `${role}-${randomBytes(3).toString('hex')}-${tag}@media.test`,
    password: 'x',
    firstName: role,
    lastName: 'Media',
    role,
    isEmailVerified: true,
  });
  const { token } = await createSession(u.id, {});
  return { actor: { id: u.id, role, emailVerified: true, locale: 'fr' } as Actor, token };
}

export const auth = (p: { token: string } | null): Record<string, string> =>
  p ? { authorization: `Bearer ${p.token}` } : {};

/** Polls `fn` every 100 ms until it returns something truthy. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The worker's media processor on BullMQ (closed and restarted by tests that need it idle). */
export function mediaWorker(rt: Runtime, prefix: string): Worker {
  const media = createProcessors(rt.deps).media!;
  return new Worker(
    'media',
    (job) => media({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade }),
    { connection: rt.redis!.duplicate({ maxRetriesPerRequest: null }), prefix },
  );
}

/** A draft course of `owner` in a new category (names made unique by `run`); returns its id. */
export async function courseOf(owner: Person, name: string, slug: string, run: string): Promise<number> {
  const cat = await Category.create({ name: `${name} ${run}` });
  const course = await Course.create({
    title: `${name} ${run}`,
    slug: `${slug}-${run}`,
    instructorId: owner.actor.id,
    categoryId: cat.id,
    description: 'd',
  } as Course);
  return course.id;
}

/**
 * A full-mode runtime (the test database, Redis under `prefix`, local storage in a new data folder)
 * with the media worker and the HTTP server listening; `closeMediaRuntime` undoes it.
 */
export async function startMediaRuntime(
  prefix: string,
  env: Record<string, string | undefined> = {},
): Promise<{ rt: Runtime; app: FastifyInstance; worker: Worker; dataDir: string; base: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const rt = await createRuntime(
    loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      DATA_DIR: dataDir,
      PUBLIC_URL: 'http://app.mdsc.test',
      STORAGE_DRIVER: 'local',
      ...env,
    }),
  );
  const worker = mediaWorker(rt, prefix);
  const app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { rt, app, worker, dataDir, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** Closes the server, the worker and the runtime, then removes the test's Redis keys and files. */
export async function closeMediaRuntime(t: {
  app?: FastifyInstance;
  worker?: Worker;
  rt?: Runtime;
  prefix: string;
  dataDir?: string;
}): Promise<void> {
  await t.app?.close();
  await t.worker?.close();
  const r = t.rt?.redis?.duplicate();
  await t.rt?.close();
  if (r) {
    const keys = await r.keys(`${t.prefix}:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  }
  if (t.dataDir) fs.rmSync(t.dataDir, { recursive: true, force: true });
}
