// The platform's issuer identity: Ed25519 keys (one active, older ones kept so that what they
// signed still verifies), the did:web DID derived from PUBLIC_URL, its DID document and JWKS.
// Keys come from configuration (full mode: CREDENTIALS_SIGNING_KEYS) or from a file generated on
// first start under DATA_DIR (embedded mode); never from the repository.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A public or private Ed25519 JWK (OKP). */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  kid?: string;
}

export interface IssuerKey {
  /** RFC 7638 thumbprint of the public key: the fragment of its verification method. */
  kid: string;
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  publicKey: KeyObject;
  /** Absent for a retired key given without its private part (it verifies, never signs). */
  privateKey?: KeyObject;
}

export interface IssuerKeys {
  /** Signs everything new. */
  active: IssuerKey & { privateKey: KeyObject };
  /** Every published key, the active one first. */
  all: IssuerKey[];
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** RFC 7638 thumbprint (SHA-256, base64url) of an OKP public key. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

function toIssuerKey(raw: unknown, where: string): IssuerKey {
  const j = raw as Partial<Ed25519Jwk> | null;
  if (!j || typeof j !== 'object') throw new Error(`${where}: not a JSON object`);
  if (j.kty !== 'OKP' || j.crv !== 'Ed25519')
    throw new Error(`${where}: must be an Ed25519 key (kty "OKP", crv "Ed25519")`);
  if (typeof j.x !== 'string' || !B64URL.test(j.x) || Buffer.from(j.x, 'base64url').length !== 32) {
    throw new Error(`${where}: "x" must be the 32-byte public key in base64url`);
  }
  if (
    j.d !== undefined &&
    (typeof j.d !== 'string' || !B64URL.test(j.d) || Buffer.from(j.d, 'base64url').length !== 32)
  ) {
    throw new Error(`${where}: "d" must be the 32-byte private key in base64url`);
  }
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: j.x };
  const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
  let privateKey: KeyObject | undefined;
  if (j.d) {
    privateKey = createPrivateKey({ key: { ...publicJwk, d: j.d }, format: 'jwk' });
    // A private part that does not match its public part would sign what nobody can verify.
    const derived = createPublicKey(privateKey).export({ format: 'jwk' }) as { x?: string };
    if (derived.x !== j.x) throw new Error(`${where}: "d" does not belong to "x"`);
  }
  return { kid: jwkThumbprint(publicJwk), publicJwk, publicKey, privateKey };
}

/**
 * Parses a key list: a JSON array of JWKs or a JWKS (`{"keys": [...]}`). The first key is the
 * active one and must carry its private part `d`; the others may be public only.
 */
export function parseIssuerKeys(json: string): IssuerKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON (expected a JSON array of Ed25519 JWKs)');
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || list.length === 0)
    throw new Error('expected a non-empty JSON array of Ed25519 JWKs');
  const all = list.map((k, i) => toIssuerKey(k, `key ${i + 1}`));
  const seen = new Set<string>();
  for (const k of all) {
    if (seen.has(k.kid)) throw new Error(`the same key is listed twice (${k.kid})`);
    seen.add(k.kid);
  }
  const active = all[0];
  if (!active.privateKey) throw new Error('key 1 is the active signing key and needs its private part "d"');
  return { active: active as IssuerKeys['active'], all };
}

/** A fresh Ed25519 key as a private JWK. */
export function generateIssuerJwk(): Ed25519Jwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x: jwk.x,
    d: jwk.d,
    kid: jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }),
  };
}

export const issuerKeyFile = (dataDir: string) => path.join(dataDir, 'credentials', 'issuer-keys.json');

/**
 * Embedded mode: the key file under DATA_DIR, created with one fresh key on first start (0600).
 * The `wx` flag makes two processes starting at once agree on one file.
 */
export function loadOrCreateIssuerKeyFile(dataDir: string): {
  keys: IssuerKeys;
  created: boolean;
  file: string;
} {
  const file = issuerKeyFile(dataDir);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${JSON.stringify({ keys: [generateIssuerJwk()] }, null, 2)}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  try {
    return { keys: parseIssuerKeys(fs.readFileSync(file, 'utf8')), created, file };
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

/** Rotation in embedded mode: a new active key goes first, the previous ones stay (they still verify). */
export function rotateIssuerKeyFile(dataDir: string): { kid: string; file: string } {
  const { file } = loadOrCreateIssuerKeyFile(dataDir);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: Ed25519Jwk[] };
  const fresh = generateIssuerJwk();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ keys: [fresh, ...current.keys] }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { kid: fresh.kid!, file };
}

/**
 * did:web of PUBLIC_URL's host (a port is written `%3A<port>`, as the did:web method requires).
 * Only the origin counts: the DID document is served at `/.well-known/did.json`.
 */
export function didWebFor(publicUrl: string): string {
  const u = new URL(publicUrl);
  return `did:web:${u.hostname}${u.port ? `%3A${u.port}` : ''}`;
}

export const verificationMethodId = (did: string, kid: string) => `${did}#${kid}`;

export function didDocument(did: string, keys: IssuerKeys) {
  const methods = keys.all.map((k) => ({
    id: verificationMethodId(did, k.kid),
    type: 'JsonWebKey2020',
    controller: did,
    publicKeyJwk: k.publicJwk,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: methods,
    // Retired keys stay assertion methods: credentials they signed remain valid.
    assertionMethod: methods.map((m) => m.id),
  };
}

export function jwks(keys: IssuerKeys) {
  return { keys: keys.all.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: 'EdDSA', use: 'sig' })) };
}
