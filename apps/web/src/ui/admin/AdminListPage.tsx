// The one admin pattern (badges, challenges, categories, users): a title with a "New" button, a
// search box and filters, the list in a QueryState with each row's actions, "Show more" where the
// API pages with cursors, and a side form (beside the list on wide screens, above it on phones).
// A page keeps only its own row content, filters, actions and form.
import { useEffect, useId, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { Button } from '../components';
import { SubmitButton } from '../form/fields';
import { QueryState } from '../QueryState';
import './admin.css';

interface ListQuery<Item> {
  data: Item[] | undefined;
  isPending: boolean;
  isError: boolean;
  refetch(): unknown;
}

/** Cursor pagination of an infinite query. */
export interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/** Which form is open: none, a new item, or the item being edited. */
export type Editing<Item> = { mode: 'new' } | { mode: 'edit'; item: Item } | null;

export function useEditor<Item>(initial: Editing<Item> = null) {
  const [editing, setEditing] = useState<Editing<Item>>(initial);
  return {
    editing,
    create: () => setEditing({ mode: 'new' }),
    edit: (item: Item) => setEditing({ mode: 'edit', item }),
    close: () => setEditing(null),
  };
}
export type Editor<Item> = ReturnType<typeof useEditor<Item>>;

/** Text typed in the search box, passed on after a pause in typing (slow connections). */
export function useDebounced(value: string, ms = 300): string {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setOut(value.trim()), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return out;
}

/** A labelled filter select; '' means "all". */
export function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: NoInfer<V> | '';
  onChange(v: NoInfer<V> | ''): void;
  options: readonly { value: V; label: string }[];
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{t('admin.list.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Active / inactive, for the status filters. */
export const activeOptions = (t: ReturnType<typeof useI18n>['t']) =>
  [
    { value: 'active', label: t('admin.list.active') },
    { value: 'inactive', label: t('admin.list.inactive') },
  ] as const;

/** Keeps an item when its status matches the filter ('' = all). */
export const statusMatches = (filter: 'active' | 'inactive' | '', isActive: boolean) => !filter || isActive === (filter === 'active');

export interface AdminListPageProps<Item> {
  title: string;
  /** The list's data-testid. */
  testId: string;
  query: ListQuery<Item>;
  getKey(item: Item): string | number;
  renderItem(item: Item): ReactNode;
  actions?(item: Item): ReactNode;
  /** Extra attributes of a row (data-* used by tests and links). */
  itemProps?(item: Item): HTMLAttributes<HTMLLIElement> & Record<`data-${string}`, string>;
  /** Search: `value`/`onChange` are the raw text; filter with useDebounced in the page. */
  search?: { label: string; value: string; onChange(v: string): void; testId?: string };
  filters?: ReactNode;
  empty: string;
  more?: MorePages;
  /** The side form, and what opens it. */
  editor?: Editor<Item>;
  newLabel?: string;
  formTitle?: string;
  renderForm?(editing: NonNullable<Editing<Item>>): ReactNode;
}

export function AdminListPage<Item>(p: AdminListPageProps<Item>) {
  const { t } = useI18n();
  const titleId = useId();
  const formTitleId = useId();
  const editing = p.editor?.editing ?? null;
  return (
    <section className="stack admin-page" aria-labelledby={titleId}>
      <div className="row">
        <h1 id={titleId}>{p.title}</h1>
        {p.editor && p.newLabel && (
          <Button onClick={p.editor.create} disabled={editing?.mode === 'new'}>
            {p.newLabel}
          </Button>
        )}
      </div>
      <div className={editing ? 'admin-layout with-form' : 'admin-layout'}>
        {editing && p.renderForm && (
          <aside className="card admin-side" aria-labelledby={formTitleId}>
            <h2 id={formTitleId}>{p.formTitle}</h2>
            {p.renderForm(editing)}
          </aside>
        )}
        <div className="stack admin-main">
          {(p.search || p.filters) && (
            <div className="filters" role="search">
              {p.search && (
                <div className="field">
                  <label htmlFor={`${titleId}-search`}>{p.search.label}</label>
                  <input
                    id={`${titleId}-search`}
                    type="search"
                    value={p.search.value}
                    onChange={(e) => p.search!.onChange(e.target.value)}
                    data-testid={p.search.testId}
                  />
                </div>
              )}
              {p.filters}
            </div>
          )}
          <QueryState query={p.query} isEmpty={(d) => d.length === 0} empty={p.empty}>
            {(items) => (
              <ul className="list admin-list" data-testid={p.testId}>
                {items.map((item) => (
                  <li key={p.getKey(item)} className="card admin-row" {...p.itemProps?.(item)}>
                    <div className="admin-row-main">{p.renderItem(item)}</div>
                    {p.actions && <div className="row-actions">{p.actions(item)}</div>}
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
          {p.more?.hasNextPage && (
            <Button variant="secondary" busy={p.more.isFetchingNextPage} onClick={() => void p.more!.fetchNextPage()}>
              {t('admin.list.more')}
            </Button>
          )}
        </div>
      </div>
    </section>
  );
}

/** Save and Cancel at the foot of a side form. */
export function AdminFormActions({ save, onCancel }: { save: string; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <SubmitButton>{save}</SubmitButton>
      <Button variant="secondary" onClick={onCancel}>
        {t('admin.list.cancel')}
      </Button>
    </div>
  );
}
