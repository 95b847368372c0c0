// Language names in the reader's language (Intl.DisplayNames), with our own names for the West African
// languages that a browser's or Node's ICU data may lack (Node 20 has no French name for Fon, for one).
import type { Locale } from '@mdsc/validators';

/** The course languages the platform offers (ISO 639 codes). */
export const COURSE_LANGUAGES = ['fr', 'en', 'fon', 'yo', 'ha', 'wo', 'ee', 'dyu'] as const;

const OWN_NAMES: Record<string, Record<Locale, string>> = {
  fon: { fr: 'fon', en: 'Fon' },
  yo: { fr: 'yoruba', en: 'Yoruba' },
  ha: { fr: 'haoussa', en: 'Hausa' },
  wo: { fr: 'wolof', en: 'Wolof' },
  ee: { fr: 'éwé', en: 'Ewe' },
  dyu: { fr: 'dioula', en: 'Dyula' },
  bm: { fr: 'bambara', en: 'Bambara' },
  ff: { fr: 'peul', en: 'Fula' },
  mos: { fr: 'mooré', en: 'Mossi' },
  dje: { fr: 'zarma', en: 'Zarma' },
  gun: { fr: 'goun', en: 'Gun' },
  tw: { fr: 'twi', en: 'Twi' },
};

const cache = new Map<Locale, Intl.DisplayNames | null>();
function displayNames(locale: Locale): Intl.DisplayNames | null {
  if (!cache.has(locale)) {
    try {
      cache.set(locale, new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }));
    } catch {
      cache.set(locale, null);
    }
  }
  return cache.get(locale)!;
}

/**
 * "Français", "Yoruba", "Fon"… — capitalised for a label or a list entry. ICU's name wins when it has
 * one (it answers the code itself, or nothing, when it has none); then ours; then the code.
 */
export function languageName(code: string, locale: Locale): string {
  const own = OWN_NAMES[code.toLowerCase()]?.[locale];
  let name: string | undefined;
  try {
    name = displayNames(locale)?.of(code);
  } catch {
    name = undefined; // not a well-formed language code
  }
  if (!name || name.toLowerCase() === code.toLowerCase()) name = own ?? code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
