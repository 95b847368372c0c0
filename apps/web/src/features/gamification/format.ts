// Dates, numbers and badge/challenge rules in the reader's language.
import type { Locale } from '@mdsc/validators';
import { formatWithOrdinalDay } from '../../i18n/format';
import type { MessageKey } from '../../i18n/fr';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const formatNumber = (n: number, locale: Locale) => new Intl.NumberFormat(TAG[locale]).format(n);

/** An ISO instant, or a calendar day ('YYYY-MM-DD', read as that day wherever the reader is). */
export function formatDay(value: string, locale: Locale): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return formatWithOrdinalDay(
    new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'long', ...(day ? { timeZone: 'UTC' } : {}) }),
    new Date(day ? `${value}T12:00:00Z` : value),
    locale,
  );
}

export interface CriteriaLike {
  type: string;
  value: number;
  courseId?: number;
}

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export function describeCriteria(c: CriteriaLike, t: T): string {
  if (c.type === 'course_completion' && c.courseId) return t('gam.criteria.course_completion_specific', { id: c.courseId });
  const key = `gam.criteria.${c.type}` as MessageKey;
  return t(key, { count: c.value });
}
