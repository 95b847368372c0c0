// The one admin pattern (badges, challenges, categories, users): a title with a "New" button, a
// search box and filters, the list in a QueryState with each row's actions, "Show more" where the
// API pages with cursors, and a side form (beside the list on wide screens, above it on phones).
// A page keeps only its own row content, filters, actions and form.
import { useEffect, useId, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { Badge, Button, ConfirmButton } from '../components';
import { Options } from '../form/fields';
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

/** The active badge shown beside an item's name. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <Badge tone={active ? 'ok' : 'warn'}>{t(active ? 'adminCat.active' : 'adminCat.inactive')}</Badge>;
}

/** The update mutation that switches an item on or off. */
export interface ToggleMutation {
  mutate(v: { id: number; isActive: boolean }): void;
  isPending: boolean;
  variables?: { id: number };
}

/** A listed item: rows are keyed by its id. */
interface Identified {
  id: number;
}

function ToggleButton({ mutation, id, active }: { mutation: ToggleMutation; id: number; active: boolean }) {
  const { t } = useI18n();
  return (
    <Button variant="secondary" busy={mutation.isPending && mutation.variables?.id === id} onClick={() => mutation.mutate({ id, isActive: !active })}>
      {t(active ? 'adminCat.deactivate' : 'adminCat.activate')}
    </Button>
  );
}

/** A prefix `p` of message keys with `p.title` and `p.empty` (and `p.new`, the new item's form title). */
type TitlePrefix<K = MessageKey> = K extends `${infer P}.title` ? P : never;
export type AdminTexts = { [P in TitlePrefix]: `${P}.empty` extends MessageKey ? P : never }[TitlePrefix];

export interface AdminListPageProps<Item extends Identified> {
  /** The page's texts: `<texts>.title`, `<texts>.empty`, `<texts>.new`. */
  texts: AdminTexts;
  /** The list's data-testid. */
  testId: string;
  query: ListQuery<Item>;
  /** The item's name: each row's heading, confirmations, local search (default: its `name`). */
  itemName?(item: Item): string;
  /** Before the row's heading (a colour dot, a medal). */
  lead?(item: Item): ReactNode;
  /** Beside the name in the row's heading (status badges). */
  badges?(item: Item): ReactNode;
  /** Under the row's heading (the item's facts). */
  details(item: Item): ReactNode;
  /** Row actions besides (De)activate, Edit and Delete. */
  actions?(item: Item): ReactNode;
  /** Extra attributes of a row (data-* used by tests and links). */
  itemProps?(item: Item): HTMLAttributes<HTMLLIElement> & Record<`data-${string}`, string>;
  /**
   * The search box: by default the loaded list is searched by name (and `text` if given); with
   * `onSearch` the text goes to the server instead (after a pause in typing).
   */
  search?: { label?: string; testId?: string; text?(item: Item): string; onSearch?(text: string): void };
  /**
   * Items that are active or not (their `isActive`): an Active/Inactive filter over the loaded list;
   * given the update mutation, each row also shows its state and a Deactivate/Reactivate button.
   */
  active?: true | ToggleMutation;
  /** Further filters: the page filters `query.data` itself. */
  filters?: ReactNode;
  more?: MorePages;
  /**
   * The side form: "New" opens it empty, each row's Edit with the row. `opens`: only "New" (items
   * are not edited), or only the page's own row actions (the form titled by `formTitle`).
   */
  editor?: Editor<Item>;
  /** The form of the item being edited, or of a new one (`item` undefined). */
  renderForm?(item: Item | undefined, close: () => void): ReactNode;
  opens?: 'new' | 'actions';
  formTitle?(item: Item): string;
  /** The page's further content, below the list (a report, a table). */
  after?: ReactNode;
  /** A Delete button on each row, after a confirmation. */
  remove?: { run(item: Item): void; pendingKey?: number | null };
}

export function AdminListPage<Item extends Identified>(p: AdminListPageProps<Item>) {
  const { t } = useI18n();
  const titleId = useId();
  const formTitleId = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(text);
  const onSearch = p.search?.onSearch;
  useEffect(() => onSearch?.(q), [q, onSearch]);
  const editing = p.editor?.editing ?? null;
  const newButton = p.opens !== 'actions';
  const rowEdit = !p.opens;
  const itemName = p.itemName ?? ((item: Item) => String((item as Item & { name?: string }).name ?? item.id));
  const isActive = (item: Item) => (item as Item & { isActive: boolean }).isActive;
  const toggle = typeof p.active === 'object' ? p.active : undefined;
  // An Edit clicked far down the list: bring the form that opened into view.
  const side = useRef<HTMLElement>(null);
  useEffect(() => {
    if (editing?.mode === 'edit') side.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [editing]);
  const local = (item: Item) =>
    (onSearch || !q || `${itemName(item)} ${p.search?.text?.(item) ?? ''}`.toLowerCase().includes(q.toLowerCase())) &&
    (!p.active || statusMatches(status, isActive(item)));
  const query = { ...p.query, data: p.query.data?.filter(local) };
  return (
    <section className="stack admin-page" aria-labelledby={titleId}>
      <div className="row">
        <h1 id={titleId}>{t(`${p.texts}.title` as MessageKey)}</h1>
        {p.editor && newButton && (
          <Button onClick={p.editor.create} disabled={editing?.mode === 'new'}>
            {t('admin.list.new')}
          </Button>
        )}
      </div>
      <div className={editing ? 'admin-layout with-form' : 'admin-layout'}>
        {editing && p.renderForm && p.editor && (
          <aside ref={side} className="card admin-side" aria-labelledby={formTitleId} key={editing.mode === 'edit' ? editing.item.id : 'new'}>
            <h2 id={formTitleId}>
              {editing.mode === 'new'
                ? t(`${p.texts}.new` as MessageKey)
                : (p.formTitle?.(editing.item) ?? t('admin.list.editNamed', { name: itemName(editing.item) }))}
            </h2>
            {p.renderForm(editing.mode === 'edit' ? editing.item : undefined, p.editor.close)}
          </aside>
        )}
        <div className="stack admin-main">
          <div className="filters" role="search">
            <div className="field">
              <label htmlFor={`${titleId}-search`}>{p.search?.label ?? t('admin.list.search')}</label>
              <input id={`${titleId}-search`} type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid={p.search?.testId} />
            </div>
            {p.filters}
            {p.active && <FilterSelect label={t('admin.list.status')} value={status} onChange={setStatus} options={activeOptions(t)} />}
          </div>
          <QueryState query={query} isEmpty={(d) => d.length === 0} empty={t(`${p.texts}.empty` as MessageKey)}>
            {(items) => (
              <ul className="list admin-list" data-testid={p.testId}>
                {items.map((item) => (
                  <li key={item.id} className="card admin-row" {...p.itemProps?.(item)}>
                    <div className="admin-row-main">
                      {p.lead?.(item)}
                      <div>
                        <h2 className="h3">
                          {itemName(item)}
                          {toggle && (
                            <>
                              {' '}
                              <ActiveBadge active={isActive(item)} />
                            </>
                          )}
                          {p.badges && <> {p.badges(item)}</>}
                        </h2>
                        {p.details(item)}
                      </div>
                    </div>
                    <div className="row-actions">
                      {p.actions?.(item)}
                      {toggle && <ToggleButton mutation={toggle} id={item.id} active={isActive(item)} />}
                      {p.editor && p.renderForm && rowEdit && (
                        <Button variant="secondary" onClick={() => p.editor!.edit(item)}>
                          {t('admin.list.edit')}
                        </Button>
                      )}
                      {p.remove && (
                        <ConfirmButton
                          busy={p.remove.pendingKey === item.id}
                          confirm={t('admin.list.confirmDelete', { name: itemName(item) })}
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
      {p.after}
    </section>
  );
}
