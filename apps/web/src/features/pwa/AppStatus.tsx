// The installable app's state, in the layout: an "offline" badge in the header (navigator.onLine and
// its events) with a banner saying what still works; the learning calls waiting to be sent and
// those the server refused on replay; and the prompt to load a new version once its service worker
// is waiting (registerType 'prompt': the page never reloads by itself).
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n';
import './pwa.css';

// The replay of learning calls starts on every page, but after the first render: the catalog's
// initial JavaScript stays small.
const SyncStatus = lazy(() => import('./SyncStatus').then((m) => ({ default: m.SyncStatus })));

const subscribeOnline = (fn: () => void) => {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
};

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

export function OfflineBadge() {
  const { t } = useI18n();
  const online = useOnline();
  if (online) return null;
  return (
    <span className="offline-badge" data-testid="offline-badge">
      <span className="dot" aria-hidden="true" />
      {t('pwa.offline')}
    </span>
  );
}

/** Under the header: offline, what still works; then the learning calls' state (its own chunk). */
export function AppStatusBar() {
  const { t } = useI18n();
  const online = useOnline();
  return (
    <div className="app-status" role="status" data-testid="app-status">
      {!online && <p className="status-bar offline-bar">{t('pwa.offlineBanner')}</p>}
      <Suspense fallback={null}>
        <SyncStatus online={online} />
      </Suspense>
    </div>
  );
}

/** Registers the service worker after the first render (its code is its own chunk) and offers the update. */
export function UpdatePrompt() {
  const { t } = useI18n();
  const [update, setUpdate] = useState<((reload?: boolean) => Promise<void>) | null>(null);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    let cancelled = false;
    void import('virtual:pwa-register').then(({ registerSW }) => {
      if (cancelled) return;
      const updateSW = registerSW({ onNeedRefresh: () => setUpdate(() => updateSW) });
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!update) return null;
  return (
    <div className="update-prompt" role="alert" data-testid="update-prompt">
      <span>{t('pwa.updateReady')}</span>
      <button type="button" onClick={() => void update(true)}>
        {t('pwa.reload')}
      </button>
    </div>
  );
}
