import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n';
import { createTrpcClient, trpc } from './lib/trpc';
import { AppRoutes } from './router';
import './tokens.css';
import './styles.css';
import './ui/ui.css';
import { applySavedTheme } from './ui/theme';
import { ToastProvider } from './ui/toast';

function Root() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [trpcClient] = useState(createTrpcClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <ToastProvider>
            <AppRoutes />
          </ToastProvider>
        </I18nProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

applySavedTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
