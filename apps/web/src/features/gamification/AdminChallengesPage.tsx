// Admin: challenges (weekly / monthly / seasonal / event), their rule, window and rewards.
import type { RouterOutputs } from '@mdsc/api';
import { calendarDateSchema, CHALLENGE_TYPES, type ChallengeCriteriaInput, type ChallengeType } from '@mdsc/validators';
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
import { actionErrorText, CheckboxField, Form, NumberField, SelectField, TextAreaField, TextField, useZodForm } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { CriteriaFields, criteriaFields, criteriaOf, criteriaRule, criteriaToForm, GAM_FORM_ERRORS } from './criteria-form';
import { describeCriteria, formatDay } from './format';
import './gamification.css';

type Item = RouterOutputs['challenges']['list'][number];

const CRITERIA: ChallengeCriteriaInput['type'][] = [
  'lessons_completed',
  'course_completion',
  'quiz_perfect',
  'daily_streak',
  'xp_total',
  'level_reached',
  'certificates_earned',
];

const schema = z
  .object({
    name: z.string().trim().min(2).max(255),
    description: z.string().max(2000),
    type: z.enum(CHALLENGE_TYPES),
    ...criteriaFields,
    rewardXp: z.number().int().min(0).max(10_000),
    rewardBadgeId: z.number().int().positive().nullable(),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
    isActive: z.boolean(),
  })
  .superRefine(criteriaRule('challenge'))
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'endDate' });

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function toForm(c?: Item): z.input<typeof schema> {
  return {
    name: c?.name ?? '',
    description: c?.description ?? '',
    type: c?.type ?? 'weekly',
    ...(c ? criteriaToForm(c.criteria) : { criteriaType: 'lessons_completed', value: 5, targetId: null }),
    rewardXp: c?.rewardXp ?? 50,
    rewardBadgeId: c?.rewardBadge?.id ?? null,
    startDate: c?.startDate ?? day(0),
    endDate: c?.endDate ?? day(6),
    isActive: c?.isActive ?? true,
  };
}

function ChallengeForm({ editing, onDone }: { editing: NonNullable<Editing<Item>>; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const badges = trpc.badges.list.useQuery({ includeInactive: false });
  const create = trpc.challenges.create.useMutation();
  const update = trpc.challenges.update.useMutation();
  const challenge = editing.mode === 'edit' ? editing.item : undefined;
  const form = useZodForm(schema, {
    ...GAM_FORM_ERRORS,
    defaultValues: toForm(challenge),
    onSubmit: async (v) => {
      const body = {
        name: v.name,
        description: v.description || null,
        type: v.type,
        criteria: criteriaOf(v) as ChallengeCriteriaInput,
        rewardXp: v.rewardXp,
        rewardBadgeId: v.rewardBadgeId,
        startDate: v.startDate,
        endDate: v.endDate,
        isActive: v.isActive,
      };
      if (challenge) await update.mutateAsync({ id: challenge.id, ...body });
      else await create.mutateAsync(body);
      await Promise.all([utils.challenges.list.invalidate(), utils.gamification.challenges.invalidate()]);
      onDone();
    },
    success: t('gam.admin.saved'),
  });
  return (
    <Form form={form} data-testid="challenge-form">
      <TextField name="name" label={t('gam.admin.name')} maxLength={255} />
      <SelectField name="type" label={t('gam.admin.type')} options={CHALLENGE_TYPES.map((c) => ({ value: c, label: t(`gam.challenges.type.${c}`) }))} />
      <TextAreaField name="description" label={t('gam.admin.description')} rows={2} maxLength={2000} />
      <CriteriaFields types={CRITERIA} />
      <NumberField name="rewardXp" label={t('gam.admin.rewardXp')} min={0} max={10_000} />
      <SelectField
        name="rewardBadgeId"
        numeric
        label={t('gam.admin.rewardBadge')}
        options={[{ value: '', label: t('gam.admin.noBadge') }, ...(badges.data ?? []).map((b) => ({ value: b.id, label: b.name }))]}
      />
      <TextField name="startDate" type="date" label={t('gam.admin.startDate')} />
      <TextField name="endDate" type="date" label={t('gam.admin.endDate')} />
      <CheckboxField name="isActive" label={t('gam.admin.active')} />
      <AdminFormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminChallengesPage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const list = trpc.challenges.list.useQuery({ includeInactive: true });
  const editor = useEditor<Item>();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<ChallengeType | ''>('');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('');
  const q = useDebounced(search).toLowerCase();
  const remove = trpc.challenges.delete.useMutation({
    onSuccess: () => {
      toast.success(t('gam.admin.deleted'));
      return Promise.all([utils.challenges.list.invalidate(), utils.gamification.challenges.invalidate()]);
    },
    onError: (e) => toast.error(actionErrorText(t, e, GAM_FORM_ERRORS)),
  });
  const items = list.data?.filter(
    (c) => (!q || c.name.toLowerCase().includes(q)) && (!type || c.type === type) && statusMatches(status, c.isActive),
  );

  return (
    <AdminListPage
      title={t('gam.admin.challenges.title')}
      testId="admin-challenges"
      query={{ ...list, data: items }}
      getKey={(c) => c.id}
      search={{ label: t('admin.list.search'), value: search, onChange: setSearch }}
      filters={
        <>
          <FilterSelect label={t('gam.admin.type')} value={type} onChange={setType} options={CHALLENGE_TYPES.map((c) => ({ value: c, label: t(`gam.challenges.type.${c}`) }))} />
          <FilterSelect label={t('admin.list.status')} value={status} onChange={setStatus} options={activeOptions(t)} />
        </>
      }
      empty={t('ui.empty')}
      renderItem={(c) => (
        <div>
          <h2 className="h3">
            {c.name} <Badge>{t(`gam.challenges.status.${c.status}`)}</Badge>
          </h2>
          <p className="small muted">
            {t(`gam.challenges.type.${c.type}`)} · {describeCriteria(c.criteria, t)} · {t('gam.challenges.reward', { xp: c.rewardXp })}
            {c.rewardBadge && ` ${t('gam.challenges.rewardBadge', { name: c.rewardBadge.name })}`}
          </p>
          <p className="small muted">
            {t('gam.challenges.window', { start: formatDay(c.startDate, locale), end: formatDay(c.endDate, locale) })} ·{' '}
            {t('gam.admin.participants', { count: c.participantCount, done: c.completedCount })}
          </p>
        </div>
      )}
      actions={(c) => (
        <>
          <Button variant="secondary" onClick={() => editor.edit(c)}>
            {t('gam.admin.edit')}
          </Button>
          <Button
            variant="secondary"
            busy={remove.isPending && remove.variables?.id === c.id}
            onClick={() => window.confirm(t('gam.admin.confirmDelete', { name: c.name })) && remove.mutate({ id: c.id })}
          >
            {t('gam.admin.delete')}
          </Button>
        </>
      )}
      editor={editor}
      newLabel={t('gam.admin.new')}
      formTitle={editor.editing?.mode === 'edit' ? t('admin.list.editNamed', { name: editor.editing.item.name }) : t('gam.admin.challenges.new')}
      renderForm={(editing) => (
        <ChallengeForm key={editing.mode === 'edit' ? editing.item.id : 'new'} editing={editing} onDone={editor.close} />
      )}
    />
  );
}
