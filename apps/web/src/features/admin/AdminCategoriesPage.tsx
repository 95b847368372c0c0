// Categories for admins: the list (active or not, with their colour and course count), the side form
// to create or edit one (checked with the server's schema), and (de)activation.
import type { RouterOutputs } from '@mdsc/api';
import { categoryCreateInput } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import {
  activeOptions,
  AdminFormActions,
  AdminListPage,
  FilterSelect,
  statusMatches,
  useDebounced,
  useEditor,
  type Editing,
} from '../../ui/admin/AdminListPage';
import { Badge, Button } from '../../ui/components';
import { actionErrorText, Form, TextField, useZodForm } from '../../ui/form';
import { useToast } from '../../ui/toast';

type Item = RouterOutputs['categories']['list'][number];

const DEFAULT_COLOUR = '#0f5e9c';

function CategoryForm({ editing, onDone }: { editing: NonNullable<Editing<Item>>; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const create = trpc.categories.create.useMutation();
  const update = trpc.categories.update.useMutation();
  const category = editing.mode === 'edit' ? editing.item : undefined;
  const form = useZodForm(categoryCreateInput, {
    defaultValues: {
      name: category?.name ?? '',
      description: category?.description ?? '',
      color: category?.color ?? DEFAULT_COLOUR,
    },
    onSubmit: async ({ name, description, color }) => {
      // Only the fields this form shows (an edit leaves the icon alone).
      const body = { name, description, color };
      const saved = category ? await update.mutateAsync({ id: category.id, ...body }) : await create.mutateAsync(body);
      await utils.categories.list.invalidate();
      if (category) onDone();
      return saved;
    },
    success: (saved) => (category ? t('adminCat.updated') : t('adminCat.created', { name: saved.name })),
    resetOnSuccess: !category,
  });
  return (
    <Form form={form} data-testid="category-form" aria-label={category ? t('admin.list.editNamed', { name: category.name }) : t('adminCat.new')}>
      <TextField name="name" label={t('adminCat.name')} required maxLength={255} />
      <TextField name="description" label={t('adminCat.description')} maxLength={2000} />
      <TextField name="color" type="color" label={t('adminCat.colour')} />
      <AdminFormActions save={category ? t('gam.admin.save') : t('adminCat.create')} onCancel={onDone} />
    </Form>
  );
}

export function AdminCategoriesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const list = trpc.categories.list.useQuery({ includeInactive: true });
  // The create form is open from the start: adding a category is what this page is mostly for.
  const editor = useEditor<Item>({ mode: 'new' });
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(search).toLowerCase();
  const toggle = trpc.categories.update.useMutation({
    onSuccess: () => {
      toast.success(t('adminCat.updated'));
      return utils.categories.list.invalidate();
    },
    onError: (err) => toast.error(actionErrorText(t, err)),
  });
  const items = list.data?.filter((c) => (!q || c.name.toLowerCase().includes(q)) && statusMatches(status, c.isActive));

  return (
    <AdminListPage
      title={t('adminCat.title')}
      testId="admin-categories"
      query={{ ...list, data: items }}
      getKey={(c) => c.id}
      itemProps={(c) => ({ 'data-category': c.name })}
      search={{ label: t('admin.list.search'), value: search, onChange: setSearch }}
      filters={<FilterSelect label={t('admin.list.status')} value={status} onChange={setStatus} options={activeOptions(t)} />}
      empty={t('adminCat.empty')}
      renderItem={(c) => (
        <>
          <span className="dot" style={c.color ? { background: c.color } : undefined} aria-hidden="true" />
          <div>
            <h2 className="h3">
              {c.name} <Badge tone={c.isActive ? 'ok' : 'warn'}>{t(c.isActive ? 'adminCat.active' : 'adminCat.inactive')}</Badge>
            </h2>
            <p className="small muted">{t('categories.courses', { count: c.courseCount })}</p>
          </div>
        </>
      )}
      actions={(c) => (
        <>
          <Button variant="secondary" onClick={() => editor.edit(c)}>
            {t('admin.list.edit')}
          </Button>
          <Button
            variant="secondary"
            busy={toggle.isPending && toggle.variables?.id === c.id}
            onClick={() => toggle.mutate({ id: c.id, isActive: !c.isActive })}
          >
            {t(c.isActive ? 'adminCat.deactivate' : 'adminCat.activate')}
          </Button>
        </>
      )}
      editor={editor}
      newLabel={t('adminCat.new')}
      formTitle={editor.editing?.mode === 'edit' ? t('admin.list.editNamed', { name: editor.editing.item.name }) : t('adminCat.new')}
      renderForm={(editing) => (
        <CategoryForm key={editing.mode === 'edit' ? editing.item.id : 'new'} editing={editing} onDone={editor.close} />
      )}
    />
  );
}
