// Categories for admins: the list (active or not, with their colour and course count), the side form
// to create or edit one (checked with the server's schema), and (de)activation.
import type { RouterOutputs } from '@mdsc/api';
import { categoryCreateInput } from '@mdsc/validators';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { AdminListPage, useEditor } from '../../ui/admin/AdminListPage';
import { EnglishNameFields, Form, FormActions, TextField, useSaveForm } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';

type Item = RouterOutputs['categories']['adminList'][number];

const DEFAULT_COLOUR = '#0f5e9c';

const toForm = (c?: Item) => ({
  name: c?.name ?? '',
  description: c?.description ?? '',
  color: c?.color ?? DEFAULT_COLOUR,
  nameEn: c?.nameEn ?? '',
  descriptionEn: c?.descriptionEn ?? '',
});

function CategoryForm({ category, onDone }: { category?: Item; onDone(): void }) {
  const { t } = useI18n();
  const refresh = useCategoriesRefresh();
  const form = useSaveForm(categoryCreateInput, {
    item: category,
    toForm,
    create: trpc.categories.create.useMutation(),
    update: trpc.categories.update.useMutation(),
    // Only the fields this form shows (an edit leaves the icon alone).
    body: ({ name, description, color, nameEn, descriptionEn }) => ({
      name,
      description,
      color,
      nameEn,
      descriptionEn,
    }),
    // The create form stays open for the next category.
    afterSave: async (_, created) => {
      await refresh();
      if (!created) onDone();
    },
    success: {
      created: (saved) => t('adminCat.created', { name: saved.name }),
      updated: t('adminCat.updated'),
    },
  });
  return (
    <Form form={form} data-testid="category-form" aria-label={category ? t('admin.list.editNamed', { name: category.name }) : t('adminCat.new')}>
      <TextField name="name" label={t('adminCat.name')} required maxLength={255} />
      <TextField name="description" label={t('adminCat.description')} maxLength={2000} />
      <EnglishNameFields />
      <TextField name="color" type="color" label={t('adminCat.colour')} />
      <FormActions save={category ? t('gam.admin.save') : t('adminCat.create')} onCancel={onDone} />
    </Form>
  );
}

/** Refetches the admin list and the public one (catalogue filters). */
function useCategoriesRefresh() {
  const utils = trpc.useUtils();
  return () => Promise.all([utils.categories.adminList.invalidate(), utils.categories.list.invalidate()]);
}

export function AdminCategoriesPage() {
  const { t } = useI18n();
  const list = trpc.categories.adminList.useQuery();
  // The create form is open from the start: adding a category is what this page is mostly for.
  const editor = useEditor<Item>({ mode: 'new' });
  const toggle = trpc.categories.update.useMutation(useActionFeedback()(t('adminCat.updated'), useCategoriesRefresh()));

  return (
    <AdminListPage
      texts="adminCat"
      testId="admin-categories"
      query={list}
      itemProps={(c) => ({ 'data-category': c.name })}
      active={toggle}
      lead={(c) => <span className="dot" style={c.color ? { background: c.color } : undefined} aria-hidden="true" />}
      details={(c) => <p className="small muted">{t('categories.courses', { count: c.courseCount })}</p>}
      editor={editor}
      renderForm={(c, close) => <CategoryForm category={c} onDone={close} />}
    />
  );
}
