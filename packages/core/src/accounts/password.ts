// Password hashing (argon2id, OWASP's 19 MiB / t=2 / p=1) and the acceptance rules.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { CoreDeps } from '../deps';
import { ValidationError } from '../errors';

// Algorithm is an ambient const enum in @node-rs/argon2's typings (undefined at run time under
// isolatedModules): its value, 2, is written out.
const ARGON2ID = 2 as Algorithm.Argon2id;
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

export const PASSWORD_MIN_LENGTH = 8;

/**
 * argon2 runs on libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), which SQLite's driver,
 * file reads and DNS lookups share. Left alone, a burst of logins fills every thread with 50 ms
 * hashes, and each login's short queries wait behind them (measured: login at 0.4–0.6× bare
 * argon2 at concurrency 4–8 on SQLite). At most pool − 1 hashes run at once, so one thread is
 * always free for the rest; on a machine with fewer cores than threads this costs no hashing
 * throughput.
 */
const HASH_SLOTS = Math.max(1, (Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1);
let hashing = 0;
const waitingForSlot: (() => void)[] = [];
async function inHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (hashing >= HASH_SLOTS) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  else hashing++;
  try {
    return await fn();
  } finally {
    const next = waitingForSlot.shift();
    if (next) next(); // the slot passes on as it is
    else hashing--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inHashSlot(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await inHashSlot(() => verify(stored, password));
  } catch {
    return false; // not a PHC string we understand: never a match
  }
}

/** The password check of these deps (a test may inject a counting one), argon2id's by default. */
export function passwordVerifierOf(deps: Pick<CoreDeps, 'verifyPassword'>): (stored: string, password: string) => Promise<boolean> {
  return deps.verifyPassword ?? verifyPassword;
}

/** True when the stored hash was made with other parameters (rehash after a successful login). */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}

// Verified against when the e-mail is unknown, so that the answer takes as long either way.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy password for timing equalisation');
  return dummyHash;
}

// ~49,000 passwords from public breach corpora (zxcvbn's list), English and French ones included.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * Length is checked by the zod schema; this adds what needs data: the common-password list and the
 * user's own e-mail and names. Throws ValidationError on `field`.
 */
export function assertPasswordAcceptable(
  password: string,
  user: { email?: string | null; firstName?: string | null; lastName?: string | null },
  field = 'password',
): void {
  if (password.length < PASSWORD_MIN_LENGTH) throw new ValidationError(field, 'password_too_short');
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    throw new ValidationError(field, 'password_too_common');
  }
  const local = user.email?.split('@')[0]?.toLowerCase();
  const personal = [user.email?.toLowerCase(), local, user.firstName?.toLowerCase(), user.lastName?.toLowerCase()];
  if (personal.some((p) => p && p.length >= 3 && lower.replace(/[\d!?.*_-]+$/, '') === p)) {
    throw new ValidationError(field, 'password_too_personal');
  }
  if (new Set(password).size < 3) throw new ValidationError(field, 'password_too_common');
}
