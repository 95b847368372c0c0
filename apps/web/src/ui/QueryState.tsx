// Loading, error (with a retry) and empty states for a query, so every page handles them the same way.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Button, DataTable, type Column } from './components';

export interface QueryLike<D> {
  data: D | undefined;
  isPending: boolean;
  isError: boolean;
  error?: unknown;
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

export function ErrorState({ onRetry, text, children }: { onRetry?: () => unknown; text?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <p>{text ?? t('common.error')}</p>
      <div className="row-actions">
        {onRetry && (
          <button type="button" onClick={() => void onRetry()} data-testid="retry">
            {t('common.retry')}
          </button>
        )}
        {children}
      </div>
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

/**
 * Renders `children(data)` once loaded; a skeleton meanwhile; an error with retry; `empty` when
 * `isEmpty`. Without children it renders nothing once loaded: a page that needs its data first
 * writes `if (!q.data) return <QueryState query={q} />`.
 */
export function QueryState<D>({
  query,
  children,
  isEmpty,
  empty,
  lines,
  errorText,
  errorAction,
  skeleton,
}: {
  query: QueryLike<D>;
  children?: (data: D) => ReactNode;
  isEmpty?: (data: D) => boolean;
  empty?: ReactNode;
  lines?: number;
  /** A specific message for this page's errors (not found, not enrolled…). */
  errorText?: (error: unknown) => string | undefined;
  /** A way out shown beside Retry (a link back). */
  errorAction?: ReactNode;
  /** A placeholder in the shape of what is coming (card grids), instead of lines. */
  skeleton?: ReactNode;
}) {
  const { t } = useI18n();
  if (query.data === undefined && query.isPending) return <>{skeleton ?? <Skeleton lines={lines} />}</>;
  if (query.data === undefined) {
    return (
      <ErrorState onRetry={() => query.refetch()} text={errorText?.(query.error)}>
        {errorAction}
      </ErrorState>
    );
  }
  if (isEmpty?.(query.data)) return <EmptyState>{empty ?? t('ui.empty')}</EmptyState>;
  return <>{children?.(query.data)}</>;
}

/** An infinite (cursor-paged) query: pages of `items`, and the means to fetch the next page. */
export interface PagedQuery<I> {
  data?: { pages: { items: I[] }[] };
  isPending: boolean;
  isError: boolean;
  error?: unknown;
  refetch(): unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/** The items of all pages loaded so far, as a plain list query for QueryState. */
export function flatPages<I>(q: PagedQuery<I>): QueryLike<I[]> {
  return { data: q.data?.pages.flatMap((p) => p.items), isPending: q.isPending, isError: q.isError, error: q.error, refetch: () => q.refetch() };
}

/** QueryState for a cursor-paged list, with "Show more" while the API has further pages. */
export function PagedQueryState<I>({
  query,
  children,
  empty,
  more,
  lines,
}: {
  query: PagedQuery<I>;
  children: (items: I[]) => ReactNode;
  empty?: ReactNode;
  more?: string;
  lines?: number;
}) {
  const { t } = useI18n();
  return (
    <>
      <QueryState query={flatPages(query)} isEmpty={(d) => d.length === 0} empty={empty} lines={lines}>
        {children}
      </QueryState>
      {query.hasNextPage && (
        <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {more ?? t('ui.more')}
        </Button>
      )}
    </>
  );
}

/** A list query shown as a DataTable, with the same loading, error and empty states as QueryState. */
export function QueryTable<Row>({
  query,
  empty,
  ...table
}: { query: QueryLike<Row[]>; empty: ReactNode; label: string; testId?: string; columns: readonly Column<Row>[]; rowKey(row: Row): string | number }) {
  return (
    <QueryState query={query} isEmpty={(d) => d.length === 0} empty={empty}>
      {(rows) => <DataTable {...table} rows={rows} />}
    </QueryState>
  );
}
