// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { PagedQueryState, QueryState, QueryTable } from './QueryState';

afterEach(cleanup);

const q = <D,>(over: Partial<{ data: D; isPending: boolean; isError: boolean; error: unknown }>) => ({
  data: undefined as D | undefined,
  isPending: false,
  isError: false,
  refetch: vi.fn(),
  ...over,
});

describe('QueryState', () => {
  it('shows a busy skeleton while loading, never the children', () => {
    const children = vi.fn(() => <p>données</p>);
    renderWithProviders(<QueryState query={q<string[]>({ isPending: true })}>{children}</QueryState>);
    const status = screen.getByRole('status', { name: 'Chargement…' });
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(status.getAttribute('aria-label')).toBe('Chargement…');
    expect(children).not.toHaveBeenCalled();
  });

  it('shows the error with a retry that refetches, the page’s own text and a way out', async () => {
    const query = q<string[]>({ isError: true, error: { data: { code: 'NOT_FOUND' } } });
    renderWithProviders(
      <QueryState
        query={query}
        errorText={(e) => ((e as { data: { code: string } }).data.code === 'NOT_FOUND' ? 'Introuvable.' : undefined)}
        errorAction={<a href="/back">Retour</a>}
      >
        {() => <p>données</p>}
      </QueryState>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Introuvable.');
    expect(screen.getByRole('link', { name: 'Retour' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(query.refetch).toHaveBeenCalledTimes(1);
  });

  it('falls back to the generic error text', () => {
    renderWithProviders(<QueryState query={q<string[]>({ isError: true })}>{() => null}</QueryState>);
    expect(screen.getByRole('alert').textContent).toContain('Impossible de charger les données.');
  });

  it('shows the empty state, then the children once there is data', () => {
    const { rerender } = renderWithProviders(
      <QueryState query={q<string[]>({ data: [] })} isEmpty={(d) => d.length === 0} empty="Aucun cours.">
        {(d) => <p>{d.join(', ')}</p>}
      </QueryState>,
    );
    expect(screen.getByText('Aucun cours.')).toBeTruthy();
    rerender(
      <QueryState query={q<string[]>({ data: ['a', 'b'] })} isEmpty={(d) => d.length === 0} empty="Aucun cours.">
        {(d) => <p>{d.join(', ')}</p>}
      </QueryState>,
    );
    expect(screen.getByText('a, b')).toBeTruthy();
    expect(screen.queryByText('Aucun cours.')).toBeNull();
  });

  it('keeps showing data when a background refetch fails', () => {
    renderWithProviders(<QueryState query={q<string[]>({ data: ['gardé'], isError: true })}>{(d) => <p>{d[0]}</p>}</QueryState>);
    expect(screen.getByText('gardé')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('PagedQueryState', () => {
  it('flattens the pages and offers the next page while there is one', async () => {
    const fetchNextPage = vi.fn();
    const paged = {
      data: { pages: [{ items: ['un', 'deux'] }, { items: ['trois'] }] },
      isPending: false,
      isError: false,
      refetch: vi.fn(),
      hasNextPage: true,
      isFetchingNextPage: false,
      fetchNextPage,
    };
    const { rerender } = renderWithProviders(
      <PagedQueryState query={paged} more="Plus">
        {(items) => <p>{items.join(' ')}</p>}
      </PagedQueryState>,
    );
    expect(screen.getByText('un deux trois')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Plus' }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(
      <PagedQueryState query={{ ...paged, hasNextPage: false }} more="Plus">
        {(items) => <p>{items.join(' ')}</p>}
      </PagedQueryState>,
    );
    expect(screen.queryByRole('button', { name: 'Plus' })).toBeNull();
  });
});

describe('QueryTable', () => {
  const rows = [
    { queue: 'mail', failed: 2 },
    { queue: 'pdf', failed: 0 },
  ];
  const table = (data: typeof rows) => (
    <QueryTable
      query={q({ data })}
      empty="Aucune file."
      label="Files"
      rowKey={(r) => r.queue}
      columns={[
        { header: 'File', rowHeader: true, cell: (r) => r.queue },
        { header: 'Échecs', cell: (r) => String(r.failed), className: (r) => (r.failed > 0 ? 'bad' : undefined) },
      ]}
    />
  );

  it('renders a captioned table from column definitions: headers, row headers, cells and their classes', () => {
    renderWithProviders(table(rows));
    expect(screen.getByRole('region', { name: 'Files' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['File', 'Échecs']);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['mail', 'pdf']);
    const cells = screen.getAllByRole('cell');
    expect(cells.map((c) => [c.textContent, c.className])).toEqual([
      ['2', 'bad'],
      ['0', ''],
    ]);
  });

  it('says when there are no rows instead of an empty table', () => {
    renderWithProviders(table([]));
    expect(screen.getByText('Aucune file.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
