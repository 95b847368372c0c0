// Verification of a credential, for the /verify page and for machines: each step is reported with
// its outcome. Works offline: the issuer must be this platform (its did:web) and the key one of the
// keys it publishes (active or retired); the status is read from our own signed status list.
import { Credential } from '@mdsc/db';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { CoreDeps } from '../deps';
import { decodeStatusList, statusBit } from './bitstring';
import { credentialFromPayload } from './jwt';
import { extractBakedCredential, isPng } from './png';
import { credentialUrls, getStatusListJwt, issuerDid, issuerKeys } from './credential.service';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'logger'>;

export type CheckName = 'format' | 'issuer' | 'signature' | 'validity' | 'status';
export type CheckOutcome = 'passed' | 'failed' | 'skipped';
export interface VerificationCheck {
  check: CheckName;
  outcome: CheckOutcome;
  /** Why, as a stable code the web app translates (e.g. `bad_signature`, `expired`). */
  code: string;
}
export type Verdict = 'valid' | 'invalid' | 'expired' | 'not_yet_valid' | 'revoked';
export interface CredentialVerificationDto {
  verdict: Verdict;
  checks: VerificationCheck[];
  credential: {
    id: string | null;
    name: string | null;
    achievementName: string | null;
    issuerName: string | null;
    issuerId: string | null;
    holderName: string | null;
    validFrom: string | null;
    validUntil: string | null;
    /** Our share page, when the credential is one of ours. */
    shareUrl: string | null;
  } | null;
}

export type VerifyInput = { jwt: string } | { json: unknown } | { png: Buffer };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPED_PREFIX = 'data:application/vc+jwt,';

/** Turns whatever was uploaded into a compact JWT, or says why it cannot. */
async function toJwt(
  input: VerifyInput,
): Promise<{ jwt: string; expect?: Record<string, unknown> } | { error: string }> {
  if ('png' in input) {
    if (!isPng(input.png)) return { error: 'not_png' };
    let text: string | null;
    try {
      text = extractBakedCredential(input.png);
    } catch {
      return { error: 'bad_png' };
    }
    if (!text) return { error: 'png_without_credential' };
    return toJwt({ jwt: text.trim() });
  }
  if ('jwt' in input) {
    const t = input.jwt.trim();
    if (t.startsWith('{') || t.startsWith('"')) {
      try {
        return toJwt({ json: JSON.parse(t) });
      } catch {
        return { error: 'not_json' };
      }
    }
    return COMPACT_JWS.test(t) ? { jwt: t } : { error: 'not_a_credential' };
  }
  const j = input.json;
  if (typeof j === 'string') return toJwt({ jwt: j });
  if (!j || typeof j !== 'object' || Array.isArray(j)) return { error: 'not_a_credential' };
  const o = j as Record<string, unknown>;
  // VC 2.0 EnvelopedVerifiableCredential: the JWT rides in a data: URL.
  const types = ([] as unknown[]).concat(o.type ?? []);
  if (
    types.includes('EnvelopedVerifiableCredential') &&
    typeof o.id === 'string' &&
    o.id.startsWith(ENVELOPED_PREFIX)
  ) {
    return toJwt({ jwt: o.id.slice(ENVELOPED_PREFIX.length) });
  }
  // A bare credential carries no proof of its own: it is checked against the signed one we issued
  // under that id, and must equal it field for field.
  if (typeof o.id === 'string' && types.includes('VerifiableCredential')) {
    const prefix = credentialUrls('http://x').credential('').replace('http://x', '');
    const pathPart = (() => {
      try {
        return new URL(o.id).pathname;
      } catch {
        return '';
      }
    })();
    const uuid = pathPart.startsWith(prefix) ? pathPart.slice(prefix.length) : '';
    const row = /^[0-9a-f-]{36}$/.test(uuid)
      ? await Credential.findOne({ where: { uuid }, attributes: ['jwt'] })
      : null;
    if (!row?.jwt) return { error: 'no_proof' };
    return { jwt: row.jwt, expect: o };
  }
  return { error: 'not_a_credential' };
}

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

function summary(
  deps: Deps,
  vc: Record<string, unknown>,
): NonNullable<CredentialVerificationDto['credential']> {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const issuer = vc.issuer as Record<string, unknown> | string | undefined;
  const subject = (vc.credentialSubject ?? {}) as Record<string, unknown>;
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const ids = Array.isArray(subject.identifier) ? (subject.identifier as Record<string, unknown>[]) : [];
  const holder = ids.find((i) => i.identityType === 'name' && i.hashed === false);
  const id = str(vc.id);
  const ours = credentialUrls(deps.config.publicUrl).credential('');
  return {
    id,
    name: str(vc.name),
    achievementName: str(achievement.name),
    issuerName: typeof issuer === 'object' ? str(issuer?.name) : null,
    issuerId: typeof issuer === 'string' ? issuer : str(issuer?.id),
    holderName: str(holder?.identityHash),
    validFrom: str(vc.validFrom),
    validUntil: str(vc.validUntil),
    shareUrl: id && id.startsWith(ours) ? id : null,
  };
}

// The last verified status lists, by their JWT: the same signed list is checked and inflated once.
const listCache = new Map<string, Buffer>();
async function verifiedStatusList(listJwt: string, keys: ReturnType<typeof issuerKeys>): Promise<Buffer> {
  const hit = listCache.get(listJwt);
  if (hit) return hit;
  const [, listKid] = String(decodeProtectedHeader(listJwt).kid ?? '').split('#');
  const listKey = keys.all.find((k) => k.kid === listKid);
  if (!listKey) throw new Error('status list key not published');
  const verified = await compactVerify(listJwt, listKey.publicKey, { algorithms: ['EdDSA'] });
  const list = JSON.parse(new TextDecoder().decode(verified.payload)) as {
    credentialSubject?: { encodedList?: string };
  };
  const bits = decodeStatusList(String(list.credentialSubject?.encodedList));
  if (listCache.size >= 8) listCache.delete(listCache.keys().next().value!);
  listCache.set(listJwt, bits);
  return bits;
}

export async function verifyCredential(deps: Deps, input: VerifyInput): Promise<CredentialVerificationDto> {
  const checks: VerificationCheck[] = [];
  const add = (check: CheckName, outcome: CheckOutcome, code: string) =>
    checks.push({ check, outcome, code });
  const rest = (from: CheckName[], code = 'not_checked') => from.forEach((c) => add(c, 'skipped', code));
  const invalid = (vc: Record<string, unknown> | null): CredentialVerificationDto => ({
    verdict: 'invalid',
    checks,
    credential: vc ? summary(deps, vc) : null,
  });

  // 1. Format: a compact JWS whose payload is a Verifiable Credential of an Open Badge.
  const got = await toJwt(input);
  if ('error' in got) {
    add('format', 'failed', got.error);
    rest(['issuer', 'signature', 'validity', 'status']);
    return invalid(null);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(got.jwt);
    payload = decodeJwt(got.jwt) as Record<string, unknown>;
  } catch {
    add('format', 'failed', 'not_a_jwt');
    rest(['issuer', 'signature', 'validity', 'status']);
    return invalid(null);
  }
  const vc = credentialFromPayload(payload);
  const types = ([] as unknown[]).concat(vc.type ?? []);
  const contexts = ([] as unknown[]).concat(vc['@context'] ?? []);
  const issuerId =
    typeof vc.issuer === 'string' ? vc.issuer : (vc.issuer as { id?: unknown } | undefined)?.id;
  if (
    header.alg !== 'EdDSA' ||
    contexts[0] !== 'https://www.w3.org/ns/credentials/v2' ||
    !types.includes('VerifiableCredential') ||
    !(types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
  ) {
    add('format', 'failed', 'not_an_open_badge');
    rest(['issuer', 'signature', 'validity', 'status']);
    return invalid(vc);
  }
  if (payload.jti !== vc.id || payload.iss !== issuerId) {
    add('format', 'failed', 'claims_mismatch');
    rest(['issuer', 'signature', 'validity', 'status']);
    return invalid(vc);
  }
  if (got.expect && canonical(got.expect) !== canonical(vc)) {
    add('format', 'failed', 'content_mismatch');
    rest(['issuer', 'signature', 'validity', 'status']);
    return invalid(vc);
  }
  add('format', 'passed', got.expect ? 'matches_issued' : 'open_badge_3');

  // 2. Issuer: our did:web, and a key our DID document lists (retired keys included).
  const did = issuerDid(deps);
  const keys = issuerKeys(deps);
  const [kidDid, kid] = String(header.kid ?? '').split('#');
  const key = kidDid === did && issuerId === did ? keys.all.find((k) => k.kid === kid) : undefined;
  if (!key) {
    add('issuer', 'failed', issuerId !== did || kidDid !== did ? 'unknown_issuer' : 'unknown_key');
    rest(['signature', 'validity', 'status']);
    return invalid(vc);
  }
  add('issuer', 'passed', key.kid === keys.active.kid ? 'active_key' : 'retired_key');

  // 3. Signature.
  try {
    await compactVerify(got.jwt, key.publicKey, { algorithms: ['EdDSA'] });
    add('signature', 'passed', 'ed25519');
  } catch {
    add('signature', 'failed', 'bad_signature');
    rest(['validity', 'status']);
    return invalid(vc);
  }

  // 4. Validity period.
  const now = deps.clock.now().getTime();
  const from = Date.parse(String(vc.validFrom));
  const until = vc.validUntil ? Date.parse(String(vc.validUntil)) : null;
  let dated: Verdict = 'valid';
  if (Number.isNaN(from) || (until !== null && Number.isNaN(until))) {
    add('validity', 'failed', 'bad_dates');
    dated = 'invalid';
  } else if (now < from) {
    add('validity', 'failed', 'not_yet_valid');
    dated = 'not_yet_valid';
  } else if (until !== null && now >= until) {
    add('validity', 'failed', 'expired');
    dated = 'expired';
  } else add('validity', 'passed', until === null ? 'no_expiry' : 'in_period');

  // 5. Status: the bit at statusListIndex of our signed status list.
  let revoked = false;
  const status = vc.credentialStatus as Record<string, unknown> | undefined;
  if (!status) add('status', 'skipped', 'no_status');
  else {
    const listUrl = String(status.statusListCredential ?? '');
    const prefix = credentialUrls(deps.config.publicUrl).statusList(0).replace(/0$/, '');
    const listId = listUrl.startsWith(prefix) ? Number(listUrl.slice(prefix.length)) : NaN;
    const index = Number(status.statusListIndex);
    const listJwt =
      status.type === 'BitstringStatusListEntry' &&
      status.statusPurpose === 'revocation' &&
      Number.isInteger(listId) &&
      listId > 0
        ? await getStatusListJwt(deps, listId)
        : null;
    if (!listJwt || !Number.isInteger(index)) add('status', 'failed', 'unknown_status_list');
    else {
      try {
        revoked = statusBit(await verifiedStatusList(listJwt, keys), index);
        add('status', revoked ? 'failed' : 'passed', revoked ? 'revoked' : 'not_revoked');
      } catch (err) {
        deps.logger.warn({ err }, 'status list check failed');
        add('status', 'failed', 'unknown_status_list');
      }
    }
  }
  const statusFailed = checks.some(
    (c) => c.check === 'status' && c.outcome === 'failed' && c.code !== 'revoked',
  );
  const verdict: Verdict = revoked ? 'revoked' : statusFailed ? 'invalid' : dated;
  return { verdict, checks, credential: summary(deps, vc) };
}
