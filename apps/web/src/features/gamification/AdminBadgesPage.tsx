// Admin: the badge catalogue (name, description, icon, tier, category, rule), with holder counts.
import type { RouterOutputs } from '@mdsc/api';
import { BADGE_CRITERIA_TYPES, BADGE_TIERS } from '@mdsc/validators';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { AdminFormActions, saveItem, type Editing } from '../../ui/admin/AdminListPage';
import { Badge } from '../../ui/components';
import { CheckboxField, Form, SelectField, TextAreaField, TextField } from '../../ui/form';
import { commonBody, CriteriaFields, criteriaFields, criteriaRule, criteriaToForm, GamAdminList, useGamForm } from './admin-common';
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

const tierOptions = (t: ReturnType<typeof useI18n>['t']) => BADGE_TIERS.map((x) => ({ value: x, label: t(`gam.tier.${x}`) }));

function BadgeForm({ editing, onDone }: { editing: NonNullable<Editing<Item>>; onDone(): void }) {
  const { t } = useI18n();
  const { item: badge, save } = saveItem(editing, trpc.badges.create.useMutation(), trpc.badges.update.useMutation());
  const form = useGamForm('badges', schema, {
    onDone,
    defaultValues: toForm(badge),
    save: (v) =>
      save({ ...commonBody(v), iconUrl: v.iconUrl || null, tier: v.tier, category: v.category || null }),
  });
  return (
    <Form form={form} data-testid="badge-form">
      <TextField name="name" label={t('gam.admin.name')} required maxLength={255} />
      <TextField name="iconUrl" label={t('gam.admin.icon')} maxLength={500} />
      <TextAreaField name="description" label={t('gam.admin.description')} rows={2} maxLength={2000} />
      <SelectField name="tier" label={t('gam.admin.tier')} options={tierOptions(t)} />
      <TextField name="category" label={t('gam.admin.category')} maxLength={50} />
      <CriteriaFields types={BADGE_CRITERIA_TYPES} />
      <CheckboxField name="isActive" label={t('gam.admin.active')} />
      <AdminFormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminBadgesPage() {
  const { t } = useI18n();
  return (
    <GamAdminList
      kind="badges"
      query={trpc.badges.list.useQuery({ includeInactive: true })}
      useDelete={trpc.badges.delete.useMutation}
      filter={{ label: t('gam.admin.tier'), options: tierOptions(t), matches: (b, tier) => b.tier === tier }}
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
      renderForm={(editing, close) => <BadgeForm editing={editing} onDone={close} />}
    />
  );
}
