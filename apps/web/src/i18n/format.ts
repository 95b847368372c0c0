// Dates, relative times, numbers and prices in the reader's language, for every page. XOF (franc CFA)
// has no minor unit: prices show no decimals (15 000 F CFA / F CFA 15,000).
import type { Locale } from '@mdsc/validators';
import { useMemo } from 'react';
import { useI18n } from './index';
import { plainInteger } from './numbers';

export const LOCALE_TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** A number; 0–999 without building an Intl.NumberFormat (they read the same in every language). */
export function formatNumber(n: number, locale: Locale, maxFractionDigits = 2): string {
  const plain = plainInteger(n);
  if (plain !== null) return plain;
  return cached(`n|${locale}|${maxFractionDigits}`, () =>
    new Intl.NumberFormat(LOCALE_TAG[locale], { maximumFractionDigits: maxFractionDigits }),
  ).format(n);
}

export function formatPercent(ratio: number, locale: Locale): string {
  return cached(`p|${locale}`, () =>
    new Intl.NumberFormat(LOCALE_TAG[locale], { style: 'percent', maximumFractionDigits: 1 }),
  ).format(ratio);
}

/** A size in bytes as "850 ko", "1,2 Mo", "3,4 Go" (decimal units, as browsers and phones show them). */
export function formatBytes(bytes: number, locale: Locale): string {
  const [unit, size] =
    bytes >= 1e9 ? (['gigabyte', bytes / 1e9] as const) : bytes >= 1e6 ? (['megabyte', bytes / 1e6] as const) : (['kilobyte', Math.max(bytes, 0) / 1e3] as const);
  return cached(`b|${locale}|${unit}`, () =>
    new Intl.NumberFormat(LOCALE_TAG[locale], { style: 'unit', unit, maximumFractionDigits: 1 }),
  ).format(size);
}

/** A price; XOF by default. Zero is "free" only for the caller to decide (it has the words). */
export function formatPrice(amount: number, locale: Locale, currency = 'XOF'): string {
  try {
    return cached(`c|${locale}|${currency}`, () =>
      new Intl.NumberFormat(LOCALE_TAG[locale], {
        style: 'currency',
        currency,
        ...(currency === 'XOF' ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
      }),
    ).format(amount);
  } catch {
    return `${formatNumber(amount, locale, 0)} ${currency}`;
  }
}

type DateStyle = 'short' | 'medium' | 'long';

/**
 * A date with French's ordinal first day of the month: "1er novembre 2026", "1er nov." (not "1 novembre");
 * other days and other languages as Intl writes them.
 */
export function formatWithOrdinalDay(dtf: Intl.DateTimeFormat, date: Date, locale: Locale | string): string {
  if (!String(locale).startsWith('fr')) return dtf.format(date);
  const parts = dtf.formatToParts(date);
  // Only spelled-out months: "01/11/2026" stays numeric.
  if (!parts.some((p) => p.type === 'month' && /\p{L}/u.test(p.value))) return dtf.format(date);
  return parts.map((p) => (p.type === 'day' && Number(p.value) === 1 ? '1er' : p.value)).join('');
}
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** An ISO instant, a Date, or a calendar day ('YYYY-MM-DD', shown as that day wherever the reader is). */
export function formatDate(value: string | Date, locale: Locale, style: DateStyle = 'long'): string {
  const day = typeof value === 'string' && isDay(value);
  const d = day ? new Date(`${value}T12:00:00Z`) : new Date(value);
  const dtf = cached(`d|${locale}|${style}|${day}`, () =>
    new Intl.DateTimeFormat(LOCALE_TAG[locale], { dateStyle: style, ...(day ? { timeZone: 'UTC' } : {}) }),
  );
  return formatWithOrdinalDay(dtf, d, locale);
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  const dtf = cached(`dt|${locale}`, () =>
    new Intl.DateTimeFormat(LOCALE_TAG[locale], { dateStyle: 'medium', timeStyle: 'short' }),
  );
  return formatWithOrdinalDay(dtf, new Date(value), locale);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "il y a 5 minutes", "in 2 days"… relative to `now`. */
export function formatRelative(value: string | Date, locale: Locale, now: Date = new Date()): string {
  let delta = (new Date(value).getTime() - now.getTime()) / 1000;
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(LOCALE_TAG[locale], { numeric: 'auto' }));
  for (const [unit, size] of STEPS) {
    if (Math.abs(delta) < size) return rtf.format(Math.round(delta), unit);
    delta /= size;
  }
  return rtf.format(Math.round(delta), 'year');
}

/** The formatters bound to the current language. */
export function useFormat() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      locale,
      number: (n: number, digits?: number) => formatNumber(n, locale, digits),
      percent: (r: number) => formatPercent(r, locale),
      bytes: (n: number) => formatBytes(n, locale),
      price: (amount: number, currency?: string) => formatPrice(amount, locale, currency),
      date: (v: string | Date, style?: DateStyle) => formatDate(v, locale, style),
      dateTime: (v: string | Date) => formatDateTime(v, locale),
      relative: (v: string | Date, now?: Date) => formatRelative(v, locale, now),
    }),
    [locale],
  );
}
