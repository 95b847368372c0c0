// Verifiable credentials: first issuance through the service (allocate the record and status slot,
// gather the certificate, sign, store) and verification through `verifyCredential` (decode, key,
// signature, dates, status list), each against bare jose on the same credentials in the same run.
// SQLite in a temp dir by default; BENCH_DATABASE_URL=mysql://… for MariaDB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  generateIssuerJwk,
  issueCredential,
  parseIssuerKeys,
  systemClock,
  verifyCredential,
  type CoreDeps,
} from '@mdsc/core';
import {
  Category,
  Certificate,
  Course,
  createDatabase,
  ensureMysqlDatabase,
  migrateUp,
  User,
} from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import { createLocalStorage } from '@mdsc/storage';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';

const N = Number(process.env.BENCH_N ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-cred-'));
const url = process.env.BENCH_DATABASE_URL;
if (url) await ensureMysqlDatabase(url);
const db = createDatabase(url ? { url } : { sqliteFile: path.join(tmp, 'bench.sqlite') });
await migrateUp(db.sequelize);

const keys = parseIssuerKeys(JSON.stringify([generateIssuerJwk()]));
const noJobs: JobQueue = { driver: 'inline', enqueue: async () => {}, close: async () => {} };
const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('bench', 'silent'),
  jobs: noJobs,
  storage: createLocalStorage({ root: path.join(tmp, 'files') }),
  config: {
    publicUrl: 'https://mooc.mdsc.example',
    timezone: 'Africa/Porto-Novo',
    dataDir: tmp,
    credentials: { keys },
  },
};

const run = Date.now().toString(36);
const teacher = await User.create({
  email: `bench-t-${run}@bench.test`,
  password: 'x',
  firstName: 'Aïcha',
  lastName: 'Dossou',
  role: 'instructor',
});
const category = await Category.create({ name: `Bench cred ${run}` });
const course = await Course.create({
  title: 'Gouvernance associative : les fondamentaux',
  slug: `bench-cred-${run}`,
  instructorId: teacher.id,
  categoryId: category.id,
  isPublished: true,
} as never);
const learners = await User.bulkCreate(
  Array.from({ length: N }, (_, i) => ({
    email: `bench-cred-${run}-${i}@bench.test`,
    password: 'x',
    firstName: 'Adjoa Élodie',
    lastName: `Kpégba ${i}`,
  })),
);
const certs = await Certificate.bulkCreate(
  learners.map((u, i) => ({
    certificateCode: `bc${run}${String(i).padStart(6, '0')}`.padEnd(32, 'x'),
    userId: u.id,
    courseId: course.id,
    certificateNumber: `MDSC-2026-${String(i + 1).padStart(6, '0')}`,
    issuedAt: new Date(),
  })) as never,
);

async function pool<T>(items: T[], concurrency: number, task: (x: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
  return items.length / ((performance.now() - start) / 1000);
}

// 1. First issuance through the service (the holder downloads it).
const jwts: string[] = [];
const issuePerSec = await pool(certs, CONCURRENCY, async (c) => {
  const r = await issueCredential(
    deps,
    { id: c.userId, role: 'student', emailVerified: true, locale: 'fr' },
    { certificateId: c.id },
  );
  jwts.push(r.jwt);
});
// Baseline: jose signing the same payloads, nothing else.
const payloads = jwts.map(
  (j) => JSON.parse(Buffer.from(j.split('.')[1], 'base64url').toString()) as Record<string, unknown>,
);
const header = decodeProtectedHeader(jwts[0]) as { alg: string; kid: string; typ: string; cty: string };
const barePerSec = await pool(payloads, 1, (p) =>
  new SignJWT(p).setProtectedHeader(header).sign(keys.active.privateKey),
);

// 2. Verification (status list cached after the first call), against bare jwtVerify.
const verifyPerSec = await pool(jwts, CONCURRENCY, async (jwt) => {
  const r = await verifyCredential(deps, { jwt });
  if (r.verdict !== 'valid') throw new Error(`expected valid, got ${r.verdict}`);
});
const bareVerifyPerSec = await pool(jwts, 1, (jwt) => jwtVerify(jwt, keys.active.publicKey));

console.log(
  `credentials: ${N} certificates, ${url ? 'MariaDB' : 'SQLite'}, concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs, JWT ${jwts[0].length} bytes`,
);
console.log(
  `first issuance (service)   ${issuePerSec.toFixed(0)}/s   bare jose sign   ${barePerSec.toFixed(0)}/s   ratio ${(issuePerSec / barePerSec).toFixed(2)}`,
);
console.log(
  `verification (service)     ${verifyPerSec.toFixed(0)}/s   bare jwtVerify   ${bareVerifyPerSec.toFixed(0)}/s   ratio ${(verifyPerSec / bareVerifyPerSec).toFixed(2)}`,
);

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, `credentials-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify(
    {
      N,
      concurrency: CONCURRENCY,
      issuePerSec,
      barePerSec,
      verifyPerSec,
      bareVerifyPerSec,
      jwtBytes: jwts[0].length,
    },
    null,
    2,
  ),
);
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
