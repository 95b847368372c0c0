// Pure parts of the verifiable credentials: keys and DID, the OB 3.0 JSON against the bundled
// schema, the JWT read back by jose alone, status list bits, PNG baking.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeStatusList, encodeStatusList, STATUS_LIST_BITS, statusBit } from './bitstring';
import {
  buildOpenBadgeCredential,
  buildStatusListCredential,
  identityHash,
  type CredentialData,
} from './build';
import { bundledContexts } from './contexts';
import { achievementPng } from './images';
import { credentialFromPayload, signCredentialJwt } from './jwt';
import { didDocument, didWebFor, generateIssuerJwk, jwkThumbprint, parseIssuerKeys } from './keys';
import { bakePng, extractBakedCredential } from './png';

const schema = JSON.parse(
  readFileSync(new URL('./schema/ob_v3p0_achievementcredential_schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const sample = (over: Partial<CredentialData> = {}): CredentialData => ({
  id: 'https://mooc.example/credentials/7c2f1f53-96c8-4d4e-9f0e-3b8a1c2d4e5f',
  name: 'Certificat de réussite — Gouvernance',
  description: { fr: 'Certificat', en: 'Certificate' },
  issuer: { did: 'did:web:mooc.example', url: 'https://mooc.example' },
  achievement: {
    id: 'https://mooc.example/api/credentials/achievements/certificate-4.json',
    name: 'Gouvernance associative',
    description: { fr: 'Description', en: 'Description' },
    criteria: {
      id: 'https://mooc.example/courses/gouvernance',
      narrative: { fr: 'Terminer', en: 'Complete' },
    },
    imageUrl: 'https://mooc.example/api/credentials/images/certificate-4.png',
    achievementType: 'CertificateOfCompletion',
  },
  subject: {
    id: 'urn:uuid:0b7e2a4c-2f3b-4b7a-9c1d-8e9f0a1b2c3d',
    email: ' Adjoa@Example.org',
    salt: 'c0ffee',
    name: 'Adjoa Kpégba',
  },
  validFrom: new Date('2026-05-04T10:11:12.345Z'),
  validUntil: null,
  status: { listUrl: 'https://mooc.example/api/credentials/status/1', index: 4242 },
  ...over,
});

describe('issuer keys and DID', () => {
  it('derives did:web from PUBLIC_URL, encoding the port as %3A', () => {
    expect(didWebFor('https://mooc.example.org')).toBe('did:web:mooc.example.org');
    expect(didWebFor('http://localhost:5173/')).toBe('did:web:localhost%3A5173');
  });

  it('takes the first key as active, accepts public-only retired keys, refuses bad lists naming the key', () => {
    const a = generateIssuerJwk();
    const b = generateIssuerJwk();
    const keys = parseIssuerKeys(JSON.stringify([a, { kty: 'OKP', crv: 'Ed25519', x: b.x }]));
    expect(keys.active.kid).toBe(jwkThumbprint(a));
    expect(keys.all.map((k) => k.kid)).toEqual([a.kid, b.kid]);
    expect(parseIssuerKeys(JSON.stringify({ keys: [a] })).active.kid).toBe(a.kid);
    expect(() => parseIssuerKeys(JSON.stringify([{ kty: 'OKP', crv: 'Ed25519', x: b.x }]))).toThrow(
      /key 1 .*private part/,
    );
    expect(() => parseIssuerKeys(JSON.stringify([a, { kty: 'EC', crv: 'P-256', x: 'x' }]))).toThrow(
      /key 2: must be an Ed25519 key/,
    );
    expect(() => parseIssuerKeys(JSON.stringify([{ ...a, d: b.d }]))).toThrow(/"d" does not belong to "x"/);
    expect(() => parseIssuerKeys(JSON.stringify([a, a]))).toThrow(/twice/);
    expect(() => parseIssuerKeys('not json')).toThrow(/JSON/);
  });

  it('publishes every key in the DID document and never a private part', () => {
    const keys = parseIssuerKeys(JSON.stringify([generateIssuerJwk(), generateIssuerJwk()]));
    const doc = didDocument('did:web:mooc.example', keys);
    expect(doc.verificationMethod).toHaveLength(2);
    expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((m) => m.id));
    expect(JSON.stringify(doc)).not.toContain('"d"');
  });
});

describe('OpenBadgeCredential', () => {
  it('validates against the bundled OB 3.0 AchievementCredential schema', () => {
    const vc = buildOpenBadgeCredential(sample({ validUntil: new Date('2028-01-01T00:00:00Z') }));
    expect(validate(vc), JSON.stringify(validate.errors)).toBe(true);
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(vc.validFrom).toBe('2026-05-04T10:11:12Z');
    expect(vc.validUntil).toBe('2028-01-01T00:00:00Z');
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusListIndex: '4242' });
  });

  it('the schema really checks: a credential without validFrom or with a bad identity fails', () => {
    const vc = buildOpenBadgeCredential(sample()) as Record<string, unknown>;
    const { validFrom: _drop, ...noDate } = vc;
    expect(validate(noDate)).toBe(false);
    const bad = structuredClone(vc) as { credentialSubject: { identifier: Record<string, unknown>[] } };
    bad.credentialSubject.identifier[0].identityType = 'shoeSize';
    expect(validate(bad)).toBe(false);
  });

  it('hashes the e-mail as OB IdentityHash: sha256 of the address then the salt', () => {
    expect(identityHash('a@example.com', 'Kosher')).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
  });

  it('signs a VC-JOSE JWT that jose alone verifies with the DID document key', async () => {
    const keys = parseIssuerKeys(JSON.stringify([generateIssuerJwk()]));
    const did = 'did:web:mooc.example';
    const vc = buildOpenBadgeCredential(sample());
    const { jwt } = await signCredentialJwt(vc, did, keys);
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: 'EdDSA', kid: `${did}#${keys.active.kid}`, typ: 'vc+jwt', cty: 'vc' });
    const method = didDocument(did, keys).verificationMethod.find((m) => m.id === header.kid)!;
    const { payload } = await jwtVerify(jwt, await importJWK(method.publicKeyJwk, 'EdDSA'), { issuer: did });
    expect(payload.jti).toBe(vc.id);
    expect(payload.nbf).toBe(Date.parse(vc.validFrom) / 1000);
    expect(credentialFromPayload(payload as Record<string, unknown>)).toEqual(vc);
    // Ed25519 is deterministic: the same credential signs to the same bytes.
    expect((await signCredentialJwt(vc, did, keys)).jwt).toBe(jwt);
  });
});

/**
 * The terms of `node` that the bundled contexts leave to `@vocab` (JSON-LD 1.1: type-scoped
 * contexts apply to the node of that type only; top-level terms everywhere).
 */
function undefinedTerms(node: unknown, where = '$'): string[] {
  const ctx = Object.values(bundledContexts()).map((c) => c['@context']);
  const top = new Set(ctx.flatMap((c) => Object.keys(c)));
  const walk = (n: unknown, at: string): string[] => {
    if (Array.isArray(n)) return n.flatMap((x, i) => walk(x, `${at}[${i}]`));
    if (!n || typeof n !== 'object') return [];
    const o = n as Record<string, unknown>;
    const scoped = new Set<string>();
    for (const ty of ([] as unknown[]).concat(o.type ?? [])) {
      for (const c of ctx) {
        const def = c[String(ty)] as { '@context'?: Record<string, unknown> } | undefined;
        for (const k of Object.keys(def?.['@context'] ?? {})) scoped.add(k);
      }
    }
    return Object.entries(o).flatMap(([k, v]) => [
      ...(k === '@context' || top.has(k) || scoped.has(k) ? [] : [`${at}.${k}`]),
      ...(k === '@context' ? [] : walk(v, `${at}.${k}`)),
    ]);
  };
  return walk(node, where);
}

describe('bundled JSON-LD contexts', () => {
  it('define every term our credentials use (nothing falls back to @vocab)', () => {
    const vc = buildOpenBadgeCredential(sample({ validUntil: new Date('2028-01-01T00:00:00Z') }));
    expect(undefinedTerms(vc)).toEqual([]);
    const list = buildStatusListCredential({
      url: 'https://m.example/s/1',
      did: 'did:web:m.example',
      validFrom: new Date(0),
      encodedList: 'uX',
    });
    expect(undefinedTerms(list)).toEqual([]);
    // The check can fail: a misspelt term is reported.
    expect(undefinedTerms({ ...vc, validFro: 'x' })).toEqual(['$.validFro']);
  });
});

describe('Bitstring Status List', () => {
  it('sets the bits given (index 0 = leftmost), 131,072 bits, gzip + multibase base64url', () => {
    const encoded = encodeStatusList([0, 7, 4242, STATUS_LIST_BITS - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(raw.length * 8).toBe(STATUS_LIST_BITS);
    expect(raw[0]).toBe(0b1000_0001);
    const list = decodeStatusList(encoded);
    expect([0, 7, 4242, STATUS_LIST_BITS - 1].every((i) => statusBit(list, i))).toBe(true);
    expect([1, 8, 4241, 4243].some((i) => statusBit(list, i))).toBe(false);
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(RangeError);
  });

  it('builds a BitstringStatusListCredential', () => {
    const vc = buildStatusListCredential({
      url: 'https://m.example/api/credentials/status/1',
      did: 'did:web:m.example',
      validFrom: new Date(0),
      encodedList: 'uX',
    });
    expect(vc.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(vc.credentialSubject).toMatchObject({
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: 'uX',
    });
  });
});

describe('PNG baking', () => {
  it('round-trips the JWT in an iTXt openbadgecredential chunk; the image still decodes; baking twice replaces', async () => {
    const png = await achievementPng('gold');
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOngifQ.c2ln';
    const baked = bakePng(png, jwt);
    expect(extractBakedCredential(baked)).toBe(jwt);
    expect(extractBakedCredential(png)).toBeNull();
    const meta = await sharp(baked).metadata();
    expect(meta.format).toBe('png');
    const again = bakePng(baked, 'other.jwt.text');
    expect(extractBakedCredential(again)).toBe('other.jwt.text');
    expect(again.length).toBeLessThan(baked.length); // replaced, not appended
    expect(baked.includes(Buffer.from('iTXtopenbadgecredential\0\0\0\0\0', 'latin1'))).toBe(true);
  });

  it('refuses a PNG whose chunk CRC was altered', async () => {
    const baked = Buffer.from(bakePng(await achievementPng('bronze'), 'a.b.c'));
    const at = baked.indexOf('openbadgecredential');
    baked[at + 30] ^= 0xff;
    expect(() => extractBakedCredential(baked)).toThrow(/CRC/);
  });
});
