import { DEFAULT_LOCALE, LOCALES, type Locale } from '@mdsc/validators';
import IntlMessageFormat from 'intl-messageformat';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fr, type MessageKey } from './fr';
import { lazyNumberFormat } from './numbers';

type Dictionary = Record<MessageKey, string>;
/**
 * French, the default, ships in the first download; English is its own chunk, fetched when a reader
 * chooses it (or chose it before): every reader would otherwise download both catalogs.
 */
const dictionaries: Partial<Record<Locale, Dictionary>> = { fr };
const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<Dictionary>> = {
  en: () => import('./en').then((m) => m.en),
};
async function loadDictionary(l: Locale): Promise<Dictionary> {
  const ready = dictionaries[l];
  if (ready) return ready;
  const dict = await loaders[l as Exclude<Locale, 'fr'>]();
  dictionaries[l] = dict;
  return dict;
}
const STORAGE_KEY = 'mdsc.locale';

/**
 * ICU MessageFormat (FormatJS's intl-messageformat): `{name}`, `{count, plural, =0 {…} one {…} other {…}}`
 * with `#`, `select`, `selectordinal`, by the language's CLDR plural rules. Parsed once per message.
 * A value the message names but the caller forgot is shown empty rather than breaking the page.
 */
const compiled = new Map<string, IntlMessageFormat>();
/**
 * Each IntlMessageFormat would otherwise resolve its locale (Intl.NumberFormat.supportedLocalesOf)
 * and build its own Intl.PluralRules/NumberFormat, for each of the hundred messages of a first
 * render (seen in bench/lighthouse's main-thread time). One of each per locale and options instead;
 * the number formatter builds its Intl.NumberFormat only for numbers outside 0–999 (i18n/numbers),
 * and the locale (always one of ours) is taken as it is, without supportedLocalesOf.
 */
function memo<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = JSON.stringify(args);
    let r = made.get(key);
    if (r === undefined) made.set(key, (r = make(...args)));
    return r;
  };
}
const formatters = {
  getNumberFormat: memo((...a: ConstructorParameters<typeof Intl.NumberFormat>) =>
    // Options (a `{n, number, percent}` style) may change how even 0–999 read: Intl for those.
    a[1] === undefined ? (lazyNumberFormat(() => new Intl.NumberFormat(...a)) as Intl.NumberFormat) : new Intl.NumberFormat(...a),
  ),
  getDateTimeFormat: memo((...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a)),
  getPluralRules: memo((...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a)),
};
IntlMessageFormat.resolveLocale = memo((locales: string | string[]) =>
  typeof Intl.Locale === 'undefined' ? undefined : new Intl.Locale(typeof locales === 'string' ? locales : locales[0]!),
);
export function format(template: string, locale: Locale, values: Record<string, string | number> = {}): string {
  const key = `${locale}\u0000${template}`;
  let mf = compiled.get(key);
  if (!mf) {
    mf = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true, formatters });
    compiled.set(key, mf);
  }
  try {
    return String(mf.format(values));
  } catch {
    const numeric = (n: string) => new RegExp(`\\{\\s*${n}\\s*,\\s*(plural|selectordinal|number)`).test(template);
    const missing = Object.fromEntries(
      argumentNames(template)
        .filter((n) => !(n in values))
        .map((n) => [n, numeric(n) ? 0 : '']),
    );
    return String(mf.format({ ...missing, ...values }));
  }
}

/** The argument names of a message (`{name}`, `{count, plural, …}`). */
export function argumentNames(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!))];
}

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The language the reader chose (saved in this browser), sent to the API with every request
 * (`x-locale`) so that badge, challenge and category names come back in it.
 */
export function chosenLocale(): Locale {
  return initialLocale();
}

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return DEFAULT_LOCALE;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [saved] = useState<Locale>(initialLocale);
  // The language shown: French until a saved other language's catalog has arrived.
  const [locale, setLocaleState] = useState<Locale>(dictionaries[saved] ? saved : DEFAULT_LOCALE);
  const [pending, setPending] = useState(!dictionaries[saved]);
  useEffect(() => {
    if (!pending) return;
    void loadDictionary(saved)
      .then(() => setLocaleState(saved))
      .catch(() => undefined) // offline before the chunk was cached: stay in French
      .finally(() => setPending(false));
  }, [pending, saved]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    void loadDictionary(l).then(() => setLocaleState(l));
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => format((dictionaries[locale] ?? fr)[key], locale, values) }),
    [locale, setLocale],
  );
  // A reader who chose English sees the page once its catalog is there (no French flash).
  if (pending) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
