// Admin: the badge catalogue (name, description, icon, tier, category, rule), with holder counts.
import type { RouterOutputs } from '@mdsc/api';
import { BADGE_CRITERIA_TYPES, BADGE_TIERS } from '@mdsc/validators';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { Badge } from '../../ui/components';
import { CheckboxField, EnglishNameFields, Form, FormActions, SelectField, TextAreaField, TextField } from '../../ui/form';
import { CriteriaFields, criteriaFields, criteriaRule, criteriaToForm, filterOptions, GamAdminList, englishFields, namesToForm, useGamForm } from './admin-common';
import { describeCriteria } from './format';
import { TierMedal } from './TierMedal';
import './gamification.css';
import './gamification-celebration.css';

type Item = RouterOutputs['badges']['list'][number];

const schema = z
  .object({
    name: z.string().trim().min(2).max(255),
    description: z.string().max(2000),
    ...englishFields,
    iconUrl: z.string().max(500),
    tier: z.enum(BADGE_TIERS),
    category: z.string().max(50),
    ...criteriaFields,
    isActive: z.boolean(),
  })
  .superRefine(criteriaRule('badge'));

function toForm(b?: Item): z.input<typeof schema> {
  return {
    ...namesToForm(b),
    iconUrl: b?.iconUrl ?? '',
    tier: b?.tier ?? 'bronze',
    category: b?.category ?? '',
    ...(b ? criteriaToForm(b.criteria) : { criteriaType: 'lessons_completed', value: 1, targetId: null }),
    isActive: b?.isActive ?? true,
  };
}

function BadgeForm({ badge, onDone }: { badge?: Item; onDone(): void }) {
  const { t } = useI18n();
  const form = useGamForm('badges', schema, {
    onDone,
    item: badge,
    toForm,
    own: (v) => ({
      iconUrl: v.iconUrl || null,
      tier: v.tier,
      category: v.category || null,
    }),
  });
  return (
    <Form form={form} data-testid="badge-form">
      <TextField name="name" label={t('gam.admin.name')} required maxLength={255} />
      <TextField name="iconUrl" label={t('gam.admin.icon')} maxLength={500} />
      <TextAreaField name="description" label={t('gam.admin.description')} rows={2} maxLength={2000} />
      <EnglishNameFields />
      <SelectField name="tier" label={t('gam.admin.tier')} options={filterOptions('badges', t)} />
      <TextField name="category" label={t('gam.admin.category')} maxLength={50} />
      <CriteriaFields types={BADGE_CRITERIA_TYPES} />
      <CheckboxField name="isActive" label={t('gam.admin.active')} />
      <FormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminBadgesPage() {
  const { t } = useI18n();
  return (
    <GamAdminList
      kind="badges"
      lead={(b) => <TierMedal tier={b.tier} icon={b.iconUrl} />}
      badges={(b) => !b.isActive && <Badge tone="warn">{t('gam.admin.inactive')}</Badge>}
      details={(b) => (
        <p className="small muted">
          {t(`gam.tier.${b.tier}`)} · {describeCriteria(b.criteria, t)} · {t('gam.admin.holders', { count: b.holderCount })}
        </p>
      )}
      renderForm={(b, close) => <BadgeForm badge={b} onDone={close} />}
    />
  );
}
