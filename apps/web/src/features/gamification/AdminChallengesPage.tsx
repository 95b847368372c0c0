// Admin: challenges (weekly / monthly / seasonal / event), their rule, window and rewards.
import type { RouterOutputs } from '@mdsc/api';
import { calendarDateSchema, CHALLENGE_TYPES, type ChallengeCriteriaInput } from '@mdsc/validators';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge } from '../../ui/components';
import { CheckboxField, EnglishNameFields, Form, FormActions, NumberField, SelectField, TextAreaField, TextField } from '../../ui/form';
import { CriteriaFields, criteriaFields, criteriaOf, criteriaRule, criteriaToForm, filterOptions, GamAdminList, englishFields, namesToForm, useGamForm } from './admin-common';
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
    ...englishFields,
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
    ...namesToForm(c),
    type: c?.type ?? 'weekly',
    ...(c ? criteriaToForm(c.criteria) : { criteriaType: 'lessons_completed', value: 5, targetId: null }),
    rewardXp: c?.rewardXp ?? 50,
    rewardBadgeId: c?.rewardBadge?.id ?? null,
    startDate: c?.startDate ?? day(0),
    endDate: c?.endDate ?? day(6),
    isActive: c?.isActive ?? true,
  };
}

function ChallengeForm({ challenge, onDone }: { challenge?: Item; onDone(): void }) {
  const { t } = useI18n();
  const badges = trpc.badges.list.useQuery({ includeInactive: false });
  const form = useGamForm('challenges', schema, {
    onDone,
    item: challenge,
    toForm,
    own: (v) => ({
      criteria: criteriaOf(v) as ChallengeCriteriaInput,
      type: v.type,
      rewardXp: v.rewardXp,
      rewardBadgeId: v.rewardBadgeId,
      startDate: v.startDate,
      endDate: v.endDate,
    }),
  });
  return (
    <Form form={form} data-testid="challenge-form">
      <TextField name="name" label={t('gam.admin.name')} maxLength={255} />
      <SelectField name="type" label={t('gam.admin.type')} options={filterOptions('challenges', t)} />
      <TextAreaField name="description" label={t('gam.admin.description')} rows={2} maxLength={2000} />
      <EnglishNameFields />
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
      <FormActions save={t('gam.admin.save')} onCancel={onDone} />
    </Form>
  );
}

export function AdminChallengesPage() {
  const { t, locale } = useI18n();
  return (
    <GamAdminList
      kind="challenges"
      badges={(c) => <Badge>{t(`gam.challenges.status.${c.status}`)}</Badge>}
      details={(c) => (
        <>
          <p className="small muted">
            {t(`gam.challenges.type.${c.type}`)} · {describeCriteria(c.criteria, t)} · {t('gam.challenges.reward', { xp: c.rewardXp })}
            {c.rewardBadge && ` ${t('gam.challenges.rewardBadge', { name: c.rewardBadge.name })}`}
          </p>
          <p className="small muted">
            {t('gam.challenges.window', {
              start: formatDay(c.startDate, locale),
              end: formatDay(c.endDate, locale),
            })}{' '}
            · {t('gam.admin.participants', { count: c.participantCount, done: c.completedCount })}
          </p>
        </>
      )}
      renderForm={(c, close) => <ChallengeForm challenge={c} onDone={close} />}
    />
  );
}
