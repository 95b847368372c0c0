// The one admin pattern (badges, challenges, categories, users): a title with a "New" button, a
// search box and filters, the list in a QueryState with each row's actions, "Show more" where the
// API pages with cursors, and a side form (beside the list on wide screens, above it on phones).
// A page keeps only its own row content, filters, actions and form.
import { useEffect, useId, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { Button, ConfirmButton } from '../components';
import { Options, SubmitButton } from '../form/fields';
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

interface Mutation<V, R> {
  mutateAsync(v: V): Promise<R>;
}

/** A side form's save: `update` with the item's id when editing, else `create`. */
export function saveItem<Item extends { id: number }, B, R>(
  editing: NonNullable<Editing<Item>>,
  create: Mutation<B, R>,
  update: Mutation<B & { id: number }, R>,
): { item: Item | undefined; save(body: B): Promise<R> } {
  const item = editing.mode === 'edit' ? editing.item : undefined;
  return { item, save: (body) => (item ? update.mutateAsync({ ...body, id: item.id }) : create.mutateAsync(body)) };
}

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
        <Options options={[{ value: '', label: t('admin.list.all') }, ...options]} />
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
  /** The item's name (headings, confirmations, local search). */
  itemName(item: Item): string;
  renderItem(item: Item): ReactNode;
  /** Row actions besides Edit and Delete. */
  actions?(item: Item): ReactNode;
  /** Extra attributes of a row (data-* used by tests and links). */
  itemProps?(item: Item): HTMLAttributes<HTMLLIElement> & Record<`data-${string}`, string>;
  /**
   * Search: by default the loaded list is searched by name (and `searchText` if given); with
   * `onSearch` the text goes to the server instead (after a pause in typing).
   */
  search?: { label?: string; testId?: string; text?(item: Item): string; onSearch?(text: string): void };
  /** An Active/Inactive filter over the loaded list. */
  isActive?(item: Item): boolean;
  /** Further filters: the page filters `query.data` itself. */
  filters?: ReactNode;
  empty: string;
  more?: MorePages;
  /** The side form: "New" opens it empty, each row's Edit with the row. */
  editor?: Editor<Item>;
  newLabel?: string;
  newTitle?: string;
  renderForm?(editing: NonNullable<Editing<Item>>, close: () => void): ReactNode;
  /** A Delete button on each row, after a confirmation. */
  remove?: { run(item: Item): void; pendingKey?: string | number | null };
}

export function AdminListPage<Item>(p: AdminListPageProps<Item>) {
  const { t } = useI18n();
  const titleId = useId();
  const formTitleId = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(text);
  const onSearch = p.search?.onSearch;
  useEffect(() => onSearch?.(q), [q, onSearch]);
  const editing = p.editor?.editing ?? null;
  // An Edit clicked far down the list: bring the form that opened into view.
  const side = useRef<HTMLElement>(null);
  useEffect(() => {
    if (editing?.mode === 'edit') side.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [editing]);
  const local = (item: Item) =>
    (onSearch || !q || `${p.itemName(item)} ${p.search?.text?.(item) ?? ''}`.toLowerCase().includes(q.toLowerCase())) &&
    (!p.isActive || statusMatches(status, p.isActive(item)));
  const query = { ...p.query, data: p.query.data?.filter(local) };
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
        {editing && p.renderForm && p.editor && (
          <aside ref={side} className="card admin-side" aria-labelledby={formTitleId} key={editing.mode === 'edit' ? p.getKey(editing.item) : 'new'}>
            <h2 id={formTitleId}>
              {editing.mode === 'edit' ? t('admin.list.editNamed', { name: p.itemName(editing.item) }) : p.newTitle}
            </h2>
            {p.renderForm(editing, p.editor.close)}
          </aside>
        )}
        <div className="stack admin-main">
          <div className="filters" role="search">
            {p.search && (
              <div className="field">
                <label htmlFor={`${titleId}-search`}>{p.search.label ?? t('admin.list.search')}</label>
                <input
                  id={`${titleId}-search`}
                  type="search"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  data-testid={p.search.testId}
                />
              </div>
            )}
            {p.filters}
            {p.isActive && (
              <FilterSelect label={t('admin.list.status')} value={status} onChange={setStatus} options={activeOptions(t)} />
            )}
          </div>
          <QueryState query={query} isEmpty={(d) => d.length === 0} empty={p.empty}>
            {(items) => (
              <ul className="list admin-list" data-testid={p.testId}>
                {items.map((item) => (
                  <li key={p.getKey(item)} className="card admin-row" {...p.itemProps?.(item)}>
                    <div className="admin-row-main">{p.renderItem(item)}</div>
                    <div className="row-actions">
                      {p.actions?.(item)}
                      {p.editor && p.renderForm && (
                        <Button variant="secondary" onClick={() => p.editor!.edit(item)}>
                          {t('admin.list.edit')}
                        </Button>
                      )}
                      {p.remove && (
                        <ConfirmButton
                          busy={p.remove.pendingKey === p.getKey(item)}
                          confirm={t('admin.list.confirmDelete', { name: p.itemName(item) })}
                          onConfirm={() => p.remove!.run(item)}
                        >
                          {t('admin.list.delete')}
                        </ConfirmButton>
                      )}
                    </div>
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
