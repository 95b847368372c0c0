// Admin: the badge catalogue (name, description, icon, tier, category, rule), with holder counts.
import type { RouterOutputs } from '@mdsc/api';
import { BADGE_CRITERIA_TYPES, BADGE_TIERS, type BadgeTier } from '@mdsc/validators';
import { useState } from 'react';
import { z } from 'zod';
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
import { actionErrorText, CheckboxField, Form, SelectField, TextAreaField, TextField, useZodForm } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { CriteriaFields, criteriaFields, criteriaOf, criteriaRule, criteriaToForm, GAM_FORM_ERRORS } from './criteria-form';
import { describeCriteria } from './format';
import { TierMedal } from './TierMedal';
import './gamification.css';
import './gamification-celebration.css';

type Item = RouterOutputs['badges']['list'][number];

const schema = z
  .object({
    name: z.string().trim().min(2).max(255),
    description: z.string().max(2000),
    iconUrl: z.string().max(500),
    tier: z.enum(BADGE_TIERS),
    category: z.string().max(50),
    ...criteriaFields,
    isActive: z.boolean(),
  })
  .superRefine(criteriaRule('badge'));

function toForm(b?: Item): z.input<typeof schema> {
  return {
    name: b?.name ?? '',
    description: b?.description ?? '',
    iconUrl: b?.iconUrl ?? '',
    tier: b?.tier ?? 'bronze',
    category: b?.category ?? '',
    ...(b ? criteriaToForm(b.criteria) : { criteriaType: 'lessons_completed', value: 1, targetId: null }),
    isActive: b?.isActive ?? true,
  };
}

function BadgeForm({ editing, onDone }: { editing: NonNullable<Editing<Item>>; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const create = trpc.badges.create.useMutation();
  const update = trpc.badges.update.useMutation();
  const badge = editing.mode === 'edit' ? editing.item : undefined;
  const form = useZodForm(schema, {
    ...GAM_FORM_ERRORS,
    defaultValues: toForm(badge),
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        description: v.description || null,
        iconUrl: v.iconUrl || null,
        tier: v.tier,
        category: v.category || null,
        criteria: criteriaOf(v),
        isActive: v.isActive,
      };
      if (badge) await update.mutateAsync({ id: badge.id, ...body });
      else await create.mutateAsync(body);
      await Promise.all([utils.badges.list.invalidate(), utils.gamification.badges.invalidate()]);
      onDone();
    },
    success: t('gam.admin.saved'),
  });
  return (
    <Form form={form} data-testid="badge-form">
      <TextField name="name" label={t('gam.admin.name')} required maxLength={255} />
      <TextField name="iconUrl" label={t('gam.admin.icon')} maxLength={500} />
      <TextAreaField name="description" label={t('gam.admin.description')} rows={2} maxLength={2000} />
      <SelectField name="tier" label={t('gam.admin.tier')} options={BADGE_TIERS.map((x) => ({ value: x, label: t(`gam.tier.${x}`) }))} />
      <TextField name="category" label={t('gam.admin.category')} maxLength={50} />
      <CriteriaFields types={BADGE_CRITERIA_TYPES} />
      <CheckboxField name="isActive" label={t('gam.admin.active')} />
      <AdminFormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminBadgesPage() {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const list = trpc.badges.list.useQuery({ includeInactive: true });
  const editor = useEditor<Item>();
  const [search, setSearch] = useState('');
  const [tier, setTier] = useState<BadgeTier | ''>('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(search).toLowerCase();
  const remove = trpc.badges.delete.useMutation({
    onSuccess: () => {
      toast.success(t('gam.admin.deleted'));
      return Promise.all([utils.badges.list.invalidate(), utils.gamification.badges.invalidate()]);
    },
    onError: (e) => toast.error(actionErrorText(t, e, GAM_FORM_ERRORS)),
  });
  const items = list.data?.filter(
    (b) =>
      (!q || `${b.name} ${b.category ?? ''}`.toLowerCase().includes(q)) &&
      (!tier || b.tier === tier) &&
      statusMatches(status, b.isActive),
  );

  return (
    <AdminListPage
      title={t('gam.admin.badges.title')}
      testId="admin-badges"
      query={{ ...list, data: items }}
      getKey={(b) => b.id}
      search={{ label: t('admin.list.search'), value: search, onChange: setSearch }}
      filters={
        <>
          <FilterSelect label={t('gam.admin.tier')} value={tier} onChange={setTier} options={BADGE_TIERS.map((x) => ({ value: x, label: t(`gam.tier.${x}`) }))} />
          <FilterSelect label={t('admin.list.status')} value={status} onChange={setStatus} options={activeOptions(t)} />
        </>
      }
      empty={t('ui.empty')}
      renderItem={(b) => (
        <>
          <TierMedal tier={b.tier} icon={b.iconUrl} />
          <div>
            <h2 className="h3">
              {b.name} {!b.isActive && <Badge tone="warn">{t('gam.admin.inactive')}</Badge>}
            </h2>
            <p className="small muted">
              {t(`gam.tier.${b.tier}`)} · {describeCriteria(b.criteria, t)} · {t('gam.admin.holders', { count: b.holderCount })}
            </p>
          </div>
        </>
      )}
      actions={(b) => (
        <>
          <Button variant="secondary" onClick={() => editor.edit(b)}>
            {t('gam.admin.edit')}
          </Button>
          <Button
            variant="secondary"
            busy={remove.isPending && remove.variables?.id === b.id}
            onClick={() => window.confirm(t('gam.admin.confirmDelete', { name: b.name })) && remove.mutate({ id: b.id })}
          >
            {t('gam.admin.delete')}
          </Button>
        </>
      )}
      editor={editor}
      newLabel={t('gam.admin.new')}
      formTitle={editor.editing?.mode === 'edit' ? t('admin.list.editNamed', { name: editor.editing.item.name }) : t('gam.admin.badges.new')}
      renderForm={(editing) => (
        <BadgeForm key={editing.mode === 'edit' ? editing.item.id : 'new'} editing={editing} onDone={editor.close} />
      )}
    />
  );
}
