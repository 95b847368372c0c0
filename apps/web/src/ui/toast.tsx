// Toasts for the outcome of an action: one polite live region, so screen readers announce them
// without stealing focus; each toast goes away by itself or with its close button.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export type ToastTone = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}
interface ToastApi {
  show(text: string, tone?: ToastTone): void;
  success(text: string): void;
  error(text: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const LIFETIME_MS = 5000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (text: string, tone: ToastTone = 'info') => {
      const id = ++seq.current;
      setToasts((all) => [...all.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), LIFETIME_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ show, success: (s) => show(s, 'success'), error: (s) => show(s, 'error') }),
    [show],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toaster" aria-live="polite" role="status" data-testid="toaster">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast-${x.tone}`}>
            <span>{x.text}</span>
            <button type="button" className="icon ghost" onClick={() => dismiss(x.id)} aria-label={t('ui.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToast outside ToastProvider');
  return ctx;
}
