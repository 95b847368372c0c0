// Categories for admins: the list (active or not, with their colour and course count), the side form
// to create or edit one (checked with the server's schema), and (de)activation.
import type { RouterOutputs } from '@mdsc/api';
import { categoryCreateInput } from '@mdsc/validators';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { AdminFormActions, AdminListPage, saveItem, useEditor, type Editing } from '../../ui/admin/AdminListPage';
import { Badge, Button } from '../../ui/components';
import { Form, TextField, useZodForm } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';

type Item = RouterOutputs['categories']['list'][number];

const DEFAULT_COLOUR = '#0f5e9c';

function CategoryForm({ editing, onDone }: { editing: NonNullable<Editing<Item>>; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const { item: category, save } = saveItem(editing, trpc.categories.create.useMutation(), trpc.categories.update.useMutation());
  const form = useZodForm(categoryCreateInput, {
    defaultValues: {
      name: category?.name ?? '',
      description: category?.description ?? '',
      color: category?.color ?? DEFAULT_COLOUR,
    },
    onSubmit: async ({ name, description, color }) => {
      // Only the fields this form shows (an edit leaves the icon alone).
      const body = { name, description, color };
      const saved = await save(body);
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
  const utils = trpc.useUtils();
  const list = trpc.categories.list.useQuery({ includeInactive: true });
  // The create form is open from the start: adding a category is what this page is mostly for.
  const editor = useEditor<Item>({ mode: 'new' });
  const toggle = trpc.categories.update.useMutation(useActionFeedback()(t('adminCat.updated'), () => utils.categories.list.invalidate()));

  return (
    <AdminListPage
      title={t('adminCat.title')}
      testId="admin-categories"
      query={list}
      getKey={(c) => c.id}
      itemName={(c) => c.name}
      itemProps={(c) => ({ 'data-category': c.name })}
      search={{ text: (c) => c.description ?? '' }}
      isActive={(c) => c.isActive}
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
        <Button
          variant="secondary"
          busy={toggle.isPending && toggle.variables?.id === c.id}
          onClick={() => toggle.mutate({ id: c.id, isActive: !c.isActive })}
        >
          {t(c.isActive ? 'adminCat.deactivate' : 'adminCat.activate')}
        </Button>
      )}
      editor={editor}
      newLabel={t('adminCat.new')}
      newTitle={t('adminCat.new')}
      renderForm={(editing, close) => <CategoryForm editing={editing} onDone={close} />}
    />
  );
}
