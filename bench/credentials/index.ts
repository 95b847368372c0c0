// Verifiable credentials: first issuance through the service (allocate the record and status slot,
// gather the certificate, sign, store) and verification through `verifyCredential` (decode, key,
// signature, dates, status list), each against bare jose on the same credentials in the same run.
// SQLite in a temp dir by default; BENCH_DATABASE_URL=mysql://… for MariaDB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateIssuerJwk, issueCredential, parseIssuerKeys, verifyCredential } from '@mdsc/core';
import { createDatabase, ensureMysqlDatabase, migrateUp } from '@mdsc/db';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { benchDeps, issuedCertificates, runPool, writeResult } from '../shared/fixtures';

const N = Number(process.env.BENCH_N ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-bench-cred-'));
const url = process.env.BENCH_DATABASE_URL;
if (url) await ensureMysqlDatabase(url);
const db = createDatabase(url ? { url } : { sqliteFile: path.join(tmp, 'bench.sqlite') });
await migrateUp(db.sequelize);

const keys = parseIssuerKeys(JSON.stringify([generateIssuerJwk()]));
const deps = benchDeps(db, { tmp, config: { credentials: { keys } } });
const { certificates: certs } = await issuedCertificates(N, `cred${Date.now().toString(36)}`);

// 1. First issuance through the service (the holder downloads it).
const jwts: string[] = [];
const issuePerSec = await runPool(certs, CONCURRENCY, async (c) => {
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
const barePerSec = await runPool(payloads, 1, (p) =>
  new SignJWT(p).setProtectedHeader(header).sign(keys.active.privateKey),
);

// 2. Verification (status list cached after the first call), against bare jwtVerify.
const verifyPerSec = await runPool(jwts, CONCURRENCY, async (jwt) => {
  const r = await verifyCredential(deps, { jwt });
  if (r.verdict !== 'valid') throw new Error(`expected valid, got ${r.verdict}`);
});
const bareVerifyPerSec = await runPool(jwts, 1, (jwt) => jwtVerify(jwt, keys.active.publicKey));

console.log(
  `credentials: ${N} certificates, ${url ? 'MariaDB' : 'SQLite'}, concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs, JWT ${jwts[0].length} bytes`,
);
console.log(
  `first issuance (service)   ${issuePerSec.toFixed(0)}/s   bare jose sign   ${barePerSec.toFixed(0)}/s   ratio ${(issuePerSec / barePerSec).toFixed(2)}`,
);
console.log(
  `verification (service)     ${verifyPerSec.toFixed(0)}/s   bare jwtVerify   ${bareVerifyPerSec.toFixed(0)}/s   ratio ${(verifyPerSec / bareVerifyPerSec).toFixed(2)}`,
);

writeResult('credentials', { N, concurrency: CONCURRENCY, issuePerSec, barePerSec, verifyPerSec, bareVerifyPerSec, jwtBytes: jwts[0].length });
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
