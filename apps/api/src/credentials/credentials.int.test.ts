// Verifiable credentials through the API on MariaDB, checked by an independent path: jose's
// jwtVerify with the key read from the DID document the server publishes (never our signing or
// verifying code), the status list fetched over HTTP and decoded here, the bundled OB 3.0 schema.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Badge, Certificate, Credential, UserBadge } from '@mdsc/db';
import {
  extractBakedCredential,
  generateIssuerJwk,
  parseIssuerKeys,
  type Actor,
  type Ed25519Jwk,
} from '@mdsc/core';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

const PUBLIC = 'http://app.mdsc.test';
const DID = 'did:web:app.mdsc.test';
const schemaFile = path.resolve(
  import.meta.dirname,
  '../../../../packages/core/src/credentials/schema/ob_v3p0_achievementcredential_schema.json',
);
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

let h: LearningHarness;
let base: string;
let teacher: Actor;
let admin: Actor;
const keyA: Ed25519Jwk = generateIssuerJwk();
const keyB: Ed25519Jwk = generateIssuerJwk();
const useKeys = (...jwks: Ed25519Jwk[]) => {
  h.deps.config.credentials = { keys: parseIssuerKeys(JSON.stringify(jwks)) };
};

beforeAll(async () => {
  h = await createLearningHarness();
  useKeys(keyA);
  teacher = await h.user('instructor', { firstName: 'Aïcha', lastName: 'Dossou' });
  admin = await h.user('admin');
  base = (await h.http()).base;
});
afterAll(async () => h?.close());

/** A learner who completed a course, and their certificate (rendered by the job). */
async function certified(title = `Plaidoyer ${h.run}`) {
  const course = await h.course(teacher, { title });
  const student = await h.user('student', { firstName: 'Adjoa', lastName: 'Kpégba' });
  const as = h.caller(student);
  await as.enrollments.enroll({ courseId: course.id });
  for (const lessonId of course.lessonIds) await as.progress.completeLesson({ lessonId });
  await h.jobs.idle();
  const cert = (await Certificate.findOne({ where: { userId: student.id, courseId: course.id } }))!;
  return { course, student, as, cert };
}

/** The independent verifier: DID document over HTTP → JWK → jose.jwtVerify. */
async function independentVerify(jwt: string, currentDate?: Date): Promise<JWTPayload> {
  const doc = (await (await fetch(`${base}/.well-known/did.json`)).json()) as {
    id: string;
    verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[];
  };
  expect(doc.id).toBe(DID);
  const { kid } = decodeProtectedHeader(jwt);
  const method = doc.verificationMethod.find((m) => m.id === kid);
  if (!method) throw new Error(`key ${kid} not in the DID document`);
  const { payload } = await jwtVerify(jwt, await importJWK(method.publicKeyJwk, 'EdDSA'), {
    issuer: DID,
    currentDate,
    typ: 'vc+jwt',
  });
  return payload;
}

/** The bit of a credential in the status list served over HTTP (its signature checked the same way). */
async function revokedBit(payload: JWTPayload): Promise<boolean> {
  const status = payload.credentialStatus as { statusListCredential: string; statusListIndex: string };
  const res = await fetch(status.statusListCredential.replace(PUBLIC, base));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/vc+jwt');
  const list = await independentVerify(await res.text());
  const encoded = (list.credentialSubject as { encodedList: string }).encodedList;
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
  const i = Number(status.statusListIndex);
  return (bits[i >> 3] & (0x80 >> (i % 8))) !== 0;
}

const tamper = (jwt: string, edit: (p: Record<string, any>) => void) => {
  const [hd, body, sig] = jwt.split('.');
  const p = JSON.parse(Buffer.from(body, 'base64url').toString());
  edit(p);
  return `${hd}.${Buffer.from(JSON.stringify(p)).toString('base64url')}.${sig}`;
};

describe('certificate credentials', () => {
  it('issues a signed OB 3.0 credential that verifies independently, validates against the schema and is named on the PDF', async () => {
    const { student, as, cert, course } = await certified();
    const issued = await as.credentials.issue({ certificateId: cert.id });
    expect(issued.id).toBe(`${PUBLIC}/credentials/${issued.uuid}`);
    const payload = await independentVerify(issued.jwt);
    expect(payload.jti).toBe(issued.id);
    expect(validateSchema(issued.credential), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(issued.credential).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: DID, type: ['Profile'], name: 'MdSC MOOC' },
      credentialSubject: { achievement: { name: course.title, achievementType: 'CertificateOfCompletion' } },
    });
    const ids = (issued.credential as any).credentialSubject.identifier;
    expect(ids[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(issued.credential)).not.toContain('@learning.test'); // the address only hashed
    expect(ids[1]).toMatchObject({ identityType: 'name', identityHash: 'Adjoa Kpégba' });
    expect(await revokedBit(payload)).toBe(false);
    // Same bytes on every download; one record per certificate.
    expect((await as.credentials.issue({ certificateId: cert.id })).jwt).toBe(issued.jwt);
    expect(await Credential.count({ where: { certificateId: cert.id } })).toBe(1);
    // The PDF (rendered by the worker's job) prints the credential id.
    const pdf = path.join(h.storageRoot, 'certificates', `cert-${cert.certificateCode}.pdf`);
    expect(execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')).toContain(issued.id);
    // Nobody else's: another learner gets NOT_FOUND.
    const other = await h.user('student');
    await expectTrpcError(h.caller(other).credentials.issue({ certificateId: cert.id }), 'NOT_FOUND');
    expect(student.id).not.toBe(other.id);
  });

  it('a tampered field fails, both for jose and for credentials.verify', async () => {
    const { as, cert } = await certified();
    const { jwt } = await as.credentials.issue({ certificateId: cert.id });
    const forged = tamper(jwt, (p) => (p.credentialSubject.achievement.name = 'Doctorat en droit'));
    await expect(independentVerify(forged)).rejects.toThrow(/signature/i);
    const r = await h.caller(null).credentials.verify({ jwt: forged });
    expect(r.verdict).toBe('invalid');
    expect(r.checks.find((c) => c.check === 'signature')).toMatchObject({
      outcome: 'failed',
      code: 'bad_signature',
    });
    const ok = await h.caller(null).credentials.verify({ jwt });
    expect(ok.verdict).toBe('valid');
    expect(ok.checks.map((c) => [c.check, c.outcome])).toEqual([
      ['format', 'passed'],
      ['issuer', 'passed'],
      ['signature', 'passed'],
      ['validity', 'passed'],
      ['status', 'passed'],
    ]);
  });

  it('a revoked certificate reads revoked once the status list moved', async () => {
    const { as, cert } = await certified();
    const { jwt } = await as.credentials.issue({ certificateId: cert.id });
    const payload = await independentVerify(jwt);
    expect(await revokedBit(payload)).toBe(false);
    expect((await h.caller(null).credentials.verify({ jwt })).verdict).toBe('valid');
    await h
      .caller(admin)
      .certificates.revoke({ code: cert.certificateCode, reason: 'Fraude à l’évaluation' });
    expect(await revokedBit(payload)).toBe(true);
    const r = await h.caller(null).credentials.verify({ jwt });
    expect(r.verdict).toBe('revoked');
    expect(r.checks.find((c) => c.check === 'status')).toMatchObject({ outcome: 'failed', code: 'revoked' });
    expect(r.checks.find((c) => c.check === 'signature')?.outcome).toBe('passed');
    expect(
      (
        await h
          .caller(null)
          .credentials.byId({ uuid: (await as.credentials.issue({ certificateId: cert.id })).uuid })
      ).status,
    ).toBe('revoked');
  });

  it('a certificate revoked before its credential was ever downloaded is born revoked', async () => {
    const { as, cert } = await certified();
    // Prime the cached status list of the credential's list, then revoke and issue.
    const first = await certified();
    const warm = await first.as.credentials.issue({ certificateId: first.cert.id });
    expect(await revokedBit(await independentVerify(warm.jwt))).toBe(false);
    await Credential.destroy({ where: { certificateId: cert.id } }); // as if the PDF had never been rendered
    await h.caller(admin).certificates.revoke({ code: cert.certificateCode, reason: 'Erreur de saisie' });
    const { jwt } = await as.credentials.issue({ certificateId: cert.id });
    expect(await revokedBit(await independentVerify(jwt))).toBe(true);
    expect((await h.caller(null).credentials.verify({ jwt })).verdict).toBe('revoked');
  });

  it('an expiring certificate says expired once past validUntil (fixed clock)', async () => {
    const { as, cert } = await certified();
    const until = new Date(Date.now() + 30 * 86_400_000);
    await Certificate.update({ expiresAt: until }, { where: { id: cert.id } });
    const { jwt, credential } = await as.credentials.issue({ certificateId: cert.id });
    expect((credential as any).validUntil).toBe(until.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect((await h.caller(null).credentials.verify({ jwt })).verdict).toBe('valid');
    const later = new Date(until.getTime() + 86_400_000);
    h.setNow(later);
    try {
      const r = await h.caller(null).credentials.verify({ jwt });
      expect(r.verdict).toBe('expired');
      expect(r.checks.find((c) => c.check === 'validity')).toMatchObject({
        outcome: 'failed',
        code: 'expired',
      });
      await expect(independentVerify(jwt, later)).rejects.toThrow(/exp/);
    } finally {
      h.setNow(null);
    }
  });

  it('after a key rotation, credentials signed by the retired key still verify; new ones use the new key', async () => {
    const first = await certified();
    const old = await first.as.credentials.issue({ certificateId: first.cert.id });
    useKeys(keyB, { kty: 'OKP', crv: 'Ed25519', x: keyA.x }); // B active, A published without its private part
    try {
      const second = await certified();
      const fresh = await second.as.credentials.issue({ certificateId: second.cert.id });
      expect(decodeProtectedHeader(fresh.jwt).kid).toBe(`${DID}#${keyB.kid}`);
      expect(decodeProtectedHeader(old.jwt).kid).toBe(`${DID}#${keyA.kid}`);
      await independentVerify(old.jwt);
      await independentVerify(fresh.jwt);
      // The stored credential is still served as signed (its key is still published).
      expect((await first.as.credentials.issue({ certificateId: first.cert.id })).jwt).toBe(old.jwt);
      const r = await h.caller(null).credentials.verify({ jwt: old.jwt });
      expect(r.verdict).toBe('valid');
      expect(r.checks.find((c) => c.check === 'issuer')?.code).toBe('retired_key');
      const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string; d?: string }[];
      };
      expect(jwks.keys.map((k) => k.kid)).toEqual([keyB.kid, keyA.kid]);
      expect(jwks.keys.some((k) => 'd' in k)).toBe(false);
      // A key withdrawn from the DID document: its credentials stop verifying and are signed again on download.
      useKeys(keyB);
      expect(
        (await h.caller(null).credentials.verify({ jwt: old.jwt })).checks.find((c) => c.check === 'issuer'),
      ).toMatchObject({
        outcome: 'failed',
        code: 'unknown_key',
      });
      const resigned = await first.as.credentials.issue({ certificateId: first.cert.id });
      expect(decodeProtectedHeader(resigned.jwt).kid).toBe(`${DID}#${keyB.kid}`);
      expect(resigned.id).toBe(old.id);
    } finally {
      useKeys(keyA);
    }
  });
});

describe('badge credentials, baking, JSON and machines', () => {
  it('bakes the badge PNG with the issued JWT; /verify accepts the PNG, the JSON file and the bare credential', async () => {
    const student = await h.user('student', { firstName: 'Koffi', lastName: 'Mensah' });
    const badge = await Badge.create({
      name: `Persévérant ${h.run}`,
      description: 'Sept jours d’affilée',
      iconUrl: null,
      pdfUrl: null,
      category: null,
      criteria: { type: 'daily_streak', value: 7 },
      tier: 'gold',
      isActive: false,
    });
    const ub = await UserBadge.create({ userId: student.id, badgeId: badge.id });
    const as = h.caller(student);
    const issued = await as.credentials.issue({ userBadgeId: ub.id });
    expect(validateSchema(issued.credential), JSON.stringify(validateSchema.errors)).toBe(true);
    await independentVerify(issued.jwt);

    const png = await fetch(`${base}${issued.bakedPngUrl}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(extractBakedCredential(bytes)).toBe(issued.jwt);
    const byPng = await h.caller(null).credentials.verify({ pngBase64: bytes.toString('base64') });
    expect(byPng.verdict).toBe('valid');
    expect(byPng.credential).toMatchObject({
      holderName: 'Koffi Mensah',
      achievementName: badge.name,
      shareUrl: issued.id,
    });

    const file = await (await fetch(`${base}/api/credentials/${issued.uuid}/credential.json`)).json();
    expect(file).toMatchObject({
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${issued.jwt}`,
    });
    expect((await h.caller(null).credentials.verify({ json: file })).verdict).toBe('valid');

    const bare = await h.caller(null).credentials.verify({ json: issued.credential });
    expect(bare.verdict).toBe('valid');
    expect(bare.checks[0]).toMatchObject({ check: 'format', code: 'matches_issued' });
    const edited = structuredClone(issued.credential) as any;
    edited.credentialSubject.achievement.name = 'Autre badge';
    expect((await h.caller(null).credentials.verify({ json: edited })).checks[0]).toMatchObject({
      outcome: 'failed',
      code: 'content_mismatch',
    });

    // A PNG without a credential, garbage text, and a malformed request.
    const plain = await fetch(`${base}/api/credentials/images/badge-${badge.id}.png`);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    expect(
      (await h.caller(null).credentials.verify({ pngBase64: plainBytes.toString('base64') })).checks[0].code,
    ).toBe('png_without_credential');
    expect((await h.caller(null).credentials.verify({ jwt: 'hello' })).verdict).toBe('invalid');
    await expectTrpcError(
      h.caller(null).credentials.verify({ jwt: issued.jwt, pngBase64: 'AAAA' } as never),
      'BAD_REQUEST',
    );
  });

  it('machines call credentials.verify over HTTP; oversized input is refused naming the field', async () => {
    const { as, cert } = await certified();
    const { jwt } = await as.credentials.issue({ certificateId: cert.id });
    const post = (input: unknown) =>
      fetch(`${base}/trpc/credentials.verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    const ok = (await (await post({ jwt })).json()) as { result: { data: { verdict: string } } };
    expect(ok.result.data.verdict).toBe('valid');
    const big = await post({ jwt: 'a'.repeat(70_000) });
    expect(big.status).toBe(400);
    const body = (await big.json()) as {
      error: { data: { zodError: { fieldErrors: Record<string, string[]> } } };
    };
    expect(body.error.data.zodError.fieldErrors.jwt).toEqual(['Too long']);
  });

  it('share page data, LinkedIn link, and a learner-given DID as the subject', async () => {
    const { as, cert, course, student } = await certified();
    const issued = await as.credentials.issue({ certificateId: cert.id });
    const pub = await h.caller(null).credentials.byId({ uuid: issued.uuid });
    expect(pub).toMatchObject({
      status: 'valid',
      holderName: 'Adjoa Kpégba',
      achievementName: course.title,
      issuerDid: DID,
      mine: false,
    });
    const li = new URL(pub.linkedInUrl);
    expect(Object.fromEntries(li.searchParams)).toMatchObject({
      name: course.title,
      organizationName: 'MdSC MOOC',
      certUrl: issued.id,
      certId: cert.certificateNumber!,
      issueYear: String(new Date(cert.issuedAt).getUTCFullYear()),
    });
    await expectTrpcError(
      as.credentials.setSubjectDid({ uuid: issued.uuid, did: 'mailto:x@y.z' }),
      'BAD_REQUEST',
      'did',
    );
    await expectTrpcError(
      h.caller(await h.user('student')).credentials.setSubjectDid({ uuid: issued.uuid, did: 'did:key:z6Mk' }),
      'NOT_FOUND',
    );
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    await as.credentials.setSubjectDid({ uuid: issued.uuid, did });
    const again = await as.credentials.issue({ certificateId: cert.id });
    expect(again.id).toBe(issued.id);
    const payload = await independentVerify(again.jwt);
    expect(payload.sub).toBe(did);
    expect((await h.caller(student).credentials.byId({ uuid: issued.uuid })).subjectDid).toBe(did);
  });
});
