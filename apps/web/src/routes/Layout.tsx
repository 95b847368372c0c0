import { LOCALES, type Locale } from '@mdsc/validators';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { AccountNav } from '../features/auth/AccountNav';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { XpHeader } from '../features/gamification/XpHeader';
import { AppStatusBar, OfflineBadge, UpdatePrompt } from '../features/pwa/AppStatus';
import { useI18n } from '../i18n';
import { ThemeToggle } from '../ui/theme';
import { RoleNav } from './RoleNav';

export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const menu = useState(false);
  const toolsId = useId();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
        <RoleNav menu={menu} toolsId={toolsId} />
        <OfflineBadge />
        <XpHeader />
        <NotificationBell />
        {/* On phones the header is one row: these fold into the menu (see ui.css). */}
        <div id={toolsId} className={menu[0] ? 'header-tools open' : 'header-tools'}>
          <AccountNav />
          <label className="lang-switch">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select
              value={locale}
              onChange={(e) => setLocale(e.target.value as Locale)}
              aria-label={t('nav.language')}
              data-testid="language-switch"
            >
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {l === 'fr' ? 'Français' : 'English'}
                </option>
              ))}
            </select>
          </label>
          <ThemeToggle />
        </div>
      </header>
      <AppStatusBar />
      <UpdatePrompt />
      <main id="main" className="app-main">
        {children}
      </main>
      <footer className="app-footer">{t('footer.text')}</footer>
    </div>
  );
}
