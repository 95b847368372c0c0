// Light / dark theme: follows the system by default; the toggle's choice is saved in localStorage and
// set as `data-theme` on <html> (styles.css reads it); main.tsx applies it before the first render
// (the CSP forbids an inline script in index.html).
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

export type Theme = 'light' | 'dark';
const KEY = 'mdsc.theme';

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function savedTheme(): Theme | null {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : null;
}

export function applySavedTheme(): void {
  const saved = savedTheme();
  if (saved) document.documentElement.dataset.theme = saved;
}

export function ThemeToggle() {
  const { t } = useI18n();
  const [theme, setTheme] = useState<Theme>(() => savedTheme() ?? systemTheme());
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon ghost theme-toggle"
      aria-pressed={theme === 'dark'}
      aria-label={t('ui.darkMode')}
      title={t('ui.darkMode')}
      data-testid="theme-toggle"
      onClick={() => {
        localStorage.setItem(KEY, next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
