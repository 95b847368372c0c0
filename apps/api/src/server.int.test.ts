// Smoke tests of the real server over HTTP: embedded mode (fresh SQLite) and full mode (MariaDB + Redis).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ELEMENT_ID, firstScreenKey, type FirstScreenPayload } from '@mdsc/validators';
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
  // A built web app as apps/web/build/precompress.ts leaves it: hashed assets with .br/.gz copies.
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-web-'));
  const js = 'export const x = "Gouvernance associative";\n'.repeat(100);
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>MdSC</title>');
  fs.writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(webDist, 'assets/index-AbC123.js'), js);
  fs.writeFileSync(path.join(webDist, 'assets/index-AbC123.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(webDist, 'assets/index-AbC123.js.gz'), zlib.gzipSync(js));
  let server: Awaited<ReturnType<typeof start>>;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('migrates and seeds a fresh SQLite database, then answers health.check over HTTP', async () => {
    server = await start({ DATA_DIR: dataDir, SEED_DEMO: 'true', WEB_DIST: webDist });
    expect(fs.existsSync(path.join(dataDir, 'mdsc.sqlite'))).toBe(true);
    const res = await fetch(`${server.base}/trpc/health.check`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: Record<string, unknown> } };
    expect(body.result.data).toMatchObject({ status: 'ok', mode: 'embedded', database: 'ok', redis: 'disabled' });
    // Plain JSON on the wire: the date is an ISO string, no transformer envelope.
    expect(typeof body.result.data.time).toBe('string');
    // Helmet's headers on every answer (API and pages alike).
    for (const r of [res, await fetch(`${server.base}/courses`)]) {
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self';.*img-src 'self' data: blob:/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
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

  it('serves the web app compressed, hashed assets cached for a year, the rest revalidated', async () => {
    const get = (url: string, encoding: string) => fetch(`${server.base}${url}`, { headers: { 'accept-encoding': encoding } });
    for (const [encoding, expected] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const res = await get('/assets/index-AbC123.js', encoding);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(expected);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await res.text()).toBe(js); // fetch decodes br and gzip
    }
    const favicon = await get('/favicon.svg', 'br');
    expect(favicon.headers.get('cache-control')).toBe('no-cache');
    const route = await get('/courses', 'br');
    // Client-side routes get index.html with the reader's first screen in it: private, compressed.
    expect(route.headers.get('cache-control')).toBe('private, no-cache');
    expect(route.headers.get('content-encoding')).toBe('br');
    expect(await route.text()).toContain('<title>MdSC</title>');
  });

  it("inlines the catalog's and a lesson's first screen into the page, as the reader", async () => {
    const firstScreen = async (url: string, cookie?: string) => {
      const html = await (await fetch(`${server.base}${url}`, { headers: cookie ? { cookie } : {} })).text();
      const json = new RegExp(`<script id="${FIRST_SCREEN_ELEMENT_ID}" type="application/json">(.*?)</script>`).exec(html)?.[1];
      const payload = JSON.parse(json!) as FirstScreenPayload;
      return Object.fromEntries(payload.answers.map((a) => [firstScreenKey(a.path, a.input), a.data])) as Record<string, unknown>;
    };
    // A visitor on the catalog: not signed in, the first page of courses as the catalog asks for it.
    const catalog = await firstScreen('/courses?sort=newest');
    expect(catalog[firstScreenKey('auth.me', undefined)]).toBeNull();
    const list = catalog[firstScreenKey('courses.list', { sort: 'newest', limit: 20, direction: 'forward' })] as { items: { slug: string }[] };
    expect(list.items.map((c) => c.slug)).toContain('gouvernance-associative-fondamentaux');
    expect(catalog[firstScreenKey('categories.list', undefined)]).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]));

    // The demo learner on their first lesson: who they are, the course's path and the lesson.
    const login = await fetch(`${server.base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: JSON.stringify({ email: 'aminata.diallo@mdsc.test', password: 'Demo-2026!', mode: 'cookie' }),
    });
    const cookie = /mdsc_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const slug = 'gouvernance-associative-fondamentaux';
    const outline = (await firstScreen(`/learn/${slug}`, cookie))[firstScreenKey('auth.me', undefined)] as { email: string };
    expect(outline.email).toBe('aminata.diallo@mdsc.test');
    const course = (await firstScreen(`/learn/${slug}/lessons/1`, cookie))[firstScreenKey('progress.course', { slug })] as {
      modules: { lessons: { id: number }[] }[];
    };
    const lessonId = course.modules[0]!.lessons[0]!.id;
    const page = await firstScreen(`/learn/${slug}/lessons/${lessonId}`, cookie);
    expect(page[firstScreenKey('progress.lesson', { lessonId })]).toMatchObject({ lesson: { id: lessonId }, course: { slug } });
    // A visitor on that lesson: the lesson is refused, so it is left out (the web app sends them to log in).
    expect(firstScreenKey('progress.lesson', { lessonId }) in (await firstScreen(`/learn/${slug}/lessons/${lessonId}`))).toBe(false);
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
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `mdsc-test-server-${randomBytes(4).toString('hex')}`;
  let server: Awaited<ReturnType<typeof start>> | undefined;
  afterAll(async () => {
    await server?.stop();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('reports MariaDB and Redis in GET /healthz', async () => {
    server = await start({
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
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
