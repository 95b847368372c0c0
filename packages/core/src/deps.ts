import type { Database } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import type { Storage } from '@mdsc/storage';
import type { Locale, Role } from '@mdsc/validators';
import type { IssuerKeys } from './credentials/keys';
import type { EventBus } from './notifications/bus';
import type { PaymentsConfig } from './payments/drivers';
import type { OutboxRelay } from './outbox/relay';
import type { RateLimiter } from './security/rate-limit';

/** Wall clock, injected so that tests can fix time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** What every service receives explicitly: no imported singletons. */
export interface CoreDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  /** Uploaded files: local disk in embedded mode, S3/MinIO in full mode. */
  storage: Storage;
  config: CoreConfig;
  /** Brute-force limits (Redis-backed in full mode). Absent: a per-process memory limiter is used. */
  rateLimiter?: RateLimiter;
  /** Live events to open web apps (Redis pub/sub in full mode). Absent: nothing is pushed live. */
  events?: EventBus;
  /**
   * Checks a password against its stored hash. Absent: argon2id's verify (accounts/password.ts).
   * Injectable so that tests can count the checks a brute-force attempt really gets.
   */
  verifyPassword?: (stored: string, password: string) => Promise<boolean>;
  /**
   * The outbox relay of this process, told about rows a transaction just committed. Absent: those
   * rows are relayed right after the commit by this process with `jobs`/`events` (tests, scripts).
   */
  relay?: Pick<OutboxRelay, 'afterCommit'>;
}

export interface CoreConfig {
  /** The web app's public address: links in e-mails, certificate QR codes. */
  publicUrl: string;
  /** Platform time zone for streaks and daily counts. */
  timezone: string;
  /** Embedded mode: where SQLite, uploads and mail files live. */
  dataDir: string;
  /** Outgoing mail: SMTP when `smtpUrl` is set, else `.eml` files under `<dataDir>/mail/`. */
  mail?: MailConfig;
  /** Unverified users can log in and browse; enrolling needs a verified address unless false. */
  requireVerifiedEmailToEnroll?: boolean;
  /** Share (0–1) of a video or audio lesson to watch before it counts as completed; default 0.9. */
  videoCompletionShare?: number;
  /** Verifiable credentials: the issuer's signing keys (absent: credentials cannot be signed). */
  credentials?: { keys: IssuerKeys };
  /**
   * Course discussions: a learner's first thread or post (until one of theirs has been approved)
   * waits in the moderation queue, visible only to its author and the moderators. Default false.
   */
  discussionFirstPostReview?: boolean;
  /** ffmpeg for the low-data video renditions (resolveFfmpeg); absent or null: none are made. */
  ffmpegPath?: string | null;
  /** Paid courses (issue 13): FedaPay keys, manual-transfer instructions. */
  payments?: PaymentsConfig;
}

export interface MailConfig {
  smtpUrl?: string | null;
  /** RFC 5322 From, e.g. `MdSC MOOC <no-reply@mdsc.example>`. */
  from: string;
}

/** The user on whose behalf a service runs (null for anonymous visitors). */
export interface Actor {
  id: number;
  role: Role;
  emailVerified: boolean;
  locale: Locale;
}
