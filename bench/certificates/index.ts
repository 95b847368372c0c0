// Certificate PDFs per second through the worker's `certificates` processor (load the row, render
// with pdfmake + QR code, store the file, mark it rendered, notify), against bare pdfmake rendering
// of the same document in the same run; plus the QR code's share of the rendering time.
// Target: >= 10 PDFs/s per worker process on a 2-core machine.
// SQLite in a temp dir by default; BENCH_DATABASE_URL=mysql://… for MariaDB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { certificatePdfData, createOutboxRelay, renderCertificatePdf, type CertificatePdfData } from '@mdsc/core';
import { Certificate, createDatabase, ensureMysqlDatabase, migrateUp } from '@mdsc/db';
import { createProcessors } from '@mdsc/worker';
import { benchDeps, issuedCertificates, runPool, writeResult } from '../shared/fixtures';

const N = Number(process.env.BENCH_N ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TARGET_PER_SEC = 10;
const TARGET_RATIO = 0.8; // issue 18: the worker within 0.8× of bare pdfmake

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-cert-'));
const url = process.env.BENCH_DATABASE_URL;
if (url) await ensureMysqlDatabase(url);
const db = createDatabase(url ? { url } : { sqliteFile: path.join(tmp, 'bench.sqlite') });
await migrateUp(db.sequelize);
const deps = benchDeps(db, { tmp });
// As in the worker process (apps/worker/src/main.ts): committed outbox rows go to the process's
// relay, which batches them, instead of a relay pass awaited after each commit.
const relay = createOutboxRelay(deps, { pollMs: 60_000 });
deps.relay = relay;
const process_ = createProcessors(deps).certificates!;

// Fixtures: one course, N (+5 for the warm-up) learners with an issued, not yet rendered, certificate each.
const { course, certificates: certs } = await issuedCertificates(N + 5, `cert${Date.now().toString(36)}`);

// The bare side renders the very document the worker renders for each fixture certificate: the
// same data builder (certificatePdfData), template, fonts and QR code, the holder's and
// instructor's names, the certificate's number, code and date, and a credential id of a uuid's
// length (the worker's record gets a random one).
const bareData: CertificatePdfData[] = certs.map((c, i) =>
  certificatePdfData(deps.config, {
    holderFirstName: 'Adjoa Élodie',
    holderLastName: `Kpégba ${i}`,
    courseTitle: course.title,
    instructorFirstName: 'Aïcha',
    instructorLastName: 'Dossou',
    language: 'fr',
    issuedAt: c.issuedAt,
    number: c.certificateNumber,
    code: c.certificateCode,
    credentialUuid: randomUUID(),
  }),
);

// Warm-up (fonts parsed once, JIT) on the extra certificates.
for (const c of certs.slice(N)) await process_({ id: 'w', name: 'render-certificate', data: { certificateId: c.id }, attemptsMade: 0 });

// Bare rendering (the baseline) and the worker's processor (at the worker's concurrency) in
// alternating rounds, so that a noisy neighbour slows both sides alike rather than one phase.
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const timings = { qrMs: 0, totalMs: 0 };
const ids = certs.slice(0, N).map((c) => c.id);
let bareMs = 0;
let workerMs = 0;
// CPU time of the whole process (all threads) per side: far less sensitive to neighbours than
// wall time, it shows the worker's own work per PDF beyond rendering.
let bareCpu = 0;
let workerCpu = 0;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
for (let r = 0; r < ROUNDS; r++) {
  const from = Math.floor((r * N) / ROUNDS);
  const to = Math.floor(((r + 1) * N) / ROUNDS);
  const round = [...Array(to - from).keys()].map((i) => from + i);
  let cpu = process.cpuUsage();
  bareMs += (round.length / (await runPool(round, 1, (i) => renderCertificatePdf(bareData[i], timings)))) * 1000;
  bareCpu += cpuMs(process.cpuUsage(cpu));
  cpu = process.cpuUsage();
  workerMs += (round.length / (await runPool(ids.slice(from, to), CONCURRENCY, (certificateId) =>
    process_({ id: String(certificateId), name: 'render-certificate', data: { certificateId }, attemptsMade: 0 }),
  ))) * 1000;
  workerCpu += cpuMs(process.cpuUsage(cpu));
}
const relayCpu = process.cpuUsage();
await relay.stop(); // the relay's last pass is the worker's work too
workerCpu += cpuMs(process.cpuUsage(relayCpu));
const barePerSec = N / (bareMs / 1000);
const workerPerSec = N / (workerMs / 1000);
const qrShare = timings.qrMs / timings.totalMs;
const rendered = (await Certificate.findAll({ attributes: ['pdfUrl'], where: { id: ids } })).filter((c) => c.pdfUrl).length;
const files = fs.readdirSync(path.join(tmp, 'files', 'certificates')).length;

const ratio = workerPerSec / barePerSec;
console.log(`certificate PDFs: ${N} each in ${ROUNDS} alternating rounds, ${url ? 'MariaDB' : 'SQLite'}, worker concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs`);
console.log(`bare pdfmake render   ${barePerSec.toFixed(1)} PDFs/s  (QR code: ${(qrShare * 100).toFixed(1)} % of the rendering time)`);
console.log(`worker processor      ${workerPerSec.toFixed(1)} PDFs/s  (ratio to bare: ${ratio.toFixed(2)}, ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW'} target ≥ ${TARGET_RATIO}) ${workerPerSec >= TARGET_PER_SEC ? '' : `below ${TARGET_PER_SEC}/s`}`);
console.log(`CPU per PDF           bare ${(bareCpu / N).toFixed(1)} ms, worker ${(workerCpu / N).toFixed(1)} ms (bare ÷ worker: ${(bareCpu / workerCpu).toFixed(2)}; steadier than wall time on a shared machine)`);
console.log(`files stored: ${files} (expected ${N + 5}), rows marked rendered: ${rendered} of ${N}`);

writeResult('certificates', { N, rounds: ROUNDS, concurrency: CONCURRENCY, barePerSec, workerPerSec, ratio, bareCpuMsPerPdf: bareCpu / N, workerCpuMsPerPdf: workerCpu / N, qrShare, target: TARGET_PER_SEC, targetRatio: TARGET_RATIO });
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
// Numbers are reported, not asserted (noisy machines): the exit code is for errors only.
if (files !== N + 5 || rendered !== N) process.exitCode = 1;
