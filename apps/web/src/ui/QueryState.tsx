// Loading, error (with a retry) and empty states for a query, so every page handles them the same way.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

interface QueryLike<D> {
  data: D | undefined;
  isPending: boolean;
  isError: boolean;
  refetch(): unknown;
}

export function Skeleton({ lines = 3, label }: { lines?: number; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton-block" role="status" aria-busy="true" aria-label={label ?? t('common.loading')}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton skeleton-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function ErrorState({ onRetry, text }: { onRetry?: () => unknown; text?: string }) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <p>{text ?? t('common.error')}</p>
      {onRetry && (
        <button type="button" onClick={() => void onRetry()} data-testid="retry">
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="muted">{children}</p>
      {action}
    </div>
  );
}

/** Renders `children(data)` once loaded; a skeleton meanwhile; an error with retry; `empty` when `isEmpty`. */
export function QueryState<D>({
  query,
  children,
  isEmpty,
  empty,
  lines,
}: {
  query: QueryLike<D>;
  children: (data: D) => ReactNode;
  isEmpty?: (data: D) => boolean;
  empty?: ReactNode;
  lines?: number;
}) {
  const { t } = useI18n();
  if (query.isPending) return <Skeleton lines={lines} />;
  if (query.isError || query.data === undefined) return <ErrorState onRetry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) return <EmptyState>{empty ?? t('ui.empty')}</EmptyState>;
  return <>{children(query.data)}</>;
}
