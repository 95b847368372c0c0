// Smoke tests of the real server over HTTP: embedded mode (fresh SQLite) and full mode (MariaDB + Redis).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { createRuntime } from './runtime';
import { buildServer } from './server';

async function start(vars: Record<string, string>) {
  const rt = await createRuntime(loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...vars }));
  const app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return { rt, app, base, stop: async () => (await app.close(), await rt.close()) };
}

describe('API in embedded mode', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-api-'));
  let server: Awaited<ReturnType<typeof start>>;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates and seeds a fresh SQLite database, then answers health.check over HTTP', async () => {
    server = await start({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    expect(fs.existsSync(path.join(dataDir, 'mdsc.sqlite'))).toBe(true);
    const res = await fetch(`${server.base}/trpc/health.check`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: Record<string, unknown> } };
    expect(body.result.data).toMatchObject({ status: 'ok', mode: 'embedded', database: 'ok', redis: 'disabled' });
    // Plain JSON on the wire: the date is an ISO string, no transformer envelope.
    expect(typeof body.result.data.time).toBe('string');
  });

  it('lists the seeded categories with their published course counts', async () => {
    const get = async <T>(proc: string, input?: unknown): Promise<T> => {
      const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return ((await (await fetch(`${server.base}/trpc/${proc}${q}`)).json()) as { result: { data: T } }).result.data;
    };
    // The seeded demo courses, and the ones the start-up seeding adds (SCORM/H5P) while the test
    // runs: the categories' counts must agree with the catalog read right after them.
    let categories: { name: string; courseCount: number }[] = [];
    let total = -1;
    let published = -2;
    for (let i = 0; i < 50 && total !== published; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      categories = await get('categories.list');
      total = categories.reduce((n, c) => n + c.courseCount, 0);
      published = (await get<{ items: unknown[] }>('courses.list', { limit: 50 })).items.length;
    }
    expect(categories.length).toBeGreaterThanOrEqual(5);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBe(published);
  });

  it('answers GET /healthz and rejects a bad input naming the field', async () => {
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const bad = await fetch(
      `${server.base}/trpc/categories.list?input=${encodeURIComponent(JSON.stringify({ includeInactive: 'yes' }))}`,
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
    expect(Object.keys(body.error.data.zodError.fieldErrors)).toEqual(['includeInactive']);
  });
});

describe('API in full mode', () => {
  let server: Awaited<ReturnType<typeof start>> | undefined;
  afterAll(async () => server?.stop());

  it('reports MariaDB and Redis in GET /healthz', async () => {
    server = await start({
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'mdsc-test',
    });
    const res = await fetch(`${server.base}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', mode: 'full', database: 'ok', redis: 'ok' });
  });
});

describe('configuration', () => {
  it('stops with a message naming the bad variable', () => {
    expect(() => loadEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://u:p@h/db' })).toThrow(/REDIS_URL/);
  });
});
