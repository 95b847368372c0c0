// Issuing a certificate row when an enrolment completes: an unguessable code and a yearly
// sequential number, both in the completing transaction (a rollback hands the number back).
import { randomBytes } from 'node:crypto';
import { Certificate } from '@mdsc/db';
import { QueryTypes, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';

/** 192 random bits, URL-safe base64 (32 characters): unguessable, fits in a QR code and a URL. */
export function newCertificateCode(): string {
  return randomBytes(24).toString('base64url');
}

export function formatCertificateNumber(year: number, n: number): string {
  return `MDSC-${year}-${String(n).padStart(6, '0')}`;
}

/** The calendar year of `date` in the platform's time zone (a certificate issued on 31 December at 23:30 in Porto-Novo is of that year). */
const yearFormats = new Map<string, Intl.DateTimeFormat>();
export function yearIn(date: Date, timeZone: string): number {
  let f = yearFormats.get(timeZone);
  // Building a DateTimeFormat costs far more than using one.
  if (!f) yearFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' })));
  return Number(f.format(date));
}

/**
 * Next number of the year, in one statement that takes the counter row's exclusive lock and keeps
 * it until the transaction ends: concurrent completions are numbered one after the other, without
 * gaps (a rollback hands the number back) or duplicates. MySQL returns the new value through
 * LAST_INSERT_ID(expr) as the statement's insertId.
 */
export async function nextCertificateNumber(deps: Pick<CoreDeps, 'db'>, year: number, transaction: Transaction): Promise<number> {
  const { sequelize, dialect } = deps.db;
  if (dialect === 'mysql') {
    const [insertId] = (await sequelize.query(
      'INSERT INTO certificate_counters (year, last_number) VALUES (?, LAST_INSERT_ID(1)) ' +
        'ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)',
      { replacements: [year], type: QueryTypes.INSERT, transaction },
    )) as unknown as [number, number];
    return Number(insertId);
  }
  // SQLite runs one writing transaction at a time: two statements are as safe.
  await sequelize.query(
    'INSERT INTO certificate_counters (year, last_number) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last_number = last_number + 1',
    { replacements: [year], transaction },
  );
  const rows = await sequelize.query<{ last_number: number }>('SELECT last_number FROM certificate_counters WHERE year = ?', {
    replacements: [year],
    type: QueryTypes.SELECT,
    transaction,
  });
  return Number(rows[0].last_number);
}

/**
 * The user's certificate for the course, created if missing. Callers hold the enrolment row's lock,
 * and the (user_id, course_id) unique key stops any other path from creating a second one.
 */
export async function issueCertificate(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'config'>,
  userId: number,
  courseId: number,
  transaction: Transaction,
): Promise<{ certificate: Certificate; created: boolean }> {
  const existing = await Certificate.findOne({ where: { userId, courseId }, transaction });
  if (existing) return { certificate: existing, created: false };
  const now = deps.clock.now();
  const year = yearIn(now, deps.config.timezone);
  const n = await nextCertificateNumber(deps, year, transaction);
  const code = newCertificateCode();
  const certificate = await Certificate.create(
    {
      certificateCode: code,
      userId,
      courseId,
      certificateNumber: formatCertificateNumber(year, n),
      issuedAt: now,
      expiresAt: null,
      pdfUrl: null,
      qrCodeUrl: verificationUrl(deps.config.publicUrl, code),
      revokedAt: null,
      revokedReason: null,
    },
    { transaction },
  );
  return { certificate, created: true };
}

/** The public page a QR code points at. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${code}`;
}

/** Where the API serves the PDF (owner or admin). */
export function certificatePdfPath(code: string): string {
  return `/api/certificates/${code}.pdf`;
}

/**
 * Storage key of the PDF: derived from the code, so a second rendering overwrites the same file.
 * Prefixed because a base64url code may begin with `-` or `_`, which storage keys may not.
 */
export function certificateStorageKey(code: string): string {
  return `certificates/cert-${code}.pdf`;
}
