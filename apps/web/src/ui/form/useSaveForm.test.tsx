// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { renderWithProviders, trpcError } from '../../test/render';
import { Form, SubmitButton, TextField, useSaveForm } from './index';

afterEach(cleanup);

const schema = z.object({ name: z.string().trim().min(1).max(40) });
interface Item {
  id: number;
  name: string;
}

function Harness({
  item,
  create,
  update,
  afterSave,
}: {
  item?: Item;
  create(v: unknown): Promise<Item>;
  update(v: unknown): Promise<Item>;
  afterSave?(saved: Item, created: boolean): unknown;
}) {
  const form = useSaveForm(schema, {
    item,
    toForm: (i) => ({ name: i?.name ?? '' }),
    create: { mutateAsync: create },
    update: { mutateAsync: update },
    parent: { quizId: 3 },
    body: (v) => ({ name: v.name.toUpperCase() }),
    afterSave,
    success: { created: (s) => `créé ${s.id}`, updated: 'modifié' },
    messages: { name: 'gam.admin.error.name' },
  });
  return (
    <Form form={form} aria-label="Test form">
      <TextField name="name" label="Nom" />
      <SubmitButton>Enregistrer</SubmitButton>
    </Form>
  );
}

describe('useSaveForm', () => {
  it('without an item: creates in the parent, toasts, reports a creation and empties the form', async () => {
    const create = vi.fn().mockResolvedValue({ id: 9, name: 'QUIZ' });
    const update = vi.fn();
    const afterSave = vi.fn();
    renderWithProviders(<Harness create={create} update={update} afterSave={afterSave} />);
    await userEvent.type(screen.getByLabelText('Nom'), ' quiz ');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(create).toHaveBeenCalledWith({ name: 'QUIZ', quizId: 3 }));
    expect(update).not.toHaveBeenCalled();
    expect(afterSave).toHaveBeenCalledWith({ id: 9, name: 'QUIZ' }, true);
    await screen.findByText('créé 9');
    await waitFor(() => expect((screen.getByLabelText('Nom') as HTMLInputElement).value).toBe(''));
  });

  it('with an item: starts from its values, updates it by id (no parent) and keeps the saved values', async () => {
    const create = vi.fn();
    const update = vi.fn().mockResolvedValue({ id: 4, name: 'NOUVEAU' });
    const afterSave = vi.fn();
    renderWithProviders(<Harness item={{ id: 4, name: 'Ancien' }} create={create} update={update} afterSave={afterSave} />);
    const input = screen.getByLabelText('Nom') as HTMLInputElement;
    expect(input.value).toBe('Ancien');
    await userEvent.clear(input);
    await userEvent.type(input, 'nouveau');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(update).toHaveBeenCalledWith({ name: 'NOUVEAU', id: 4 }));
    expect(create).not.toHaveBeenCalled();
    expect(afterSave).toHaveBeenCalledWith({ id: 4, name: 'NOUVEAU' }, false);
    await screen.findByText('modifié');
    expect(input.value).toBe('nouveau');
  });

  it('a failed save runs nothing after it and puts the server error on its field', async () => {
    const create = vi.fn().mockRejectedValue(
      trpcError('Invalid input', { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: { name: ['Too small'] } } }),
    );
    const afterSave = vi.fn();
    renderWithProviders(<Harness create={create} update={vi.fn()} afterSave={afterSave} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(document.querySelector('[data-field-error="name"]')?.textContent).toBe('De 2 à 255 caractères.'));
    expect(afterSave).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Nom') as HTMLInputElement).value).toBe('x');
  });
});
