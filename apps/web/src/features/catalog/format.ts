// Prices, dates and durations in the reader's language. XOF has no minor unit: 15 000 F CFA.
import type { Locale } from '@mdsc/validators';
import { formatWithOrdinalDay } from '../../i18n/format';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatPrice(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(TAG[locale], { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(TAG[locale]).format(amount)} ${currency}`;
  }
}

export function formatDate(iso: string | null, locale: Locale): string | null {
  if (!iso) return null;
  return formatWithOrdinalDay(new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'long' }), new Date(iso), locale);
}

export function formatMinutes(minutes: number | null, locale: Locale): string | null {
  if (minutes === null || minutes === undefined) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(TAG[locale], { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  return h ? (m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour')) : unit(m, 'minute');
}
