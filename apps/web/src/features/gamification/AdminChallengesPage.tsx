// Admin: challenges (weekly / monthly / seasonal / event), their rule, window and rewards.
import { CHALLENGE_TYPES, type ChallengeCriteriaInput, type ChallengeType } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Field, serverErrors, type FieldErrors } from './admin-form';
import { describeCriteria, formatDay } from './format';
import './gamification.css';

const CRITERIA: ChallengeCriteriaInput['type'][] = [
  'lessons_completed',
  'course_completion',
  'quiz_perfect',
  'daily_streak',
  'xp_total',
  'level_reached',
  'certificates_earned',
];

interface Draft {
  id: number | null;
  name: string;
  description: string;
  type: ChallengeType;
  criteriaType: ChallengeCriteriaInput['type'];
  value: string;
  courseId: string;
  rewardXp: string;
  rewardBadgeId: string;
  startDate: string;
  endDate: string;
  isActive: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const empty = (): Draft => ({
  id: null,
  name: '',
  description: '',
  type: 'weekly',
  criteriaType: 'lessons_completed',
  value: '5',
  courseId: '',
  rewardXp: '50',
  rewardBadgeId: '',
  startDate: today(),
  endDate: inDays(6),
  isActive: true,
});

export function AdminChallengesPage() {
  const { t, locale } = useI18n();
  const utils = trpc.useUtils();
  const list = trpc.challenges.list.useQuery({ includeInactive: true });
  const badges = trpc.badges.list.useQuery({ includeInactive: false });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const done = (msg: string) => {
    setDraft(null);
    setErrors({});
    setStatus(msg);
    void utils.challenges.list.invalidate();
    void utils.gamification.challenges.invalidate();
  };
  const onError = (e: unknown) => setErrors(serverErrors(t, e));
  const create = trpc.challenges.create.useMutation({ onSuccess: () => done(t('gam.admin.saved')), onError });
  const update = trpc.challenges.update.useMutation({ onSuccess: () => done(t('gam.admin.saved')), onError });
  const remove = trpc.challenges.delete.useMutation({ onSuccess: () => done(t('gam.admin.deleted')), onError: (e) => setStatus(serverErrors(t, e).form ?? '') });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setStatus('');
    const value = Number(draft.value);
    const criteria = (
      draft.criteriaType === 'course_completion' && draft.courseId.trim()
        ? { type: draft.criteriaType, value, courseId: Number(draft.courseId) }
        : { type: draft.criteriaType, value }
    ) as ChallengeCriteriaInput;
    const body = {
      name: draft.name,
      description: draft.description || null,
      type: draft.type,
      criteria,
      rewardXp: Number(draft.rewardXp),
      rewardBadgeId: draft.rewardBadgeId ? Number(draft.rewardBadgeId) : null,
      startDate: draft.startDate,
      endDate: draft.endDate,
      isActive: draft.isActive,
    };
    if (draft.id) update.mutate({ id: draft.id, ...body });
    else create.mutate(body);
  }
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  return (
    <section className="stack gam-page" aria-labelledby="admin-challenges-title">
      <div className="row">
        <h1 id="admin-challenges-title">{t('gam.admin.challenges.title')}</h1>
        {!draft && (
          <button type="button" onClick={() => setDraft(empty())}>
            {t('gam.admin.new')}
          </button>
        )}
      </div>
      <p role="status" className="small">
        {status}
      </p>
      {draft && (
        <form className="card form grid-2" onSubmit={submit} noValidate data-testid="challenge-form">
          {errors.form && (
            <p role="alert" className="form-error">
              {errors.form}
            </p>
          )}
          <Field label={t('gam.admin.name')} error={errors.name}>
            {(id, d) => <input id={id} value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={255} aria-invalid={!!errors.name} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.type')} error={errors.type}>
            {(id) => (
              <select id={id} value={draft.type} onChange={(e) => set({ type: e.target.value as ChallengeType })}>
                {CHALLENGE_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {t(`gam.challenges.type.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('gam.admin.description')} error={errors.description}>
            {(id) => <textarea id={id} value={draft.description} onChange={(e) => set({ description: e.target.value })} rows={2} maxLength={2000} />}
          </Field>
          <Field label={t('gam.admin.criteriaType')}>
            {(id) => (
              <select id={id} value={draft.criteriaType} onChange={(e) => set({ criteriaType: e.target.value as Draft['criteriaType'] })}>
                {CRITERIA.map((c) => (
                  <option key={c} value={c}>
                    {t(`gam.criteriaType.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('gam.admin.criteriaValue')} error={errors.criteria}>
            {(id, d) => <input id={id} type="number" min={1} value={draft.value} onChange={(e) => set({ value: e.target.value })} aria-invalid={!!errors.criteria} aria-describedby={d} />}
          </Field>
          {draft.criteriaType === 'course_completion' && (
            <Field label={t('gam.admin.courseId')}>
              {(id) => <input id={id} type="number" min={1} value={draft.courseId} onChange={(e) => set({ courseId: e.target.value })} />}
            </Field>
          )}
          <Field label={t('gam.admin.rewardXp')} error={errors.rewardXp}>
            {(id, d) => <input id={id} type="number" min={0} max={10000} value={draft.rewardXp} onChange={(e) => set({ rewardXp: e.target.value })} aria-invalid={!!errors.rewardXp} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.rewardBadge')} error={errors.rewardBadgeId}>
            {(id, d) => (
              <select id={id} value={draft.rewardBadgeId} onChange={(e) => set({ rewardBadgeId: e.target.value })} aria-invalid={!!errors.rewardBadgeId} aria-describedby={d}>
                <option value="">{t('gam.admin.noBadge')}</option>
                {badges.data?.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('gam.admin.startDate')} error={errors.startDate}>
            {(id, d) => <input id={id} type="date" value={draft.startDate} onChange={(e) => set({ startDate: e.target.value })} aria-invalid={!!errors.startDate} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.endDate')} error={errors.endDate}>
            {(id, d) => <input id={id} type="date" value={draft.endDate} onChange={(e) => set({ endDate: e.target.value })} aria-invalid={!!errors.endDate} aria-describedby={d} />}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={draft.isActive} onChange={(e) => set({ isActive: e.target.checked })} />
            {t('gam.admin.active')}
          </label>
          <div className="form-actions">
            <button type="submit" disabled={create.isPending || update.isPending}>
              {t('gam.admin.save')}
            </button>
            <button type="button" className="secondary" onClick={() => { setDraft(null); setErrors({}); }}>
              {t('gam.admin.cancel')}
            </button>
          </div>
        </form>
      )}
      {list.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {list.isError && <p role="alert" className="error-state">{t('common.error')}</p>}
      <ul className="list admin-list" data-testid="admin-challenges">
        {list.data?.map((c) => (
          <li key={c.id} className="card">
            <div className="row">
              <div>
                <h2 className="h3">
                  {c.name} <span className="badge">{t(`gam.challenges.status.${c.status}`)}</span>
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
              <div className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    const cr = c.criteria as { type: Draft['criteriaType']; value: number; courseId?: number };
                    setErrors({});
                    setDraft({
                      id: c.id,
                      name: c.name,
                      description: c.description ?? '',
                      type: c.type,
                      criteriaType: cr.type,
                      value: String(cr.value),
                      courseId: String(cr.courseId ?? ''),
                      rewardXp: String(c.rewardXp),
                      rewardBadgeId: c.rewardBadge ? String(c.rewardBadge.id) : '',
                      startDate: c.startDate,
                      endDate: c.endDate,
                      isActive: c.isActive,
                    });
                  }}
                >
                  {t('gam.admin.edit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={remove.isPending}
                  onClick={() => window.confirm(t('gam.admin.confirmDelete', { name: c.name })) && remove.mutate({ id: c.id })}
                >
                  {t('gam.admin.delete')}
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
