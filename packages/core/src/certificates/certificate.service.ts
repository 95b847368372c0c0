// Certificates after issuance: rendering (worker job), my certificates, download rights, public
// verification, revocation.
import { Certificate, Course, Enrollment, User } from '@mdsc/db';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { credentialUrls, ensureCertificateCredential, revokeCertificateCredential } from '../credentials/credential.service';
import { ConflictError, NotFoundError } from '../errors';
import { renderJobId } from '../learning/effects';
import { notify } from '../notifications/notify';
import { certificatePdfPath, certificateStorageKey, verificationUrl } from './issue';
import { renderCertificatePdf } from './pdf';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger' | 'storage'>;

const fullName = (u: Pick<User, 'firstName' | 'lastName'> | null | undefined) =>
  `${u?.firstName ?? ''} ${u?.lastName ?? ''}`.trim();

async function loadForRender(certificateId: number) {
  return Certificate.findByPk(certificateId, {
    include: [
      { model: User, as: 'user', attributes: ['id', 'firstName', 'lastName', 'language'] },
      {
        model: Course,
        as: 'course',
        attributes: ['id', 'title', 'slug'],
        paranoid: false, // a course deleted after completion still names the certificate
        include: [{ model: User, as: 'instructor', attributes: ['firstName', 'lastName'], paranoid: false }],
      },
    ],
  });
}

/**
 * The `certificates/render-certificate` job: renders the PDF, stores it under a key derived from the
 * code (a second run overwrites the same file), then marks the certificate rendered and the
 * enrolment certified. Safe to run any number of times; notifies the holder once.
 */
export async function renderCertificate(deps: Deps, certificateId: number): Promise<{ rendered: boolean }> {
  const cert = await loadForRender(certificateId);
  if (!cert || !cert.user || !cert.course) {
    deps.logger.warn({ certificateId }, 'certificate to render not found');
    return { rendered: false };
  }
  const key = certificateStorageKey(cert.certificateCode);
  if (cert.pdfUrl && (await deps.storage.stat(key))) return { rendered: false };
  const locale = (cert.user as User & { language?: string }).language === 'en' ? 'en' : 'fr';
  // The PDF names its verifiable credential: the record (id, status slot) is created now, the
  // signature on first download. Needs no signing key, so the worker can do it.
  const credential = await ensureCertificateCredential(deps, cert.id);
  const pdf = await renderCertificatePdf({
    holderName: fullName(cert.user),
    courseTitle: cert.course.title,
    instructorName: fullName(cert.course.instructor),
    issuedOn: new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'long',
      timeZone: deps.config.timezone,
    }).format(new Date(cert.issuedAt)),
    number: cert.certificateNumber ?? '',
    verifyUrl: verificationUrl(deps.config.publicUrl, cert.certificateCode),
    credentialId: credentialUrls(deps.config.publicUrl).credential(credential.uuid),
    locale,
  });
  await deps.storage.put(key, pdf, { contentType: 'application/pdf' });
  await transact(deps, 'certificates.renderCertificate', async (transaction) => {
    const [first] = await Certificate.update(
      { pdfUrl: certificatePdfPath(cert.certificateCode) },
      { where: { id: cert.id, pdfUrl: null }, transaction },
    );
    await Enrollment.update(
      { status: 'certified' },
      { where: { userId: cert.userId, courseId: cert.courseId, status: 'completed' }, transaction },
    );
    if (first === 1) {
      await notify(
        deps,
        {
          userId: cert.userId,
          type: 'certificate_ready',
          data: { certificateId: cert.id, certificateCode: cert.certificateCode, courseId: cert.courseId, courseTitle: cert.course!.title },
        },
        transaction,
      );
    }
  });
  return { rendered: true };
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
  await deps.db.sequelize.transaction(async (transaction) => {
    await Certificate.update({ isValid: false, revokedAt: at, revokedReason: input.reason }, { where: { id: cert.id }, transaction });
    await revokeCertificateCredential(cert.id, at, transaction);
  });
  return verifyCertificate(deps, input.code);
}
