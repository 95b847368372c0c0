// Certificates after issuance: rendering (worker job), my certificates, download rights, public
// verification, revocation.
import { Certificate, Course, sqlRows, sqlRun, User } from '@mdsc/db';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { credentialUrls, ensureCertificateCredential, revokeCertificateCredential } from '../credentials/credential.service';
import { ConflictError, NotFoundError } from '../errors';
import { renderJobId } from '../learning/effects';
import { notify } from '../notifications/notify';
import { certificatePdfPath, certificateStorageKey, verificationUrl } from './issue';
import { renderCertificatePdf, type CertificatePdfData } from './pdf';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger' | 'storage'>;

const fullName = (u: Pick<User, 'firstName' | 'lastName'> | null | undefined) =>
  `${u?.firstName ?? ''} ${u?.lastName ?? ''}`.trim();

/** What the rendering job needs, in one raw row (no model instances on the worker's hot path). */
interface RenderRow {
  id: number;
  certificate_code: string;
  user_id: number;
  course_id: number;
  certificate_number: string | null;
  issued_at: Date | string;
  pdf_url: string | null;
  is_valid: number | boolean;
  revoked_at: Date | string | null;
  first_name: string | null;
  last_name: string | null;
  language: string | null;
  email: string;
  email_on_certificate: number | boolean;
  is_active: number | boolean;
  course_title: string;
  instructor_first_name: string | null;
  instructor_last_name: string | null;
  credential_uuid: string | null;
}

/**
 * The certificate, its holder (not deleted), its course and instructor (even deleted: they still
 * name the certificate) and its credential's uuid if it has one: one query.
 */
async function loadForRender(deps: Deps, certificateId: number): Promise<RenderRow | null> {
  const [row] = await sqlRows<RenderRow>(
    deps.db,
    `SELECT c.id, c.certificate_code, c.user_id, c.course_id, c.certificate_number, c.issued_at, c.pdf_url,
            c.is_valid, c.revoked_at, u.first_name, u.last_name, u.language, u.email, u.email_on_certificate,
            u.is_active, co.title AS course_title, i.first_name AS instructor_first_name,
            i.last_name AS instructor_last_name, cr.uuid AS credential_uuid
       FROM certificates c
       JOIN users u ON u.id = c.user_id AND u.deleted_at IS NULL
       JOIN courses co ON co.id = c.course_id
       LEFT JOIN users i ON i.id = co.instructor_id
       LEFT JOIN credentials cr ON cr.certificate_id = c.id
      WHERE c.id = ?`,
    [certificateId],
  );
  return row ?? null;
}

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(toIso(v) ?? v));

/**
 * The `certificates/render-certificate` job: renders the PDF, stores it under a key derived from the
 * code (a second run overwrites the same file), then marks the certificate rendered and the
 * enrolment certified. Safe to run any number of times; notifies the holder once.
 */
export async function renderCertificate(deps: Deps, certificateId: number): Promise<{ rendered: boolean }> {
  const cert = await loadForRender(deps, certificateId);
  if (!cert) {
    deps.logger.warn({ certificateId }, 'certificate to render not found');
    return { rendered: false };
  }
  const code = cert.certificate_code;
  const key = certificateStorageKey(code);
  if (cert.pdf_url && (await deps.storage.stat(key))) return { rendered: false };
  // The PDF names its verifiable credential: the record (id, status slot) is created now, the
  // signature on first download. Needs no signing key, so the worker can do it.
  const credentialUuid =
    cert.credential_uuid ??
    (
      await ensureCertificateCredential(deps, cert.id, {
        userId: cert.user_id,
        isValid: !!cert.is_valid,
        revokedAt: cert.revoked_at === null ? null : asDate(cert.revoked_at),
        credentialMissing: true,
      })
    ).uuid;
  const courseTitle = cert.course_title;
  const pdf = await renderCertificatePdf(
    certificatePdfData(deps.config, {
      holderFirstName: cert.first_name,
      holderLastName: cert.last_name,
      courseTitle,
      instructorFirstName: cert.instructor_first_name,
      instructorLastName: cert.instructor_last_name,
      language: cert.language,
      issuedAt: asDate(cert.issued_at),
      number: cert.certificate_number,
      code,
      credentialUuid,
    }),
  );
  await deps.storage.put(key, pdf, { contentType: 'application/pdf' });
  const recipient = {
    email: cert.email,
    language: cert.language,
    firstName: cert.first_name ?? '',
    mailable: !!cert.email_on_certificate && !!cert.is_active,
  };
  await transact(deps, 'certificates.renderCertificate', async (transaction) => {
    // Plain statements (sqlRun returns the rows matched: here the rows changed).
    // Only the run that sets the path notifies (a second run, or one racing it, updates nothing).
    const first = await sqlRun(
      deps.db,
      'UPDATE certificates SET pdf_url = ? WHERE id = ? AND pdf_url IS NULL',
      [certificatePdfPath(code), cert.id],
      transaction,
    );
    await sqlRun(
      deps.db,
      "UPDATE enrollments SET status = 'certified' WHERE user_id = ? AND course_id = ? AND status = 'completed'",
      [cert.user_id, cert.course_id],
      transaction,
    );
    if (first === 1) {
      await notify(
        deps,
        {
          userId: cert.user_id,
          type: 'certificate_ready',
          data: { certificateId: cert.id, certificateCode: code, courseId: cert.course_id, courseTitle },
        },
        transaction,
        { recipient },
      );
    }
  });
  return { rendered: true };
}

/**
 * What the PDF prints, from the certificate's fields: the worker's rendering and the bench's bare
 * pdfmake baseline (bench/certificates) build the very same document with it.
 */
export function certificatePdfData(
  config: Pick<CoreDeps['config'], 'publicUrl' | 'timezone'>,
  c: {
    holderFirstName: string | null;
    holderLastName: string | null;
    courseTitle: string;
    instructorFirstName: string | null;
    instructorLastName: string | null;
    language: string | null;
    issuedAt: Date;
    number: string | null;
    code: string;
    credentialUuid: string;
  },
): CertificatePdfData {
  const locale = c.language === 'en' ? 'en' : 'fr';
  return {
    holderName: fullName({ firstName: c.holderFirstName ?? '', lastName: c.holderLastName ?? '' }),
    courseTitle: c.courseTitle,
    instructorName: fullName({ firstName: c.instructorFirstName ?? '', lastName: c.instructorLastName ?? '' }),
    issuedOn: dateFormat(locale, config.timezone).format(c.issuedAt),
    number: c.number ?? '',
    verifyUrl: verificationUrl(config.publicUrl, c.code),
    credentialId: credentialUrls(config.publicUrl).credential(c.credentialUuid),
    locale,
  };
}

/** Intl formatters are costly to build: one per (locale, time zone) for the life of the process. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: 'fr' | 'en', timeZone: string): Intl.DateTimeFormat {
  const k = `${locale} ${timeZone}`;
  let f = dateFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone });
    dateFormats.set(k, f);
  }
  return f;
}

/**
 * Self-heal for a certificate whose PDF is missing (read paths: my certificates, the download).
 * Not an "enqueue after commit": no write precedes it, the certificate row is already durable. The
 * fixed job id dedupes a render already waiting; a render that failed for good (stalled twice,
 * retries spent) is retried instead of blocking the id forever. Failures are logged: the repair
 * sweep re-runs it anyway.
 */
export async function requestCertificateRender(deps: Pick<CoreDeps, 'jobs' | 'logger'>, certificateId: number): Promise<void> {
  try {
    await deps.jobs.enqueue(
      'certificates',
      'render-certificate',
      { certificateId },
      { jobId: renderJobId(certificateId), retryFailed: true },
    );
  } catch (err) {
    deps.logger.error({ err, certificateId }, 'could not enqueue certificate rendering');
  }
}

export interface MyCertificateDto {
  id: number;
  code: string;
  number: string | null;
  issuedAt: string;
  expiresAt: string | null;
  course: { id: number; slug: string; title: string };
  /** The PDF exists; until then the worker is rendering it. */
  ready: boolean;
  downloadUrl: string;
  verifyUrl: string;
  status: 'valid' | 'expired' | 'revoked';
}

function statusOf(c: Certificate, now: Date): MyCertificateDto['status'] {
  if (!c.isValid || c.revokedAt) return 'revoked';
  if (c.expiresAt && new Date(c.expiresAt).getTime() < now.getTime()) return 'expired';
  return 'valid';
}

/** My certificates, newest first. One whose PDF is missing gets its rendering job enqueued again. */
export async function listMyCertificates(deps: Deps, actor: Actor): Promise<MyCertificateDto[]> {
  const rows = await Certificate.findAll({
    where: { userId: actor.id },
    include: [{ model: Course, as: 'course', attributes: ['id', 'slug', 'title'], paranoid: false }],
    order: [['issuedAt', 'DESC'], ['id', 'DESC']],
  });
  const now = deps.clock.now();
  for (const c of rows) if (!c.pdfUrl && c.isValid) await requestCertificateRender(deps, c.id);
  return rows.map((c) => ({
    id: c.id,
    code: c.certificateCode,
    number: c.certificateNumber ?? null,
    issuedAt: toIso(c.issuedAt)!,
    expiresAt: toIso(c.expiresAt),
    course: { id: c.course!.id, slug: c.course!.slug, title: c.course!.title },
    ready: !!c.pdfUrl,
    downloadUrl: certificatePdfPath(c.certificateCode),
    verifyUrl: verificationUrl(deps.config.publicUrl, c.certificateCode),
    status: statusOf(c, now),
  }));
}

/**
 * The stored PDF of a certificate, for its holder or an admin (anyone else: not found, so codes
 * cannot be probed). Not rendered yet: the job is enqueued again and CONFLICT tells to retry.
 */
export async function authorizeCertificateDownload(
  deps: Deps,
  actor: Actor | null,
  code: string,
): Promise<{ key: string; filename: string }> {
  const cert = await Certificate.findOne({ where: { certificateCode: code } });
  if (!cert || !actor || (actor.role !== 'admin' && actor.id !== cert.userId)) throw new NotFoundError('Certificate');
  const key = certificateStorageKey(cert.certificateCode);
  if (!cert.pdfUrl || !(await deps.storage.stat(key))) {
    await requestCertificateRender(deps, cert.id);
    throw new ConflictError('The certificate is being prepared, try again in a moment', { reason: 'not_ready' });
  }
  return { key, filename: `certificat-${cert.certificateNumber ?? cert.id}.pdf` };
}

/** `certificates.download`: where to fetch the PDF (the API route checks the same rights). */
export async function getCertificateDownload(deps: Deps, actor: Actor, code: string): Promise<{ url: string }> {
  await authorizeCertificateDownload(deps, actor, code);
  return { url: certificatePdfPath(code) };
}

export interface CertificateVerificationDto {
  status: 'valid' | 'expired' | 'revoked';
  code: string;
  number: string | null;
  holderName: string;
  courseTitle: string;
  instructorName: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** Public: what a QR code leads to. Shows the holder's name and the course, nothing else about them. */
export async function verifyCertificate(deps: Deps, code: string): Promise<CertificateVerificationDto> {
  const cert = await Certificate.findOne({
    where: { certificateCode: code },
    include: [
      { model: User, as: 'user', attributes: ['firstName', 'lastName'] },
      {
        model: Course,
        as: 'course',
        attributes: ['title'],
        paranoid: false,
        include: [{ model: User, as: 'instructor', attributes: ['firstName', 'lastName'], paranoid: false }],
      },
    ],
  });
  if (!cert || !cert.user) throw new NotFoundError('Certificate');
  const status = statusOf(cert, deps.clock.now());
  return {
    status,
    code: cert.certificateCode,
    number: cert.certificateNumber ?? null,
    holderName: fullName(cert.user),
    courseTitle: cert.course?.title ?? '',
    instructorName: fullName(cert.course?.instructor),
    issuedAt: toIso(cert.issuedAt)!,
    expiresAt: toIso(cert.expiresAt),
    revokedAt: toIso(cert.revokedAt),
    revokedReason: status === 'revoked' ? (cert.revokedReason ?? null) : null,
  };
}

/** Admins only (checked by the procedure): the certificate stays, marked invalid with its reason. */
export async function revokeCertificate(
  deps: Deps,
  _actor: Actor,
  input: { code: string; reason: string },
): Promise<CertificateVerificationDto> {
  const cert = await Certificate.findOne({ attributes: ['id', 'isValid'], where: { certificateCode: input.code } });
  if (!cert) throw new NotFoundError('Certificate');
  if (!cert.isValid) throw new ConflictError('This certificate is already revoked', { reason: 'already_revoked' });
  const at = deps.clock.now();
  // The certificate and its credential's status bit change together.
  await transact(deps, 'certificates.revoke', async (transaction) => {
    await Certificate.update({ isValid: false, revokedAt: at, revokedReason: input.reason }, { where: { id: cert.id }, transaction });
    await revokeCertificateCredential(cert.id, at, transaction);
  });
  return verifyCertificate(deps, input.code);
}
