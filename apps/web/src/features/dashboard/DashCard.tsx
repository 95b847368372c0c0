// The pieces every dashboard panel is made of: the panel (its query's states, then a grid of cards),
// a card labelled by its heading, and a list that says when it is empty.
import type { ReactNode } from 'react';
import { QueryState, type QueryLike } from '../../ui/QueryState';

export function DashPanel<D>({
  query,
  testId,
  children,
}: {
  query: QueryLike<D>;
  testId?: string;
  children(d: D): ReactNode;
}) {
  return (
    <QueryState query={query}>
      {(d) => (
        <div className="dash-grid" data-testid={testId}>
          {children(d)}
        </div>
      )}
    </QueryState>
  );
}

/** A section labelled by its h2 (`id`); `action` is a link beside the heading. */
export function DashCard({
  id,
  title,
  className = 'card',
  testId,
  action,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  testId?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const heading = <h2 id={id}>{title}</h2>;
  return (
    <section className={className} aria-labelledby={id} data-testid={testId}>
      {action ? (
        <div className="row">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

/** `items` as a list (`className`), or `none` in muted text when there are none. */
export function DashList<T>({
  items,
  none,
  className = 'list',
  children,
}: {
  items: readonly T[];
  none: string;
  className?: string;
  children(item: T): ReactNode;
}) {
  if (items.length === 0) return <p className="muted">{none}</p>;
  return <ul className={className}>{items.map(children)}</ul>;
}
