// Issuing a certificate row when an enrolment completes: an unguessable code and a yearly
// sequential number, both in the completing transaction (a rollback hands the number back).
import { randomBytes } from 'node:crypto';
import { sqlInsert, sqlRows } from '@mdsc/db';
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
const yearFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; year: number }>();
export function yearIn(date: Date, timeZone: string): number {
  let f = yearFormats.get(timeZone);
  // Building a DateTimeFormat costs far more than using one, and using one more than remembering
  // its last answer: time zone offsets are whole minutes, so the year is the same all minute long.
  if (!f) yearFormats.set(timeZone, (f = { format: new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }), minute: NaN, year: 0 }));
  const minute = Math.floor(date.getTime() / 60_000);
  if (minute !== f.minute) {
    f.year = Number(f.format.format(date));
    f.minute = minute;
  }
  return f.year;
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
    return sqlInsert(
      deps.db,
      'INSERT INTO certificate_counters (year, last_number) VALUES (?, LAST_INSERT_ID(1)) ' +
        'ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)',
      [year],
      transaction,
    );
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

/** What completion needs of an issued certificate. */
export interface IssuedCertificate {
  id: number;
  pdfUrl: string | null;
}

/**
 * The user's certificate for the course, created if missing. Callers hold the enrolment row's lock,
 * and the (user_id, course_id) unique key stops any other path from creating a second one. Plain
 * statements (it runs in the transaction of every course completion, quiz submissions included).
 */
export async function issueCertificate(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'config'>,
  userId: number,
  courseId: number,
  transaction: Transaction,
): Promise<{ certificate: IssuedCertificate; created: boolean }> {
  const [existing] = await sqlRows<{ id: number; pdf_url: string | null }>(
    deps.db,
    'SELECT id, pdf_url FROM certificates WHERE user_id = ? AND course_id = ? LIMIT 1',
    [userId, courseId],
    transaction,
  );
  if (existing) return { certificate: { id: Number(existing.id), pdfUrl: existing.pdf_url }, created: false };
  const now = deps.clock.now();
  const year = yearIn(now, deps.config.timezone);
  const n = await nextCertificateNumber(deps, year, transaction);
  const code = newCertificateCode();
  const id = await sqlInsert(
    deps.db,
    `INSERT INTO certificates (certificate_code, user_id, course_id, certificate_number, issued_at, expires_at, verified,
                               pdf_url, qr_code_url, is_valid, revoked_at, revoked_reason)
     VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL, NULL)`,
    [code, userId, courseId, formatCertificateNumber(year, n), now, false, verificationUrl(deps.config.publicUrl, code), true],
    transaction,
  );
  return { certificate: { id, pdfUrl: null }, created: true };
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
