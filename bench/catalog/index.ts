// courses.list over HTTP, the real stack (Fastify + tRPC + the catalog service on Sequelize) versus
// a raw node:http + mysql2 handler running exactly the same SQL (buildCourseListQuery) on the same
// 10,000 seeded courses, in the same process and run. Reports throughput and p50/p99 latency as
// ratios; target: the real stack's p50 within 1.3× of the raw one (issue 18).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCourseListQuery, decodeCursor, encodeCursor, generateIssuerJwk } from '@mdsc/core';
import { parseMysqlUrl } from '@mdsc/db';
import type { CourseListQuery } from '@mdsc/validators';
import mysql from 'mysql2/promise';
import { loadEnv } from '../../apps/api/src/env';
import { createRuntime } from '../../apps/api/src/runtime';
import { buildServer } from '../../apps/api/src/server';
import { seedCatalogBench } from './seed';

const URL_ = process.env.BENCH_CATALOG_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_bench';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REQUESTS = Number(process.env.BENCH_N ?? 1500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = 5;
const TARGET_P50 = 1.3; // issue 18: catalog p50 within 1.3× of raw
const log = (s: string) => console.log(`[catalog] ${s}`);

await seedCatalogBench(URL_, log);

// --- The real stack: the API server exactly as deployed in full mode.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-catalog-'));
const rt = await createRuntime(
  loadEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: URL_,
    REDIS_URL: REDIS,
    REDIS_PREFIX: 'mdsc-bench-catalog',
    DATA_DIR: dataDir,
    WEB_DIST: dataDir,
    // Production full mode requires signing keys; the catalog never signs: a throw-away one.
    CREDENTIALS_SIGNING_KEYS: JSON.stringify([generateIssuerJwk()]),
  }),
);
const app = await buildServer(rt);
await app.listen({ host: '127.0.0.1', port: 0 });
const apiBase = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

// --- The raw baseline: same SQL, mysql2 pool of the same size, JSON out, nothing else.
const t = parseMysqlUrl(URL_);
const pool = mysql.createPool({
  host: t.host,
  port: t.port,
  user: t.username,
  password: t.password,
  database: t.database,
  connectionLimit: 10,
  namedPlaceholders: true,
  timezone: 'Z',
  decimalNumbers: true,
});
const raw = http.createServer((req, res) => {
  void (async () => {
    const u = new URL(req.url ?? '/', 'http://raw');
    const input = JSON.parse(u.searchParams.get('input') ?? '{}') as Partial<CourseListQuery>;
    const query = { sort: 'newest', limit: 20, ...input } as CourseListQuery;
    const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
    const { sql, replacements } = buildCourseListQuery('mysql', query, cursor);
    const [rows] = await pool.query<mysql.RowDataPacket[]>(sql, replacements as mysql.QueryValues);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const items = page.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      shortDescription: r.short_description,
      thumbnailUrl: r.thumbnail_url,
      difficulty: r.difficulty,
      language: r.language,
      price: r.price,
      currency: r.currency,
      durationMinutes: r.duration_minutes,
      enrollmentCount: r.enrollment_count,
      rating: r.rating,
      isFeatured: !!r.is_featured,
      createdAt: (r.created_at as Date).toISOString(),
      courseStartDate: r.course_start_date ? (r.course_start_date as Date).toISOString() : null,
      category: { id: r.category_id, name: r.category_name, color: r.category_color },
      instructor: { id: r.instructor_id, name: `${r.instructor_first_name} ${r.instructor_last_name}` },
    }));
    const nextCursor =
      rows.length > query.limit
        ? encodeCursor(
            query.sort === 'newest'
              ? { sort: 'newest', value: (last.created_at as Date).toISOString(), isDate: true, id: last.id }
              : {
                  sort: query.sort,
                  value: Number(query.sort === 'popular' ? last.enrollment_count : last.rating),
                  isDate: false,
                  id: last.id,
                },
          )
        : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ result: { data: { items, nextCursor } } }));
  })().catch((err: unknown) => {
    res.writeHead(500);
    res.end(String(err));
  });
});
await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
const rawBase = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;

// --- The workload: typical catalog requests, first pages and a next page.
const [[cat]] = await pool.query<mysql.RowDataPacket[]>(
  "SELECT id FROM categories WHERE name LIKE 'bench-catalog-v2%' ORDER BY id LIMIT 1",
);
const inputs: Record<string, unknown>[] = [
  { limit: 20 },
  { limit: 20, sort: 'popular' },
  { limit: 20, categoryId: cat.id },
  { limit: 20, q: 'gouvernance' },
  // Misspelled and without accents: found through the trigram index (issue 17).
  { limit: 20, q: 'gouvernence participatif' },
  { limit: 20, q: 'budget participatif', pricing: 'free' },
  { limit: 20, difficulty: 'advanced', language: 'fr', sort: 'rating' },
];
type Page = { result: { data: { items: { id: number }[]; nextCursor: string | null } } };
const first = (await (
  await fetch(`${apiBase}/trpc/courses.list?input=${encodeURIComponent(JSON.stringify({ limit: 20 }))}`)
).json()) as Page;
inputs.push({ limit: 20, cursor: first.result.data.nextCursor });
const paths = inputs.map((i) => `/trpc/courses.list?input=${encodeURIComponent(JSON.stringify(i))}`);

// Both sides must answer the same thing, or the comparison means nothing.
for (const p of paths) {
  const [a, b] = await Promise.all([
    fetch(apiBase + p).then((r) => r.json()),
    fetch(rawBase + p).then((r) => r.json()),
  ]);
  const ids = (x: unknown) => (x as Page).result.data.items.map((i) => i.id).join(',');
  if (ids(a) !== ids(b)) throw new Error(`different results for ${p}`);
  if ((a as Page).result.data.items.length === 0) throw new Error(`empty result for ${p}`);
}

async function round(base: string, n: number): Promise<{ perSec: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const p = paths[next++ % paths.length];
        const t0 = performance.now();
        const res = await fetch(base + p);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${base}${p}: ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { perSec: n / ((performance.now() - start) / 1000), latencies };
}

const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs: number[]) => pct(xs, 0.5);

await round(rawBase, 300); // warm-up: JIT, pools, InnoDB buffer pool
await round(apiBase, 300);
const per = Math.round(REQUESTS / ROUNDS);
const sides = {
  raw: { rates: [] as number[], lat: [] as number[] },
  api: { rates: [] as number[], lat: [] as number[] },
};
// Alternate short rounds so that any change in machine load hits both sides alike.
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, base] of [
    ['raw', rawBase],
    ['api', apiBase],
  ] as const) {
    const { perSec, latencies } = await round(base, per);
    sides[name].rates.push(perSec);
    sides[name].lat.push(...latencies);
  }
}

const result = {
  courses: 10_000,
  requests: per * ROUNDS,
  concurrency: CONCURRENCY,
  raw: { perSec: median(sides.raw.rates), p50Ms: pct(sides.raw.lat, 0.5), p99Ms: pct(sides.raw.lat, 0.99) },
  api: { perSec: median(sides.api.rates), p50Ms: pct(sides.api.lat, 0.5), p99Ms: pct(sides.api.lat, 0.99) },
  ratios: { throughput: 0, p50: 0, p99: 0 },
  targetP50Ratio: TARGET_P50,
};
result.ratios = {
  throughput: result.api.perSec / result.raw.perSec,
  p50: result.api.p50Ms / result.raw.p50Ms,
  p99: result.api.p99Ms / result.raw.p99Ms,
};
console.log(
  `courses.list over HTTP, ${result.requests} requests per side at concurrency ${CONCURRENCY}, ${paths.length} query shapes, MariaDB, 10,000 courses`,
);
console.log('          req/s     p50 ms   p99 ms');
for (const side of ['raw', 'api'] as const) {
  const s = result[side];
  console.log(
    `${side.padEnd(6)} ${s.perSec.toFixed(0).padStart(8)} ${s.p50Ms.toFixed(2).padStart(10)} ${s.p99Ms.toFixed(2).padStart(8)}`,
  );
}
const ok = result.ratios.p50 <= TARGET_P50;
console.log(
  `ratios api/raw: throughput ${result.ratios.throughput.toFixed(2)}, p50 ${result.ratios.p50.toFixed(2)} (${ok ? 'ok' : 'OVER'} target ≤ ${TARGET_P50}), p99 ${result.ratios.p99.toFixed(2)}`,
);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify(result, null, 2),
);

await app.close();
await rt.close();
raw.close();
await pool.end();
fs.rmSync(dataDir, { recursive: true, force: true });
// The ratio is reported, not asserted (noisy machines): the exit code is for errors only.
