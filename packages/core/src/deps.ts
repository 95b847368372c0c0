import type { Database } from '@mdsc/db';
import type { JobQueue } from '@mdsc/jobs';
import type { Locale, Role } from '@mdsc/validators';

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
  config: CoreConfig;
}

export interface CoreConfig {
  /** The web app's public address: links in e-mails, certificate QR codes. */
  publicUrl: string;
  /** Platform time zone for streaks and daily counts. */
  timezone: string;
  /** Embedded mode: where SQLite, uploads and mail files live. */
  dataDir: string;
}

/** The user on whose behalf a service runs (null for anonymous visitors). */
export interface Actor {
  id: number;
  role: Role;
  emailVerified: boolean;
  locale: Locale;
}
