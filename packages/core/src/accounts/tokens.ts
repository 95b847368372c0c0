import { createHash, randomBytes } from 'node:crypto';

/** A single-use secret for links and refresh tokens: 256 random bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a token: its SHA-256 (a stolen table yields nothing usable). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** Lifetimes (PRODUCT.md "Accounts"). */
export const EMAIL_TOKEN_TTL_MS = DAY_MS;
export const RESET_TOKEN_TTL_MS = HOUR_MS;
export const REFRESH_TOKEN_TTL_MS = 30 * DAY_MS;
