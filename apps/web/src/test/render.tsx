// Rendering helpers of the component tests (happy-dom): the app's providers around the tree, and
// tRPC client errors shaped like the ones our API's error formatter sends.
import { render, type RenderResult } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import type { ReactElement, ReactNode } from 'react';
import { I18nProvider } from '../i18n';
import { ToastProvider } from '../ui/toast';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <ToastProvider>{children}</ToastProvider>
    </I18nProvider>
  );
}

export function renderWithProviders(ui: ReactElement): RenderResult {
  localStorage.setItem('mdsc.locale', 'fr');
  return render(ui, { wrapper: Providers });
}

export interface ErrorDataInput {
  code: string;
  httpStatus?: number;
  field?: string | null;
  reason?: string | null;
  retryAfterSeconds?: number | null;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null;
}

/** A TRPCClientError as the browser receives it from packages/api/src/trpc.ts's errorFormatter. */
export function trpcError(message: string, data: ErrorDataInput): TRPCClientError<never> {
  const full = { httpStatus: 400, field: null, reason: null, retryAfterSeconds: null, zodError: null, ...data };
  return TRPCClientError.from({ error: { code: -32600, message, data: full } } as never) as TRPCClientError<never>;
}
