// Calendar days in the platform's time zone, for the enrolment curves. SQL groups by day after
// shifting UTC timestamps by the zone's offset (taken now: exact for zones without daylight
// saving, such as Africa/Porto-Novo; at most an hour off around a DST change elsewhere).
import type { Dialect } from '@mdsc/db';

const DAY_MS = 86_400_000;

/** Minutes to add to UTC to get the local time of `timeZone` at `at`. */
export function tzOffsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** YYYY-MM-DD of `at` in `timeZone`. */
export function localDay(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the ISO week of `day`. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** The UTC instant at which local `day` starts. */
export function dayStartUtc(day: string, offsetMinutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000);
}

/** SQL for the local calendar day (YYYY-MM-DD) of a UTC DATETIME column. */
export function localDaySql(dialect: Dialect, column: string, offsetMinutes: number): string {
  const m = Math.trunc(offsetMinutes);
  return dialect === 'mysql'
    ? `DATE(DATE_ADD(${column}, INTERVAL ${m} MINUTE))`
    : `date(${column}, '${m >= 0 ? '+' : ''}${m} minutes')`;
}
