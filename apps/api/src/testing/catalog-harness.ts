// Shared set-up of the catalog integration tests: real MariaDB (TEST_DATABASE_URL), inline jobs
// running the worker's processors, local-disk storage in a temporary directory, and tRPC callers
// for any actor. Every run uses its own e-mails, slugs and category names.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appRouter, createCallerFactory, type Context } from '@mdsc/api';
import { systemClock, type Actor, type CoreDeps } from '@mdsc/core';
import { Category, createDatabase, User, type Database } from '@mdsc/db';
import { createInlineJobQueue, type JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { createProcessors } from '@mdsc/worker';
import type { Role } from '@mdsc/validators';

const createCaller = createCallerFactory(appRouter);
const silent = { info() {}, warn() {}, error() {} };

export interface Harness {
  run: string;
  db: Database;
  deps: CoreDeps;
  jobs: ReturnType<typeof createInlineJobQueue>;
  storageRoot: string;
  /** SQL statements seen since the last reset (for query-count tests). */
  sql: { log: string[]; reset(): void };
  caller(actor: Actor | null): ReturnType<typeof createCaller>;
  user(role: Role, name?: string): Promise<Actor>;
  category(name?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the int global setup');
  const run = randomBytes(4).toString('hex');
  const log: string[] = [];
  const db = createDatabase({ url, logging: (sql) => void log.push(sql) });
  const storageRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-catalog-'));
  const deps: CoreDeps = {
    db,
    clock: systemClock,
    logger: silent,
    storage: createLocalStorage({ root: storageRoot }),
    config: { publicUrl: 'http://app.mdsc.test', timezone: 'Africa/Porto-Novo', dataDir: storageRoot },
    jobs: null as unknown as JobQueue,
  };
  const jobs = createInlineJobQueue(createProcessors(deps), silent, { attempts: 2, backoffMs: 10 });
  deps.jobs = jobs;
  let seq = 0;
  return {
    run,
    db,
    deps,
    jobs,
    storageRoot,
    sql: { log, reset: () => void log.splice(0) },
    caller: (actor) => {
      const ctx: Context = {
        deps,
        redis: null,
        req: { ip: '127.0.0.1', origin: null, userAgent: 'vitest' },
        actor,
      };
      return createCaller(ctx);
    },
    async user(role, name = role) {
      const u = await User.create({
        email: `${name}-${++seq}-${run}@catalog.test`,
        password: 'not-a-real-hash',
        firstName: name,
        lastName: `Test${seq}`,
        role,
        isEmailVerified: true,
      });
      return { id: u.id, role, emailVerified: true, locale: 'fr' };
    },
    async category(name = 'Catégorie') {
      const c = await Category.create({ name: `${name} ${run} ${++seq}`, color: '#1f7a4d' });
      return c.id;
    },
    async close() {
      await jobs.close();
      await db.close();
      await fs.rm(storageRoot, { recursive: true, force: true });
    },
  };
}

/** Expects a tRPC call to fail with `code` (and, if given, naming `field`, from zod or a domain error). */
export async function expectTrpcError(p: Promise<unknown>, code: string, field?: string): Promise<void> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as {
    code?: string;
    message?: string;
    cause?: { details?: { field?: string }; issues?: { path: PropertyKey[] }[] };
  } | null;
  if (!err) throw new Error(`expected ${code}, the call succeeded`);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  if (field) {
    const named = [err.cause?.details?.field, ...(err.cause?.issues ?? []).map((i) => String(i.path[0]))];
    if (!named.includes(field))
      throw new Error(`expected the error to name ${field}, got ${named.join(', ')}: ${err.message}`);
  }
}
