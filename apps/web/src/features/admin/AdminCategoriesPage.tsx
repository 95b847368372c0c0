// Categories for admins: the list (active or not, with their colour and course count), a form to create
// one (checked with the server's schema; the server's field errors shown inline), and (de)activation.
import { categoryCreateInput } from '@mdsc/validators';
import { useId, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button, Card } from '../../ui/components';
import { checkWith, Field, FormError, serverErrors, useForm } from '../../ui/legacy-form';
import { QueryState } from '../../ui/QueryState';
import { useToast } from '../../ui/toast';

const DEFAULT_COLOUR = '#0f5e9c';

export function AdminCategoriesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const colourId = useId();
  const list = trpc.categories.list.useQuery({ includeInactive: true });
  const create = trpc.categories.create.useMutation();
  const update = trpc.categories.update.useMutation({
    onSuccess: async () => {
      toast.success(t('adminCat.updated'));
      await utils.categories.list.invalidate();
    },
    onError: (err) => toast.error(serverErrors(t, err).form ?? t('errors.generic')),
  });
  const form = useForm({ name: '', description: '', color: DEFAULT_COLOUR });
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { name: values.name, description: values.description || null, color: values.color };
    const invalid = checkWith(t, categoryCreateInput, input);
    if (invalid) return form.setErrors(invalid);
    try {
      const created = await create.mutateAsync(input);
      toast.success(t('adminCat.created', { name: created.name }));
      form.setValues({ name: '', description: '', color: DEFAULT_COLOUR });
      await utils.categories.list.invalidate();
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="stack">
      <h1>{t('adminCat.title')}</h1>
      <Card>
        <h2>{t('adminCat.new')}</h2>
        <form onSubmit={submit} noValidate className="form grid-2" data-testid="category-form" aria-label={t('adminCat.new')}>
          <FormError error={errors.form} />
          <Field name="name" label={t('adminCat.name')} value={values.name} onChange={set('name')} error={errors.name} required />
          <Field name="description" label={t('adminCat.description')} value={values.description} onChange={set('description')} error={errors.description} />
          <div className="field">
            <label htmlFor={colourId}>{t('adminCat.colour')}</label>
            <input id={colourId} type="color" value={values.color} onChange={(e) => set('color')(e.target.value)} />
            {errors.color && <p className="field-error">{errors.color}</p>}
          </div>
          <div className="form-actions">
            <Button type="submit" busy={create.isPending}>
              {t('adminCat.create')}
            </Button>
          </div>
        </form>
      </Card>
      <QueryState query={list} isEmpty={(d) => d.length === 0} empty={t('adminCat.empty')}>
        {(cats) => (
          <ul className="list" data-testid="admin-categories">
            {cats.map((c) => (
              <li key={c.id} data-category={c.name}>
                <Card as="div" accent={c.color} className="row">
                  <div>
                    <strong>{c.name}</strong>{' '}
                    <Badge tone={c.isActive ? 'ok' : 'warn'}>{t(c.isActive ? 'adminCat.active' : 'adminCat.inactive')}</Badge>
                    <p className="small muted">{t('categories.courses', { count: c.courseCount })}</p>
                  </div>
                  <Button
                    variant="secondary"
                    busy={update.isPending && update.variables?.id === c.id}
                    onClick={() => update.mutate({ id: c.id, isActive: !c.isActive })}
                  >
                    {t(c.isActive ? 'adminCat.deactivate' : 'adminCat.activate')}
                  </Button>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
