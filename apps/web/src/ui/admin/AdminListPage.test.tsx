// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { activeOptions, AdminListPage, FilterSelect, statusMatches, useDebounced, useEditor } from './AdminListPage';
import { useI18n } from '../../i18n';

afterEach(cleanup);

interface Row {
  id: number;
  name: string;
  isActive: boolean;
}
const ROWS: Row[] = [
  { id: 1, name: 'Premier pas', isActive: true },
  { id: 2, name: 'Marathonien', isActive: false },
  { id: 3, name: 'Premier quiz', isActive: true },
];

function Page({ rows = ROWS, onDelete = vi.fn(), more }: { rows?: Row[]; onDelete?: (r: Row) => void; more?: Parameters<typeof AdminListPage<Row>>[0]['more'] }) {
  const { t } = useI18n();
  const editor = useEditor<Row>();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(search, 0).toLowerCase();
  const items = rows.filter((r) => r.name.toLowerCase().includes(q) && statusMatches(status, r.isActive));
  return (
    <AdminListPage
      title="Badges"
      testId="rows"
      query={{ data: items, isPending: false, isError: false, refetch: vi.fn() }}
      getKey={(r) => r.id}
      itemProps={(r) => ({ 'data-name': r.name })}
      search={{ label: 'Rechercher', value: search, onChange: setSearch }}
      filters={<FilterSelect label="Statut" value={status} onChange={setStatus} options={activeOptions(t)} />}
      empty="Aucun badge."
      more={more}
      renderItem={(r) => <h2>{r.name}</h2>}
      actions={(r) => (
        <>
          <button onClick={() => editor.edit(r)}>Modifier</button>
          <button onClick={() => onDelete(r)}>Supprimer</button>
        </>
      )}
      editor={editor}
      newLabel="Nouveau"
      formTitle={editor.editing?.mode === 'edit' ? `Modifier « ${editor.editing.item.name} »` : 'Nouveau badge'}
      renderForm={(editing) => (
        <form aria-label="Formulaire">
          <p>{editing.mode === 'edit' ? `édition de ${editing.item.id}` : 'création'}</p>
          <button type="button" onClick={editor.close}>
            Annuler
          </button>
        </form>
      )}
    />
  );
}

const rowNames = () => within(screen.getByTestId('rows')).getAllByRole('heading').map((h) => h.textContent);

describe('AdminListPage', () => {
  it('lists rows with their attributes and actions', async () => {
    const onDelete = vi.fn();
    renderWithProviders(<Page onDelete={onDelete} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Badges' })).toBeTruthy();
    expect(rowNames()).toEqual(['Premier pas', 'Marathonien', 'Premier quiz']);
    const row = document.querySelector('[data-name="Marathonien"]') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: 'Supprimer' }));
    expect(onDelete).toHaveBeenCalledWith(ROWS[1]);
  });

  it('narrows the list by search and by filter, and says when nothing matches', async () => {
    renderWithProviders(<Page />);
    await userEvent.type(screen.getByLabelText('Rechercher'), 'premier');
    await screen.findByText('Premier quiz');
    expect(rowNames()).toEqual(['Premier pas', 'Premier quiz']);
    await userEvent.clear(screen.getByLabelText('Rechercher'));
    await userEvent.selectOptions(screen.getByLabelText('Statut'), 'inactive');
    expect(rowNames()).toEqual(['Marathonien']);
    await userEvent.type(screen.getByLabelText('Rechercher'), 'zzz');
    expect(await screen.findByText('Aucun badge.')).toBeTruthy();
  });

  it('opens the side form for a new item and for a row, and closes it', async () => {
    renderWithProviders(<Page />);
    expect(screen.queryByRole('form', { name: 'Formulaire' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau' }));
    const side = screen.getByRole('complementary', { name: 'Nouveau badge' });
    expect(within(side).getByText('création')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Nouveau' }) as HTMLButtonElement).disabled).toBe(true);

    const row = document.querySelector('[data-name="Premier quiz"]') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: 'Modifier' }));
    expect(screen.getByRole('complementary', { name: 'Modifier « Premier quiz »' })).toBeTruthy();
    expect(screen.getByText('édition de 3')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('fetches the next cursor page on "Show more" while the API has one', async () => {
    const fetchNextPage = vi.fn();
    const { rerender } = renderWithProviders(<Page more={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(<Page more={{ hasNextPage: true, isFetchingNextPage: true, fetchNextPage }} />);
    expect(screen.getByRole('button', { name: 'Afficher plus' }).getAttribute('aria-busy')).toBe('true');
    rerender(<Page more={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage }} />);
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
  });
});
