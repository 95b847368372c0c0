// What the badge and challenge admin pages share: the list's defaults and deletion, and the rule of
// a badge or a challenge in their forms (condition, threshold and, for some conditions, a specific
// course or challenge), checked in the browser with the API's own schema.
import { badgeCriteriaSchema, challengeCriteriaSchema, type BadgeCriteriaInput } from '@mdsc/validators';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { AdminListPage, FilterSelect, useEditor, type AdminListPageProps } from '../../ui/admin/AdminListPage';
import { NumberField, SelectField, useZodForm, type ErrorOptions, type FormSchema, type ZodFormOptions } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';

export const criteriaFields = {
  criteriaType: z.string(),
  value: z.number().int(),
  targetId: z.number().int().positive().nullable(),
};
type CriteriaForm = { criteriaType: string; value: number; targetId: number | null };

/** The fields both kinds send: name, description, rule, active. */
export function commonBody(v: CriteriaForm & { name: string; description: string; isActive: boolean }) {
  return { name: v.name, description: v.description || null, criteria: criteriaOf(v), isActive: v.isActive };
}

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

type Kind = 'badges' | 'challenges';

/** Refetches a kind's admin list and the learners' view of it. */
export function useGamRefresh(kind: Kind) {
  const utils = trpc.useUtils();
  return kind === 'badges'
    ? () => Promise.all([utils.badges.list.invalidate(), utils.gamification.badges.invalidate()])
    : () => Promise.all([utils.challenges.list.invalidate(), utils.gamification.challenges.invalidate()]);
}

interface DeleteMutation {
  mutate(v: { id: number }): void;
  isPending: boolean;
  variables?: { id: number };
}

/** One more filter of the list: a select whose value a row must match. */
interface ExtraFilter<Item, V extends string> {
  label: string;
  options: readonly { value: V; label: string }[];
  matches(item: Item, value: V): boolean;
}

/**
 * The admin list of badges or challenges (titles and test id from `kind`): searched by name,
 * filtered by status and by one more select, deleted after a confirmation.
 */
export function GamAdminList<Item extends { id: number; name: string; isActive: boolean }, V extends string>({
  kind,
  useDelete,
  query,
  filter,
  ...p
}: Pick<AdminListPageProps<Item>, 'renderItem' | 'renderForm' | 'query'> & {
  kind: Kind;
  /** The procedure's useMutation (e.g. trpc.badges.delete.useMutation). */
  useDelete(opts: ReturnType<ReturnType<typeof useActionFeedback>>): DeleteMutation;
  filter: ExtraFilter<Item, V>;
}) {
  const { t } = useI18n();
  const feedback = useActionFeedback();
  const [value, setValue] = useState<V | ''>('');
  const remove = useDelete(feedback(t('gam.admin.deleted'), useGamRefresh(kind), GAM_FORM_ERRORS.codes));
  return (
    <AdminListPage<Item>
      {...p}
      title={t(`gam.admin.${kind}.title`)}
      newTitle={t(`gam.admin.${kind}.new`)}
      testId={`admin-${kind}`}
      query={{ ...query, data: query.data?.filter((x) => !value || filter.matches(x, value)) }}
      filters={<FilterSelect label={filter.label} value={value} onChange={setValue} options={filter.options} />}
      getKey={(x) => x.id}
      itemName={(x) => x.name}
      search={{}}
      isActive={(x) => x.isActive}
      empty={t('ui.empty')}
      editor={useEditor<Item>()}
      newLabel={t('gam.admin.new')}
      remove={{ run: (x) => remove.mutate({ id: x.id }), pendingKey: remove.isPending ? remove.variables?.id : null }}
    />
  );
}

/** The side form of a badge or a challenge: the shared messages, then save, refetch, close and a toast. */
export function useGamForm<S extends FormSchema>(
  kind: Kind,
  schema: S,
  { save, onDone, ...opts }: Omit<ZodFormOptions<S, unknown>, 'onSubmit'> & { save(v: z.output<S>): Promise<unknown>; onDone(): void },
) {
  const { t } = useI18n();
  const refresh = useGamRefresh(kind);
  return useZodForm(schema, {
    ...GAM_FORM_ERRORS,
    ...opts,
    onSubmit: async (v) => {
      await save(v);
      await refresh();
      onDone();
    },
    success: t('gam.admin.saved'),
  });
}
