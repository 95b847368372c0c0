// Verifiable credentials of certificates and badge awards: the record (uuid, status slot, salt) is
// created once, the signed JWT on first download and kept; revocation flips the credential's bit
// in its Bitstring Status List, whose signed credential is rebuilt when its revision moved.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  Badge,
  Certificate,
  Course,
  Credential,
  CredentialStatusList,
  sqlInsert,
  sqlRows,
  sqlRun,
  User,
  UserBadge,
  type CredentialKind,
} from '@mdsc/db';
import { decodeProtectedHeader } from 'jose';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { encodeStatusList, STATUS_LIST_BITS } from './bitstring';
import {
  buildOpenBadgeCredential,
  buildStatusListCredential,
  ISSUER_NAME,
  type AchievementData,
} from './build';
import { signCredentialJwt } from './jwt';
import { didWebFor, type IssuerKeys } from './keys';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'logger'>;

/** Credentials per status list before a new list is opened: half full keeps random slots cheap to find. */
export const CREDENTIALS_PER_LIST = STATUS_LIST_BITS / 2;
/** A signed status list older than this is rebuilt even if no revocation moved its revision. */
export const STATUS_LIST_MAX_AGE_MS = 10 * 60_000;

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');
export const credentialUrls = (publicUrl: string) => ({
  credential: (uuid: string) => `${base(publicUrl)}/credentials/${uuid}`,
  statusList: (list: number) => `${base(publicUrl)}/api/credentials/status/${list}`,
  image: (kind: CredentialKind, id: number) => `${base(publicUrl)}/api/credentials/images/${kind}-${id}.png`,
  achievement: (kind: CredentialKind, id: number) =>
    `${base(publicUrl)}/api/credentials/achievements/${kind}-${id}.json`,
  bakedPng: (uuid: string) => `/api/credentials/${uuid}/badge.png`,
});

export function issuerKeys(deps: Pick<CoreDeps, 'config'>): IssuerKeys {
  const keys = deps.config.credentials?.keys;
  if (!keys) throw new Error('Verifiable credentials need signing keys (config.credentials.keys)');
  return keys;
}

export const issuerDid = (deps: Pick<CoreDeps, 'config'>) => didWebFor(deps.config.publicUrl);

const fullName = (u: Pick<User, 'firstName' | 'lastName'> | null | undefined) =>
  `${u?.firstName ?? ''} ${u?.lastName ?? ''}`.trim();

/** A credential record as the services use it: plain fields (a Credential instance fits too). */
export type CredentialRecord = Pick<
  Credential,
  | 'id'
  | 'uuid'
  | 'kind'
  | 'certificateId'
  | 'userBadgeId'
  | 'userId'
  | 'subjectRef'
  | 'subjectDid'
  | 'identitySalt'
  | 'statusList'
  | 'statusIndex'
  | 'revokedAt'
  | 'jwt'
  | 'signedKid'
  | 'signedAt'
>;

interface CredentialRow {
  id: number;
  uuid: string;
  kind: CredentialKind;
  certificate_id: number | null;
  user_badge_id: number | null;
  user_id: number | null;
  subject_ref: string;
  subject_did: string | null;
  identity_salt: string;
  status_list: number;
  status_index: number;
  revoked_at: Date | string | null;
  jwt: string | null;
  signed_kid: string | null;
  signed_at: Date | string | null;
}

const CREDENTIAL_COLUMNS =
  'id, uuid, kind, certificate_id, user_badge_id, user_id, subject_ref, subject_did, identity_salt, ' +
  'status_list, status_index, revoked_at, jwt, signed_kid, signed_at';

const dateOrNull = (v: Date | string | null): Date | null => {
  if (v === null || v instanceof Date) return v;
  const iso = toIso(v);
  return iso ? new Date(iso) : null;
};
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

const fromRow = (r: CredentialRow): CredentialRecord => ({
  id: Number(r.id),
  uuid: r.uuid,
  kind: r.kind,
  certificateId: numOrNull(r.certificate_id),
  userBadgeId: numOrNull(r.user_badge_id),
  userId: numOrNull(r.user_id),
  subjectRef: r.subject_ref,
  subjectDid: r.subject_did,
  identitySalt: r.identity_salt,
  statusList: Number(r.status_list),
  statusIndex: Number(r.status_index),
  revokedAt: dateOrNull(r.revoked_at),
  jwt: r.jwt,
  signedKid: r.signed_kid,
  signedAt: dateOrNull(r.signed_at),
});

/** A free random slot (random allocation: the position says nothing about when it was issued). */
async function allocateSlot(deps: Deps): Promise<{ statusList: number; statusIndex: number }> {
  // The highest id stands for the count (read from the primary key, where COUNT(*) scans).
  const [row] = await sqlRows<{ total: number | string | null }>(deps.db, 'SELECT MAX(id) AS total FROM credentials', []);
  const total = Number(row?.total ?? 0);
  const statusList = 1 + Math.floor(total / CREDENTIALS_PER_LIST);
  const now = deps.clock.now();
  await sqlRun(
    deps.db,
    `INSERT ${deps.db.dialect === 'mysql' ? 'IGNORE' : 'OR IGNORE'} INTO credential_status_lists (id, revision, jwt, jwt_revision, created_at, updated_at)
     VALUES (?, 0, NULL, NULL, ?, ?)`,
    [statusList, now, now],
  );
  return { statusList, statusIndex: randomInt(STATUS_LIST_BITS) };
}

/**
 * The credential record of a certificate or badge award, created if missing. Unique keys on the
 * certificate, the award and the (list, index) slot make concurrent calls and slot collisions
 * harmless: the loser reads the winner's row or draws another slot. Plain statements and rows (the
 * worker creates one per certificate it renders).
 */
async function ensureRecord(
  deps: Deps,
  ref:
    | {
        kind: 'certificate';
        certificateId: number;
        known?: Pick<Certificate, 'userId' | 'isValid' | 'revokedAt'> & { credentialMissing?: boolean };
      }
    | { kind: 'badge'; userBadgeId: number },
): Promise<CredentialRecord> {
  const [column, refId] =
    ref.kind === 'certificate' ? ['certificate_id', ref.certificateId] : ['user_badge_id', ref.userBadgeId];
  for (let attempt = 0; attempt < 20; attempt++) {
    const skipLookup = attempt === 0 && ref.kind === 'certificate' && ref.known?.credentialMissing;
    if (!skipLookup) {
      const [existing] = await sqlRows<CredentialRow>(
        deps.db,
        `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE ${column} = ? LIMIT 1`,
        [refId],
      );
      if (existing) return fromRow(existing);
    }
    let userId: number;
    let revokedAt: Date | null = null;
    if (ref.kind === 'certificate') {
      // The caller's row when it has just loaded it (the worker's rendering): one query less.
      let cert = ref.known;
      if (!cert) {
        const [row] = await sqlRows<{ user_id: number; is_valid: number | boolean; revoked_at: Date | string | null }>(
          deps.db,
          'SELECT user_id, is_valid, revoked_at FROM certificates WHERE id = ?',
          [ref.certificateId],
        );
        if (row) cert = { userId: Number(row.user_id), isValid: !!row.is_valid, revokedAt: dateOrNull(row.revoked_at) };
      }
      if (!cert) throw new NotFoundError('Certificate');
      userId = cert.userId;
      if (!cert.isValid) revokedAt = cert.revokedAt ?? deps.clock.now();
    } else {
      const [ub] = await sqlRows<{ user_id: number }>(deps.db, 'SELECT user_id FROM user_badges WHERE id = ?', [
        ref.userBadgeId,
      ]);
      if (!ub) throw new NotFoundError('Badge');
      userId = Number(ub.user_id);
    }
    const slot = await allocateSlot(deps);
    const record: Omit<CredentialRecord, 'id'> = {
      uuid: randomUUID(),
      kind: ref.kind,
      certificateId: ref.kind === 'certificate' ? ref.certificateId : null,
      userBadgeId: ref.kind === 'badge' ? ref.userBadgeId : null,
      userId,
      subjectRef: randomUUID(),
      subjectDid: null,
      identitySalt: randomBytes(16).toString('hex'),
      ...slot,
      revokedAt,
      jwt: null,
      signedKid: null,
      signedAt: null,
    };
    try {
      const id = await sqlInsert(
        deps.db,
        `INSERT INTO credentials (uuid, kind, certificate_id, user_badge_id, user_id, subject_ref, subject_did, identity_salt,
                                  status_list, status_index, revoked_at, jwt, signed_kid, signed_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, NULL, NULL, ?)`,
        [
          record.uuid,
          record.kind,
          record.certificateId,
          record.userBadgeId,
          userId,
          record.subjectRef,
          record.identitySalt,
          slot.statusList,
          slot.statusIndex,
          revokedAt,
          deps.clock.now(),
        ],
      );
      // Born revoked (its certificate was revoked before anyone downloaded it): the list moves.
      if (revokedAt)
        await sqlRun(deps.db, 'UPDATE credential_status_lists SET revision = revision + 1 WHERE id = ?', [slot.statusList]);
      return { id, ...record };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      // Someone created it meanwhile, or the slot was taken: look again / draw again.
    }
  }
  throw new Error('could not allocate a status list slot');
}

export const ensureCertificateCredential = (
  deps: Deps,
  certificateId: number,
  known?: Pick<Certificate, 'userId' | 'isValid' | 'revokedAt'> & {
    /** The caller has just read that the certificate has no credential: skip the first lookup. */
    credentialMissing?: boolean;
  },
) => ensureRecord(deps, { kind: 'certificate', certificateId, known });
export const ensureBadgeCredential = (deps: Deps, userBadgeId: number) =>
  ensureRecord(deps, { kind: 'badge', userBadgeId });

const T = {
  certificate: {
    name: (course: string) => ({
      fr: `Certificat de réussite — ${course}`,
      en: `Certificate of completion — ${course}`,
    }),
    description: (course: string) => ({
      fr: `Certificat délivré par ${ISSUER_NAME} pour avoir suivi avec succès le cours « ${course} ».`,
      en: `Certificate issued by ${ISSUER_NAME} for successfully completing the course “${course}”.`,
    }),
    criteria: {
      fr: 'Terminer toutes les leçons obligatoires du cours et réussir son évaluation finale.',
      en: 'Complete every required lesson of the course and pass its final assessment.',
    },
  },
  badge: {
    name: (badge: string) => ({ fr: `Badge ${badge}`, en: `Badge ${badge}` }),
    criteria: (desc: string | null) => ({
      fr: desc
        ? `Badge ${ISSUER_NAME} : ${desc}`
        : `Badge décerné automatiquement par ${ISSUER_NAME} selon ses critères.`,
      en: desc
        ? `${ISSUER_NAME} badge: ${desc}`
        : `Badge awarded automatically by ${ISSUER_NAME} when its criteria are met.`,
    }),
  },
};

/** The achievement (course or badge) as published in credentials and at its achievement URL. */
export async function achievementData(
  deps: Pick<CoreDeps, 'config'>,
  kind: CredentialKind,
  id: number,
): Promise<AchievementData> {
  const urls = credentialUrls(deps.config.publicUrl);
  if (kind === 'certificate') {
    const course = await Course.findByPk(id, {
      attributes: ['id', 'title', 'slug', 'shortDescription'],
      paranoid: false,
    });
    if (!course) throw new NotFoundError('Course');
    const d = T.certificate.description(course.title);
    return {
      id: urls.achievement('certificate', course.id),
      name: course.title,
      description: d,
      criteria: {
        id: `${base(deps.config.publicUrl)}/courses/${course.slug}`,
        narrative: T.certificate.criteria,
      },
      imageUrl: urls.image('certificate', course.id),
      achievementType: 'CertificateOfCompletion',
    };
  }
  const badge = await Badge.findByPk(id, { attributes: ['id', 'name', 'description', 'tier'] });
  if (!badge) throw new NotFoundError('Badge');
  const desc = badge.description?.trim() || null;
  return {
    id: urls.achievement('badge', badge.id),
    name: badge.name,
    description: {
      fr: desc ?? `Badge ${badge.name} (${badge.tier})`,
      en: desc ?? `${badge.name} badge (${badge.tier})`,
    },
    criteria: { narrative: T.badge.criteria(desc) },
    imageUrl: urls.image('badge', badge.id),
    achievementType: 'Badge',
  };
}

interface Snapshot {
  kind: CredentialKind;
  achievementId: number;
  achievementName: string;
  holder: { name: string; email: string } | null;
  awardedAt: Date;
  validUntil: Date | null;
  number: string | null;
  courseSlug: string | null;
  revoked: boolean;
  revokedAt: Date | null;
}

async function snapshot(cred: CredentialRecord): Promise<Snapshot> {
  if (cred.kind === 'certificate') {
    const cert = cred.certificateId
      ? await Certificate.findByPk(cred.certificateId, {
          include: [
            { model: User, as: 'user', attributes: ['firstName', 'lastName', 'email'], paranoid: false },
            { model: Course, as: 'course', attributes: ['id', 'title', 'slug'], paranoid: false },
          ],
        })
      : null;
    if (!cert || !cert.course) throw new NotFoundError('Credential');
    return {
      kind: 'certificate',
      achievementId: cert.course.id,
      achievementName: cert.course.title,
      holder: cert.user ? { name: fullName(cert.user), email: cert.user.email } : null,
      awardedAt: new Date(cert.issuedAt),
      validUntil: cert.expiresAt ? new Date(cert.expiresAt) : null,
      number: cert.certificateNumber ?? null,
      courseSlug: cert.course.slug,
      revoked: !!cred.revokedAt || !cert.isValid,
      revokedAt: cred.revokedAt ?? cert.revokedAt ?? null,
    };
  }
  const ub = cred.userBadgeId
    ? await UserBadge.findByPk(cred.userBadgeId, {
        include: [
          { association: 'badge', attributes: ['id', 'name'] },
          { association: 'user', attributes: ['firstName', 'lastName', 'email'], paranoid: false },
        ],
      })
    : null;
  if (!ub || !ub.badge) throw new NotFoundError('Credential');
  return {
    kind: 'badge',
    achievementId: ub.badge.id,
    achievementName: ub.badge.name,
    holder: ub.user ? { name: fullName(ub.user), email: ub.user.email } : null,
    awardedAt: new Date(ub.earnedAt),
    validUntil: null,
    number: null,
    courseSlug: null,
    revoked: !!cred.revokedAt,
    revokedAt: cred.revokedAt,
  };
}

/** The signed JWT of a record: the stored one while its key is still published, else signed now. */
async function signedJwt(deps: Deps, cred: CredentialRecord, snap?: Snapshot): Promise<string> {
  const keys = issuerKeys(deps);
  if (cred.jwt && cred.signedKid && keys.all.some((k) => k.kid === cred.signedKid)) return cred.jwt;
  const s = snap ?? (await snapshot(cred));
  if (!s.holder) throw new NotFoundError('Credential');
  const did = issuerDid(deps);
  const urls = credentialUrls(deps.config.publicUrl);
  const achievement = await achievementData(deps, s.kind, s.achievementId);
  const name =
    s.kind === 'certificate' ? T.certificate.name(s.achievementName) : T.badge.name(s.achievementName);
  const description =
    s.kind === 'certificate' ? T.certificate.description(s.achievementName) : achievement.description;
  const credential = buildOpenBadgeCredential({
    id: urls.credential(cred.uuid),
    name: name.fr,
    description: s.number
      ? {
          fr: `${description.fr} Certificat n° ${s.number}.`,
          en: `${description.en} Certificate no. ${s.number}.`,
        }
      : description,
    issuer: { did, url: base(deps.config.publicUrl) },
    achievement,
    subject: {
      id: cred.subjectDid ?? `urn:uuid:${cred.subjectRef}`,
      email: s.holder.email,
      salt: cred.identitySalt,
      name: s.holder.name,
    },
    validFrom: s.awardedAt,
    validUntil: s.validUntil,
    status: { listUrl: urls.statusList(cred.statusList), index: cred.statusIndex },
  });
  const { jwt, kid } = await signCredentialJwt(credential, did, keys);
  await sqlRun(deps.db, 'UPDATE credentials SET jwt = ?, signed_kid = ?, signed_at = ? WHERE id = ?', [
    jwt,
    kid,
    deps.clock.now(),
    cred.id,
  ]);
  cred.jwt = jwt;
  cred.signedKid = kid;
  return jwt;
}

export interface IssuedCredentialDto {
  uuid: string;
  id: string;
  kind: CredentialKind;
  jwt: string;
  /** The decoded credential (the JWT payload without its registered claims). */
  credential: Record<string, unknown>;
  shareUrl: string;
  bakedPngUrl: string;
  fileBase: string;
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'mdsc';

function decodePayload(jwt: string): Record<string, unknown> {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const { iss: _a, jti: _b, sub: _c, nbf: _d, exp: _e, iat: _f, ...credential } = payload;
  return credential;
}

/**
 * `credentials.issue`: the signed credential of one of my certificates or badges (admins: anyone's).
 * Anyone else gets NOT_FOUND, so ids cannot be probed.
 */
export async function issueCredential(
  deps: Deps,
  actor: Actor,
  input: { certificateId: number } | { userBadgeId: number },
): Promise<IssuedCredentialDto> {
  let cred: CredentialRecord;
  if ('certificateId' in input) {
    const cert = await Certificate.findByPk(input.certificateId, { attributes: ['id', 'userId'] });
    if (!cert || (cert.userId !== actor.id && actor.role !== 'admin')) throw new NotFoundError('Certificate');
    cred = await ensureCertificateCredential(deps, cert.id);
  } else {
    const ub = await UserBadge.findByPk(input.userBadgeId, { attributes: ['id', 'userId'] });
    if (!ub || (ub.userId !== actor.id && actor.role !== 'admin')) throw new NotFoundError('Badge');
    cred = await ensureBadgeCredential(deps, ub.id);
  }
  const snap = await snapshot(cred);
  const jwt = await signedJwt(deps, cred, snap);
  const urls = credentialUrls(deps.config.publicUrl);
  return {
    uuid: cred.uuid,
    id: urls.credential(cred.uuid),
    kind: cred.kind,
    jwt,
    credential: decodePayload(jwt),
    shareUrl: urls.credential(cred.uuid),
    bakedPngUrl: urls.bakedPng(cred.uuid),
    fileBase: `${cred.kind === 'certificate' ? 'certificat' : 'badge'}-${slug(snap.achievementName)}`,
  };
}

export interface PublicCredentialDto {
  uuid: string;
  id: string;
  kind: CredentialKind;
  status: 'valid' | 'expired' | 'revoked';
  achievementName: string;
  achievementDescription: string;
  holderName: string;
  issuerName: string;
  issuerDid: string;
  issuerUrl: string;
  issuedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
  number: string | null;
  courseSlug: string | null;
  imageUrl: string;
  bakedPngUrl: string;
  jwt: string;
  /** LinkedIn "Add to profile" (certification) link with the credential's fields filled in. */
  linkedInUrl: string;
  /** The signed-in holder is looking at it: may set a DID. */
  mine: boolean;
  subjectDid: string | null;
}

export function linkedInAddToProfileUrl(p: {
  name: string;
  issuedAt: Date;
  expiresAt: Date | null;
  certUrl: string;
  certId: string;
}): string {
  const q = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: p.name,
    organizationName: ISSUER_NAME,
    issueYear: String(p.issuedAt.getUTCFullYear()),
    issueMonth: String(p.issuedAt.getUTCMonth() + 1),
    certUrl: p.certUrl,
    certId: p.certId,
  });
  if (p.expiresAt) {
    q.set('expirationYear', String(p.expiresAt.getUTCFullYear()));
    q.set('expirationMonth', String(p.expiresAt.getUTCMonth() + 1));
  }
  return `https://www.linkedin.com/profile/add?${q.toString()}`;
}

/** The public share page of a credential (its id is its address). */
export async function getPublicCredential(
  deps: Deps,
  actor: Actor | null,
  uuid: string,
): Promise<PublicCredentialDto> {
  const cred = await Credential.findOne({ where: { uuid } });
  if (!cred) throw new NotFoundError('Credential');
  const snap = await snapshot(cred);
  if (!snap.holder) throw new NotFoundError('Credential');
  const jwt = await signedJwt(deps, cred, snap);
  const urls = credentialUrls(deps.config.publicUrl);
  const achievement = await achievementData(deps, snap.kind, snap.achievementId);
  const now = deps.clock.now();
  const status = snap.revoked
    ? 'revoked'
    : snap.validUntil && snap.validUntil.getTime() <= now.getTime()
      ? 'expired'
      : 'valid';
  const id = urls.credential(cred.uuid);
  return {
    uuid: cred.uuid,
    id,
    kind: cred.kind,
    status,
    achievementName: snap.achievementName,
    achievementDescription: achievement.description[actor?.locale === 'en' ? 'en' : 'fr'],
    holderName: snap.holder.name,
    issuerName: ISSUER_NAME,
    issuerDid: issuerDid(deps),
    issuerUrl: base(deps.config.publicUrl),
    issuedAt: toIso(snap.awardedAt)!,
    validUntil: toIso(snap.validUntil),
    revokedAt: snap.revoked ? toIso(snap.revokedAt) : null,
    number: snap.number,
    courseSlug: snap.courseSlug,
    imageUrl: achievement.imageUrl,
    bakedPngUrl: urls.bakedPng(cred.uuid),
    jwt,
    linkedInUrl: linkedInAddToProfileUrl({
      name: snap.kind === 'certificate' ? snap.achievementName : `Badge ${snap.achievementName}`,
      issuedAt: snap.awardedAt,
      expiresAt: snap.validUntil,
      certUrl: id,
      certId: snap.number ?? cred.uuid,
    }),
    mine: !!actor && actor.id === cred.userId,
    subjectDid: actor && actor.id === cred.userId ? cred.subjectDid : null,
  };
}

/** did:<method>:<method-specific-id> (W3C DID syntax), no fragment or query. */
export const DID_PATTERN =
  /^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+)*$/;

/**
 * The holder names the DID (wallet) the credential is about; null goes back to the hashed e-mail
 * only. The credential is signed again (same id); the status slot stays.
 */
export async function setCredentialSubjectDid(
  deps: Deps,
  actor: Actor,
  input: { uuid: string; did: string | null },
) {
  const cred = await Credential.findOne({ where: { uuid: input.uuid } });
  if (!cred || cred.userId !== actor.id) throw new NotFoundError('Credential');
  if (input.did !== null && !DID_PATTERN.test(input.did))
    throw new ValidationError('did', 'Not a DID (did:method:identifier)');
  await Credential.update(
    { subjectDid: input.did, jwt: null, signedKid: null, signedAt: null },
    { where: { id: cred.id } },
  );
  return getPublicCredential(deps, actor, input.uuid);
}

/**
 * Revocation hook (certificate revoked): marks its credential revoked and moves the revision of its
 * status list, in the caller's transaction, so the served list changes with the certificate.
 */
export async function revokeCertificateCredential(
  certificateId: number,
  at: Date,
  transaction: Transaction,
): Promise<void> {
  const [cred] = await sqlRows<{ id: number; status_list: number }>(
    { sequelize: Credential.sequelize! },
    'SELECT id, status_list FROM credentials WHERE certificate_id = ? LIMIT 1',
    [certificateId],
    transaction,
  );
  if (!cred) return; // never issued: it will be born revoked (ensureRecord reads the certificate)
  const db = { sequelize: Credential.sequelize! };
  await sqlRun(db, 'UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, cred.id], transaction);
  await sqlRun(db, 'UPDATE credential_status_lists SET revision = revision + 1 WHERE id = ?', [cred.status_list], transaction);
}

/** The signed BitstringStatusListCredential of list `id` (null: no such list). */
export async function getStatusListJwt(deps: Deps, id: number): Promise<string | null> {
  const row = await CredentialStatusList.findByPk(id);
  if (!row) return null;
  const keys = issuerKeys(deps);
  // Revocations move the revision; the age bound also catches credentials orphaned by a deleted
  // certificate, award or user (foreign keys set to NULL, which no code path sees).
  const fresh = deps.clock.now().getTime() - new Date(row.updatedAt).getTime() < STATUS_LIST_MAX_AGE_MS;
  if (row.jwt && row.jwtRevision === row.revision && fresh) {
    const kid = String(decodeProtectedHeader(row.jwt).kid ?? '').split('#')[1];
    if (keys.all.some((k) => k.kid === kid)) return row.jwt;
  }
  const revision = row.revision;
  // Revoked: marked so, or orphaned (its certificate, award or user is gone).
  const revoked = await Credential.findAll({
    attributes: ['statusIndex'],
    where: {
      statusList: id,
      [Op.or]: [{ revokedAt: { [Op.ne]: null } }, { certificateId: null, userBadgeId: null }],
    },
    raw: true,
  });
  const did = issuerDid(deps);
  const url = credentialUrls(deps.config.publicUrl).statusList(id);
  const vc = buildStatusListCredential({
    url,
    did,
    validFrom: deps.clock.now(),
    encodedList: encodeStatusList(revoked.map((r) => r.statusIndex)),
  });
  const { jwt } = await signCredentialJwt(vc, did, keys);
  // Stored only if no revocation happened meanwhile (else the next reader rebuilds it).
  await CredentialStatusList.update(
    { jwt, jwtRevision: revision, updatedAt: deps.clock.now() },
    { where: { id, revision }, silent: true }, // silent: keep our clock's updatedAt
  );
  return jwt;
}
