// The Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0) of a certificate or badge award.
// Pure: everything it needs comes in; the service gathers it from the database.
import { createHash } from 'node:crypto';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const ISSUER_NAME = 'MdSC MOOC';

export interface AchievementData {
  id: string;
  name: string;
  /** Both languages: the OB 3.0 schema types `description` and `narrative` as plain strings. */
  description: { fr: string; en: string };
  criteria: { id?: string; narrative: { fr: string; en: string } };
  imageUrl: string;
  achievementType: 'CertificateOfCompletion' | 'Badge';
  humanCode?: string;
}

export interface CredentialData {
  id: string;
  name: string;
  description: { fr: string; en: string };
  issuer: { did: string; url: string };
  achievement: AchievementData;
  subject: { id: string; email: string; salt: string; name: string };
  validFrom: Date;
  validUntil: Date | null;
  status: { listUrl: string; index: number };
}

/** `sha256$<hex>` of the address (trimmed, lower-cased) followed by the salt, as OB's IdentityHash says. */
export function identityHash(email: string, salt: string): string {
  return `sha256$${createHash('sha256').update(`${email.trim().toLowerCase()}${salt}`, 'utf8').digest('hex')}`;
}

/** ISO 8601 without milliseconds: the JWT's NumericDate claims then round-trip exactly. */
export const isoSeconds = (d: Date) =>
  new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const bilingual = (t: { fr: string; en: string }) => `${t.fr}\n\n${t.en}`;

export function achievementJson(a: AchievementData) {
  return {
    id: a.id,
    type: ['Achievement'],
    achievementType: a.achievementType,
    name: a.name,
    description: bilingual(a.description),
    criteria: { ...(a.criteria.id ? { id: a.criteria.id } : {}), narrative: bilingual(a.criteria.narrative) },
    image: { id: a.imageUrl, type: 'Image', caption: a.name },
    ...(a.humanCode ? { humanCode: a.humanCode } : {}),
    // No `inLanguage`: every text carries French then English (the schema types them as plain
    // strings, so a language map would not validate), and the 3.0.3 context defines no such term.
  };
}

export function buildOpenBadgeCredential(d: CredentialData) {
  return {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT],
    id: d.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: d.name,
    description: bilingual(d.description),
    issuer: { id: d.issuer.did, type: ['Profile'], name: ISSUER_NAME, url: d.issuer.url },
    validFrom: isoSeconds(d.validFrom),
    ...(d.validUntil ? { validUntil: isoSeconds(d.validUntil) } : {}),
    credentialSubject: {
      id: d.subject.id,
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: identityHash(d.subject.email, d.subject.salt),
          salt: d.subject.salt,
        },
        // The holder's name in clear: what a reader of the credential expects to see.
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: d.subject.name },
      ],
      achievement: achievementJson(d.achievement),
    },
    credentialSchema: [{ id: OB_SCHEMA_ID, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: {
      id: `${d.status.listUrl}#${d.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(d.status.index),
      statusListCredential: d.status.listUrl,
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof buildOpenBadgeCredential>;

export function buildStatusListCredential(p: {
  url: string;
  did: string;
  validFrom: Date;
  encodedList: string;
}) {
  return {
    '@context': [VC_CONTEXT_V2],
    id: p.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: p.did,
    validFrom: isoSeconds(p.validFrom),
    credentialSubject: {
      id: `${p.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: p.encodedList,
    },
  };
}
