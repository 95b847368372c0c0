// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { renderWithProviders, trpcError } from '../../test/render';
import { CheckboxField, Form, NumberField, SelectField, SubmitButton, TextField, useZodForm, type ZodFormOptions } from './index';
import { actionErrorText, serverErrors } from './messages';

afterEach(cleanup);

const schema = z.object({
  name: z.string().trim().min(1).max(20),
  email: z.email(),
  value: z.number().int().min(1),
  tier: z.enum(['bronze', 'gold']),
  active: z.boolean(),
});
type Opts = Partial<ZodFormOptions<typeof schema, unknown>>;

function Harness({ onSubmit, ...rest }: Opts & { onSubmit: ZodFormOptions<typeof schema, unknown>['onSubmit'] }) {
  const form = useZodForm(schema, {
    defaultValues: { name: '', email: '', value: 1, tier: 'bronze', active: true },
    onSubmit,
    ...rest,
  });
  return (
    <Form form={form} aria-label="Test form">
      <TextField name="name" label="Nom" />
      <TextField name="email" type="email" label="E-mail" />
      <NumberField name="value" label="Seuil" />
      <SelectField name="tier" label="Rang" options={[{ value: 'bronze', label: 'Bronze' }, { value: 'gold', label: 'Or' }]} />
      <CheckboxField name="active" label="Actif" />
      <SubmitButton>Enregistrer</SubmitButton>
    </Form>
  );
}

describe('useZodForm + fields', () => {
  it('shows zod errors next to their fields, in French, and does not submit', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('E-mail'), 'pas-une-adresse');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const name = screen.getByLabelText('Nom');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    const nameError = document.querySelector('[data-field-error="name"]');
    expect(nameError?.textContent).toBe('Ce champ est obligatoire.');
    expect(name.getAttribute('aria-describedby')).toBe(nameError?.id);
    expect(document.querySelector('[data-field-error="email"]')?.textContent).toBe('Adresse e-mail invalide.');
    expect(screen.getByRole('alert').textContent).toBe('Vérifiez les champs signalés.');
    expect(onSubmit).not.toHaveBeenCalled();

    // Fixing a field clears its error as the user types.
    await userEvent.type(name, 'Aïcha');
    await waitFor(() => expect(document.querySelector('[data-field-error="name"]')).toBeNull());
  });

  it('submits the parsed values (numbers as numbers, booleans as booleans) and toasts success', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ id: 7 });
    renderWithProviders(<Harness onSubmit={onSubmit} success={(r) => `créé ${(r as { id: number }).id}`} resetOnSuccess />);
    await userEvent.type(screen.getByLabelText('Nom'), '  Premier pas ');
    await userEvent.type(screen.getByLabelText('E-mail'), 'a@b.ci');
    await userEvent.clear(screen.getByLabelText('Seuil'));
    await userEvent.type(screen.getByLabelText('Seuil'), '12');
    await userEvent.selectOptions(screen.getByLabelText('Rang'), 'gold');
    await userEvent.click(screen.getByLabelText('Actif'));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ name: 'Premier pas', email: 'a@b.ci', value: 12, tier: 'gold', active: false });
    await screen.findByText('créé 7');
    // Reset to the defaults after a create.
    await waitFor(() => expect((screen.getByLabelText('Nom') as HTMLInputElement).value).toBe(''));
  });

  it('puts the server’s zod field errors on the fields (renamed and with the form’s own message)', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      trpcError('Invalid input', { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: { criteria: ['Too small'] } } }),
    );
    renderWithProviders(
      <Harness onSubmit={onSubmit} fieldMap={{ criteria: 'value' }} messages={{ criteria: 'gam.admin.error.criteria' }} />,
    );
    await userEvent.type(screen.getByLabelText('Nom'), 'Badge');
    await userEvent.type(screen.getByLabelText('E-mail'), 'a@b.ci');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const seuil = screen.getByLabelText('Seuil');
    await waitFor(() => expect(seuil.getAttribute('aria-invalid')).toBe('true'));
    expect(document.querySelector('[data-field-error="value"]')?.textContent).toMatch(/^Seuil invalide pour cette condition/);
    expect(screen.getByRole('alert').textContent).toBe('Vérifiez les champs signalés.');
    expect(document.activeElement).toBe(seuil);
  });

  it('shows a DomainError on its field by reason, and other failures on the whole form', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(trpcError('password_too_common', { code: 'BAD_REQUEST', field: 'email' }))
      .mockRejectedValueOnce(trpcError('Too many', { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 120 }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Badge');
    await userEvent.type(screen.getByLabelText('E-mail'), 'a@b.ci');
    const save = screen.getByRole('button', { name: 'Enregistrer' });

    await userEvent.click(save);
    await waitFor(() =>
      expect(document.querySelector('[data-field-error="email"]')?.textContent).toBe(
        'Ce mot de passe est trop courant : choisissez-en un autre.',
      ),
    );
    await userEvent.click(save);
    await screen.findByText('Trop de tentatives. Réessayez dans 2 minutes.');
    await userEvent.click(save);
    await screen.findByText('Connexion impossible. Vérifiez votre réseau et réessayez.');
    expect(onSubmit).toHaveBeenCalledTimes(3);
  });

  it('marks the submit button busy while submitting', async () => {
    let release!: () => void;
    const onSubmit = vi.fn(() => new Promise<void>((r) => (release = r)));
    renderWithProviders(<Harness onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Nom'), 'Badge');
    await userEvent.type(screen.getByLabelText('E-mail'), 'a@b.ci');
    const save = screen.getByRole('button', { name: 'Enregistrer' });
    await userEvent.click(save);
    await waitFor(() => expect(save.getAttribute('aria-busy')).toBe('true'));
    expect((save as HTMLButtonElement).disabled).toBe(true);
    release();
    await waitFor(() => expect(save.getAttribute('aria-busy')).toBeNull());
  });
});

describe('serverErrors / actionErrorText', () => {
  function T({ run }: { run: (t: ReturnType<typeof useI18n>['t']) => void }) {
    run(useI18n().t);
    return null;
  }
  it('maps codes to one message each, with per-page overrides', () => {
    renderWithProviders(
      <T
        run={(t) => {
          const conflict = trpcError('Badge held', { code: 'CONFLICT' });
          expect(actionErrorText(t, conflict)).toBe('Cet élément existe déjà ou est en cours d’utilisation.');
          expect(actionErrorText(t, conflict, { codes: { CONFLICT: 'gam.admin.conflict' } })).toMatch(/^Impossible : des apprenants/);
          expect(actionErrorText(t, trpcError('x', { code: 'FORBIDDEN' }))).toBe('Vous n’avez pas le droit de faire cela.');
          expect(serverErrors(t, trpcError('invalid_credentials', { code: 'UNAUTHORIZED' }))).toEqual({
            fields: {},
            form: 'Adresse e-mail ou mot de passe incorrect.',
          });
          // A field the server names but that has no specific text gets the generic one.
          expect(serverErrors(t, trpcError('bad', { code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: { title: ['x'] } } })).fields).toEqual({
            title: 'Valeur invalide.',
          });
        }}
      />,
    );
  });
});

describe('schema messages', () => {
  const pw = z
    .object({ subject: z.string().trim().pipe(z.string().min(1, 'required')), password: z.string(), confirm: z.string() })
    .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'passwordMismatch' });
  function PwForm() {
    const form = useZodForm(pw, { defaultValues: { subject: ' ', password: 'a', confirm: 'b' }, onSubmit: vi.fn() });
    return (
      <Form form={form}>
        <TextField name="subject" label="Objet" />
        <TextField name="password" label="Mot de passe" />
        <TextField name="confirm" label="Confirmation" />
        <SubmitButton>Envoyer</SubmitButton>
      </Form>
    );
  }
  it('translates a schema’s own reason codes (a refine’s, a pipe’s) instead of showing them raw', async () => {
    renderWithProviders(<PwForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() => expect(document.querySelector('[data-field-error="subject"]')?.textContent).toBe('Ce champ est obligatoire.'));
    await userEvent.type(screen.getByLabelText('Objet'), 'Bonjour');
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() =>
      expect(document.querySelector('[data-field-error="confirm"]')?.textContent).toBe('Les deux mots de passe ne correspondent pas.'),
    );
  });
});
