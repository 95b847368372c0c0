import { DEFAULT_LOCALE, LOCALES, type Locale } from '@mdsc/validators';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { fr, type MessageKey } from './fr';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'mdsc.locale';

/** Minimal ICU-style formatting: `{name}` and `{count, plural, =0 {…} one {…} other {…}}` with `#`. */
export function format(template: string, locale: Locale, values: Record<string, string | number> = {}): string {
  const plural = /\{(\w+), plural, ((?:[=\w]+ \{[^}]*\}\s*)+)\}/g;
  const out = template.replace(plural, (_m, name: string, cases: string) => {
    const n = Number(values[name] ?? 0);
    const options = Object.fromEntries([...cases.matchAll(/([=\w]+) \{([^}]*)\}/g)].map((c) => [c[1], c[2]]));
    const rule = new Intl.PluralRules(locale).select(n);
    const chosen = options[`=${n}`] ?? options[rule] ?? options.other ?? '';
    return chosen.replace(/#/g, new Intl.NumberFormat(locale).format(n));
  });
  return out.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
}

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return DEFAULT_LOCALE;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => format(dictionaries[locale][key], locale, values) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
