// What the badge and challenge admin pages share: the list's defaults and deletion, and the rule of
// a badge or a challenge in their forms (condition, threshold and, for some conditions, a specific
// course or challenge), checked in the browser with the API's own schema.
import type { RouterOutputs } from '@mdsc/api';
import { BADGE_TIERS, badgeCriteriaSchema, CHALLENGE_TYPES, challengeCriteriaSchema, type BadgeCriteriaInput } from '@mdsc/validators';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { AdminListPage, FilterSelect, useEditor, type AdminListPageProps } from '../../ui/admin/AdminListPage';
import { NumberField, SelectField, useSaveForm, type ErrorOptions, type FormSchema, type SaveFormOptions, type SaveMutation } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';

/** The English name and description of both kinds (empty: the French original is shown). */
export const englishFields = {
  nameEn: z.string().trim().max(255),
  descriptionEn: z.string().trim().max(2000),
};

export const criteriaFields = {
  criteriaType: z.string(),
  value: z.number().int(),
  targetId: z.number().int().positive().nullable(),
};
type CriteriaForm = { criteriaType: string; value: number; targetId: number | null };

type Named = { name: string; description: string; nameEn: string; descriptionEn: string; isActive: boolean };

/** The fields both kinds send: names and descriptions (French, English), rule, active. */
function commonBody(v: CriteriaForm & Named) {
  return {
    name: v.name,
    description: v.description || null,
    nameEn: v.nameEn || null,
    descriptionEn: v.descriptionEn || null,
    criteria: criteriaOf(v),
    isActive: v.isActive,
  };
}

/** The names' form values of a stored badge or challenge (or a new one). */
export const namesToForm = (x?: { name: string; description: string | null; nameEn: string | null; descriptionEn: string | null }) => ({
  name: x?.name ?? '',
  description: x?.description ?? '',
  nameEn: x?.nameEn ?? '',
  descriptionEn: x?.descriptionEn ?? '',
});

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
    nameEn: 'gam.admin.error.name',
  },
  fieldMap: { criteria: 'value' },
  codes: { CONFLICT: 'gam.admin.conflict' },
};

export function CriteriaFields({ types }: { types: readonly string[] }) {
  const { t } = useI18n();
  const type = useWatch({ name: 'criteriaType' }) as string;
  const target = type === 'course_completion' ? 'gam.admin.courseId' : type === 'challenge_completed' ? 'gam.admin.challengeId' : null;
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

type Translate = ReturnType<typeof useI18n>['t'];
type Items = {
  badges: RouterOutputs['badges']['list'][number];
  challenges: RouterOutputs['challenges']['list'][number];
};

/** A kind's list (inactive ones included), its deletion and its extra filter (badges by tier, challenges by type). */
const KINDS = {
  badges: {
    useList: () => trpc.badges.list.useQuery({ includeInactive: true }),
    useDelete: trpc.badges.delete.useMutation,
    useCreate: trpc.badges.create.useMutation,
    useUpdate: trpc.badges.update.useMutation,
    filter: {
      label: 'gam.admin.tier',
      options: (t) => BADGE_TIERS.map((v) => ({ value: v, label: t(`gam.tier.${v}`) })),
      of: (b) => b.tier,
    },
  },
  challenges: {
    useList: () => trpc.challenges.list.useQuery({ includeInactive: true }),
    useDelete: trpc.challenges.delete.useMutation,
    useCreate: trpc.challenges.create.useMutation,
    useUpdate: trpc.challenges.update.useMutation,
    filter: {
      label: 'gam.admin.type',
      options: (t) => CHALLENGE_TYPES.map((v) => ({ value: v, label: t(`gam.challenges.type.${v}`) })),
      of: (c) => c.type,
    },
  },
} satisfies {
  [K in Kind]: {
    useList(): AdminListPageProps<Items[K]>['query'];
    useDelete: unknown;
    useCreate: unknown;
    useUpdate: unknown;
    filter: {
      label: MessageKey;
      options(t: Translate): { value: string; label: string }[];
      of(item: Items[K]): string;
    };
  };
};

/** The options of a kind's extra filter, also the select of its form. */
export const filterOptions = (kind: Kind, t: Translate) => KINDS[kind].filter.options(t);

/**
 * The admin list of badges or challenges (query, deletion, titles, test id and extra filter from
 * `kind`): searched by name, filtered by status and by tier or type, deleted after a confirmation.
 */
export function GamAdminList<K extends Kind>({ kind, ...p }: Pick<AdminListPageProps<Items[K]>, 'lead' | 'badges' | 'details' | 'renderForm'> & { kind: K }) {
  const { t } = useI18n();
  const feedback = useActionFeedback();
  const [value, setValue] = useState('');
  const { useList, useDelete, filter } = KINDS[kind] as (typeof KINDS)['badges'];
  const query = useList() as AdminListPageProps<Items[K]>['query'];
  const remove = useDelete(feedback(t('gam.admin.deleted'), useGamRefresh(kind), GAM_FORM_ERRORS.codes));
  const of = filter.of as (item: Items[K]) => string;
  return (
    <AdminListPage<Items[K]>
      {...p}
      texts={`gam.admin.${kind}`}
      testId={`admin-${kind}`}
      query={{ ...query, data: query.data?.filter((x) => !value || of(x) === value) }}
      filters={<FilterSelect<string> label={t(filter.label)} value={value} onChange={setValue} options={filterOptions(kind, t)} />}
      active
      editor={useEditor<Items[K]>()}
      remove={{
        run: (x) => remove.mutate({ id: x.id }),
        pendingKey: remove.isPending ? remove.variables?.id : null,
      }}
    />
  );
}

/** What a kind's create mutation takes (the update takes it with the id). */
type Body<K extends Kind> = Parameters<ReturnType<(typeof KINDS)[K]['useCreate']>['mutateAsync']>[0];

/**
 * The side form of a badge or a challenge: the kind's create and update mutations, the body both
 * kinds send plus the kind's `own` fields, the shared messages, then refetch, close and a toast.
 */
export function useGamForm<K extends Kind, S extends FormSchema>(
  kind: K,
  schema: S,
  {
    onDone,
    own,
    ...opts
  }: Omit<SaveFormOptions<S, Items[K], Body<K>, object, unknown>, 'create' | 'update' | 'body' | 'afterSave' | 'success'> & {
    onDone(): void;
    own(values: z.output<S>): Omit<Body<K>, keyof ReturnType<typeof commonBody>> & Partial<Body<K>>;
  },
) {
  const { t } = useI18n();
  const refresh = useGamRefresh(kind);
  const { useCreate, useUpdate } = KINDS[kind] as unknown as {
    useCreate(): SaveMutation<Body<K>, unknown>;
    useUpdate(): SaveMutation<Body<K> & { id: number }, unknown>;
  };
  return useSaveForm<S, Items[K], Body<K>, object, unknown>(schema, {
    ...GAM_FORM_ERRORS,
    ...opts,
    body: (v) => ({ ...commonBody(v as CriteriaForm & Named), ...own(v) }) as Body<K>,
    create: useCreate(),
    update: useUpdate(),
    afterSave: async () => {
      await refresh();
      onDone();
    },
    success: { created: t('gam.admin.saved'), updated: t('gam.admin.saved') },
  });
}
