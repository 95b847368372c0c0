import type { Locale } from '@mdsc/validators';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const fmtNumber = (n: number, locale: Locale) =>
  new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: 1 }).format(n);
export const fmtPercent = (ratio: number, locale: Locale) =>
  new Intl.NumberFormat(TAG[locale], { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
export const fmtDay = (day: string, locale: Locale) =>
  new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** 3 h 05 min, 12 min, 40 s. */
export function fmtDuration(seconds: number, locale: Locale): string {
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(TAG[locale], { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(Math.round(seconds), 'second');
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(m, 'minute');
}

/** The call was refused for this user (an analytics page opened by someone without the role). */
export const isForbidden = (err: unknown) => (err as { data?: { code?: string } } | null)?.data?.code === 'FORBIDDEN';
