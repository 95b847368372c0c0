import './lib/zod-csp'; // first: before any module parses with zod
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startTransition, StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { chosenLocale, I18nProvider, useI18n } from './i18n';
import { preloadFirstCourseImage, takeFirstScreen } from './lib/first-screen';
import { lowDataEnabled } from './lib/low-data';
import { createTrpcClient, trpc } from './lib/trpc';
import { AppRoutes } from './router';
import './tokens.css';
import './styles.css';
import './ui/ui.css';
import { applySavedTheme } from './ui/theme';
import { ToastProvider } from './ui/toast';

/** Another language chosen: what was loaded is fetched again, with names in that language. */
function RefetchOnLocale() {
  const { locale } = useI18n();
  const utils = trpc.useUtils();
  const shown = useRef(locale);
  useEffect(() => {
    if (shown.current === locale) return;
    shown.current = locale;
    void utils.invalidate();
  }, [locale, utils]);
  return null;
}

function Root() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // offlineFirst: without a network a query still runs once, so the queries a course's
        // offline copy holds are answered from it (lib/offline-copy); retries wait for the network.
        defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false, networkMode: 'offlineFirst' } },
      }),
  );
  const [trpcClient] = useState(() => createTrpcClient(firstScreen));
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <RefetchOnLocale />
          <ToastProvider>
            <AppRoutes />
          </ToastProvider>
        </I18nProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

applySavedTheme();
// The first screen's data the server put in the page, and the catalog's first image fetched at once.
const firstScreen = takeFirstScreen(chosenLocale());
preloadFirstCourseImage(firstScreen, lowDataEnabled());
// The first render as a transition: React yields to the browser every few milliseconds instead of
// blocking the main thread for the whole tree (on a slow phone that was most of the blocking time).
const root = createRoot(document.getElementById('root')!);
startTransition(() =>
  root.render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
);
