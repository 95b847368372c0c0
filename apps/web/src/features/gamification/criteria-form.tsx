// The rule of a badge or a challenge in the admin forms: condition, threshold and (for some
// conditions) a specific course or challenge, checked in the browser with the API's own schema.
import { badgeCriteriaSchema, challengeCriteriaSchema, type BadgeCriteriaInput } from '@mdsc/validators';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { NumberField, SelectField, type ErrorOptions } from '../../ui/form';

export const criteriaFields = {
  criteriaType: z.string(),
  value: z.number().int(),
  targetId: z.number().int().positive().nullable(),
};
type CriteriaForm = { criteriaType: string; value: number; targetId: number | null };

/** The criteria JSON from the form's fields. */
export function criteriaOf(v: CriteriaForm): BadgeCriteriaInput {
  const target = v.targetId ?? undefined;
  if (v.criteriaType === 'course_completion') return { type: v.criteriaType, value: v.value, ...(target ? { courseId: target } : {}) };
  if (v.criteriaType === 'challenge_completed') return { type: v.criteriaType, value: v.value, ...(target ? { challengeId: target } : {}) };
  return { type: v.criteriaType, value: v.value } as BadgeCriteriaInput;
}

/** The form's fields from stored criteria. */
export function criteriaToForm(c: unknown): CriteriaForm {
  const x = c as { type: string; value: number; courseId?: number; challengeId?: number };
  return { criteriaType: x.type, value: x.value, targetId: x.courseId ?? x.challengeId ?? null };
}

/** A refinement: the rule must pass the API's schema (its message is shown on the threshold). */
export const criteriaRule = (kind: 'badge' | 'challenge') => (v: CriteriaForm, ctx: z.RefinementCtx) => {
  const schema = kind === 'badge' ? badgeCriteriaSchema : challengeCriteriaSchema;
  if (!schema.safeParse(criteriaOf(v)).success) ctx.addIssue({ code: 'custom', path: ['value'], message: 'criteria' });
};

/** Error texts of both admin forms; the server's `criteria` errors show on the threshold. */
export const GAM_FORM_ERRORS: ErrorOptions = {
  messages: {
    value: 'gam.admin.error.criteria',
    criteria: 'gam.admin.error.criteria',
    endDate: 'gam.admin.error.endDate',
    startDate: 'gam.admin.error.date',
    rewardBadgeId: 'gam.admin.error.rewardBadgeId',
    iconUrl: 'gam.admin.error.iconUrl',
    name: 'gam.admin.error.name',
  },
  fieldMap: { criteria: 'value' },
  codes: { CONFLICT: 'gam.admin.conflict' },
};

export function CriteriaFields({ types }: { types: readonly string[] }) {
  const { t } = useI18n();
  const type = useWatch({ name: 'criteriaType' }) as string;
  const target =
    type === 'course_completion' ? 'gam.admin.courseId' : type === 'challenge_completed' ? 'gam.admin.challengeId' : null;
  return (
    <>
      <SelectField
        name="criteriaType"
        label={t('gam.admin.criteriaType')}
        options={types.map((c) => ({ value: c, label: t(`gam.criteriaType.${c}` as MessageKey) }))}
      />
      <NumberField name="value" label={t('gam.admin.criteriaValue')} min={1} />
      {target && <NumberField name="targetId" label={t(target)} min={1} />}
    </>
  );
}
