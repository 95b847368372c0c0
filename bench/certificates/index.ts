// Certificate PDFs per second through the worker's `certificates` processor (load the row, render
// with pdfmake + QR code, store the file, mark it rendered, notify), against bare pdfmake rendering
// of the same document in the same run; plus the QR code's share of the rendering time.
// Target: >= 10 PDFs/s per worker process on a 2-core machine.
// SQLite in a temp dir by default; BENCH_DATABASE_URL=mysql://… for MariaDB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, renderCertificatePdf, systemClock, type CertificatePdfData, type CoreDeps } from '@mdsc/core';
import { Category, Certificate, Course, createDatabase, ensureMysqlDatabase, migrateUp, User } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { createProcessors } from '@mdsc/worker';

const N = Number(process.env.BENCH_N ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TARGET_PER_SEC = 10;
const TARGET_RATIO = 0.8; // issue 18: the worker within 0.8× of bare pdfmake

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-cert-'));
const url = process.env.BENCH_DATABASE_URL;
if (url) await ensureMysqlDatabase(url);
const db = createDatabase(url ? { url } : { sqliteFile: path.join(tmp, 'bench.sqlite') });
await migrateUp(db.sequelize);

const noJobs: JobQueue = { driver: 'inline', enqueue: async () => {}, close: async () => {} };
const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('bench', 'silent'),
  jobs: noJobs,
  storage: createLocalStorage({ root: path.join(tmp, 'files') }),
  config: { publicUrl: 'https://mooc.mdsc.example', timezone: 'Africa/Porto-Novo', dataDir: tmp },
};
const process_ = createProcessors(deps).certificates!;

// Fixtures: one course, N learners with an issued (not yet rendered) certificate each.
const run = Date.now().toString(36);
const teacher = await User.create({ email: `bench-teacher-${run}@bench.test`, password: 'x', firstName: 'Aïcha', lastName: 'Dossou', role: 'instructor' });
const category = await Category.create({ name: `Bench ${run}` });
const course = await Course.create({
  title: 'Gouvernance associative : les fondamentaux',
  slug: `bench-cert-${run}`,
  instructorId: teacher.id,
  categoryId: category.id,
  isPublished: true,
} as never);
const learners = await User.bulkCreate(
  Array.from({ length: N + 5 }, (_, i) => ({ email: `bench-${run}-${i}@bench.test`, password: 'x', firstName: 'Adjoa Élodie', lastName: `Kpégba ${i}` })),
);
const certs = await Certificate.bulkCreate(
  learners.map((u, i) => ({
    certificateCode: `bench${run}${String(i).padStart(6, '0')}`.padEnd(32, 'x'),
    userId: u.id,
    courseId: course.id,
    certificateNumber: `MDSC-2026-${String(i + 1).padStart(6, '0')}`,
    issuedAt: new Date(),
  })) as never,
);

const sample: CertificatePdfData = {
  holderName: 'Adjoa Élodie Kpégba',
  courseTitle: course.title,
  instructorName: 'Aïcha Dossou',
  issuedOn: '24 novembre 2026',
  number: 'MDSC-2026-000123',
  verifyUrl: `https://mooc.mdsc.example/verify/${'A'.repeat(32)}`,
  locale: 'fr',
};

// Warm-up (fonts parsed once, JIT) on the extra certificates.
for (const c of certs.slice(N)) await process_({ id: 'w', name: 'render-certificate', data: { certificateId: c.id }, attemptsMade: 0 });

async function pool(items: number[], concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
  return items.length / ((performance.now() - start) / 1000);
}

// 1. Bare rendering (the baseline) with the QR code's share.
const timings = { qrMs: 0, totalMs: 0 };
const barePerSec = await pool([...Array(N).keys()], 1, (i) => renderCertificatePdf({ ...sample, verifyUrl: `${sample.verifyUrl}${i}` }, timings));
const qrShare = timings.qrMs / timings.totalMs;

// 2. The worker's processor, at the worker's concurrency.
const ids = certs.slice(0, N).map((c) => c.id);
const workerPerSec = await pool(ids, CONCURRENCY, (certificateId) =>
  process_({ id: String(certificateId), name: 'render-certificate', data: { certificateId }, attemptsMade: 0 }),
);
const rendered = (await Certificate.findAll({ attributes: ['pdfUrl'], where: { id: ids } })).filter((c) => c.pdfUrl).length;
const files = fs.readdirSync(path.join(tmp, 'files', 'certificates')).length;

const ratio = workerPerSec / barePerSec;
console.log(`certificate PDFs: ${N} each, ${url ? 'MariaDB' : 'SQLite'}, worker concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs`);
console.log(`bare pdfmake render   ${barePerSec.toFixed(1)} PDFs/s  (QR code: ${(qrShare * 100).toFixed(1)} % of the rendering time)`);
console.log(`worker processor      ${workerPerSec.toFixed(1)} PDFs/s  (ratio to bare: ${ratio.toFixed(2)}, ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW'} target ≥ ${TARGET_RATIO}) ${workerPerSec >= TARGET_PER_SEC ? '' : `below ${TARGET_PER_SEC}/s`}`);
console.log(`files stored: ${files} (expected ${N + 5}), rows marked rendered: ${rendered} of ${N}`);

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, `certificates-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ N, concurrency: CONCURRENCY, barePerSec, workerPerSec, ratio, qrShare, target: TARGET_PER_SEC, targetRatio: TARGET_RATIO }, null, 2),
);
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
// Numbers are reported, not asserted (noisy machines): the exit code is for errors only.
if (files !== N + 5 || rendered !== N) process.exitCode = 1;
