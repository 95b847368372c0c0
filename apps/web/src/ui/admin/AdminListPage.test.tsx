// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AdminListPage, useEditor, type AdminListPageProps, type ToggleMutation } from './AdminListPage';

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

function Page({
  rows = ROWS,
  onDelete = vi.fn(),
  more,
  toggle,
  ownActions,
}: {
  rows?: Row[];
  onDelete?: (r: Row) => void;
  more?: AdminListPageProps<Row>['more'];
  toggle?: ToggleMutation;
  /** The page's own row button opens the form (no New, no Edit). */
  ownActions?: boolean;
}) {
  const editor = useEditor<Row>();
  return (
    <AdminListPage<Row>
      texts="gam.admin.badges"
      testId="rows"
      query={{ data: rows, isPending: false, isError: false, refetch: vi.fn() }}
      itemProps={(r) => ({ 'data-name': r.name })}
      active={toggle ?? true}
      more={more}
      details={(r) => <p>n° {r.id}</p>}
      remove={{ run: onDelete }}
      editor={editor}
      opens={ownActions ? 'actions' : undefined}
      formTitle={ownActions ? (r) => `Décider pour ${r.name}` : undefined}
      actions={ownActions ? (r) => <button onClick={() => editor.edit(r)}>Décider</button> : undefined}
      renderForm={(item, close) => (
        <form aria-label="Formulaire">
          <p>{item ? `édition de ${item.id}` : 'création'}</p>
          <button type="button" onClick={close}>
            Fermer
          </button>
        </form>
      )}
    />
  );
}

const rowNames = () =>
  within(screen.getByTestId('rows'))
    .getAllByRole('heading')
    .map((h) => h.textContent?.trim());

describe('AdminListPage', () => {
  it('lists rows with their attributes; Delete asks first', async () => {
    const onDelete = vi.fn();
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    renderWithProviders(<Page onDelete={onDelete} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Badges' })).toBeTruthy();
    expect(rowNames()).toEqual(['Premier pas', 'Marathonien', 'Premier quiz']);
    const row = document.querySelector('[data-name="Marathonien"]') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: 'Supprimer' }));
    expect(confirm).toHaveBeenLastCalledWith('Supprimer « Marathonien » ?');
    expect(onDelete).not.toHaveBeenCalled();
    await userEvent.click(within(row).getByRole('button', { name: 'Supprimer' }));
    expect(onDelete).toHaveBeenCalledWith(ROWS[1]);
    vi.unstubAllGlobals();
  });

  it('narrows the list by search and by filter, and says when nothing matches', async () => {
    renderWithProviders(<Page />);
    await userEvent.type(screen.getByLabelText('Rechercher'), 'premier');
    await waitFor(() => expect(rowNames()).toEqual(['Premier pas', 'Premier quiz']));
    await userEvent.clear(screen.getByLabelText('Rechercher'));
    await userEvent.selectOptions(screen.getByLabelText('Statut'), 'inactive');
    await waitFor(() => expect(rowNames()).toEqual(['Marathonien']));
    await userEvent.type(screen.getByLabelText('Rechercher'), 'zzz');
    expect(await screen.findByText('Aucun badge pour le moment.')).toBeTruthy();
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

    await userEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('a page’s own row action opens the side form with the page’s title; no New or Edit then', async () => {
    renderWithProviders(<Page ownActions />);
    expect(screen.queryByRole('button', { name: 'Nouveau' })).toBeNull();
    const row = document.querySelector('[data-name="Marathonien"]') as HTMLElement;
    expect(within(row).queryByRole('button', { name: 'Modifier' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'Décider' }));
    const side = screen.getByRole('complementary', { name: 'Décider pour Marathonien' });
    expect(within(side).getByText('édition de 2')).toBeTruthy();
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

  it('switches a row on or off with the toggle mutation, busy on that row only', async () => {
    const mutate = vi.fn();
    const { rerender } = renderWithProviders(<Page toggle={{ mutate, isPending: false }} />);
    const off = document.querySelector('[data-name="Marathonien"]') as HTMLElement;
    await userEvent.click(within(off).getByRole('button', { name: 'Réactiver' }));
    expect(mutate).toHaveBeenLastCalledWith({ id: 2, isActive: true });
    const on = document.querySelector('[data-name="Premier pas"]') as HTMLElement;
    await userEvent.click(within(on).getByRole('button', { name: 'Désactiver' }));
    expect(mutate).toHaveBeenLastCalledWith({ id: 1, isActive: false });
    rerender(<Page toggle={{ mutate, isPending: true, variables: { id: 1 } }} />);
    expect(within(on).getByRole('button', { name: 'Désactiver' }).getAttribute('aria-busy')).toBe('true');
    expect(within(off).getByRole('button', { name: 'Réactiver' }).getAttribute('aria-busy')).toBeNull();
  });
});
