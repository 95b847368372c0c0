// Admin: the badge catalogue (name, description, icon, tier, category, rule), with holder counts.
import { BADGE_CRITERIA_TYPES, BADGE_TIERS, type BadgeCriteriaInput, type BadgeTier } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Field, serverErrors, type FieldErrors } from './admin-form';
import { describeCriteria } from './format';
import { TierMedal } from './TierMedal';
import './gamification.css';
import './gamification-celebration.css';

interface Draft {
  id: number | null;
  name: string;
  description: string;
  iconUrl: string;
  tier: BadgeTier;
  category: string;
  type: BadgeCriteriaInput['type'];
  value: string;
  targetId: string;
  isActive: boolean;
}

const EMPTY: Draft = { id: null, name: '', description: '', iconUrl: '', tier: 'bronze', category: '', type: 'lessons_completed', value: '1', targetId: '', isActive: true };

function criteriaOf(d: Draft): BadgeCriteriaInput {
  const value = Number(d.value);
  const target = d.targetId.trim() ? Number(d.targetId) : undefined;
  if (d.type === 'course_completion') return { type: d.type, value, ...(target ? { courseId: target } : {}) };
  if (d.type === 'challenge_completed') return { type: d.type, value, ...(target ? { challengeId: target } : {}) };
  return { type: d.type, value } as BadgeCriteriaInput;
}

export function AdminBadgesPage() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const list = trpc.badges.list.useQuery({ includeInactive: true });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const done = (msg: string) => {
    setDraft(null);
    setErrors({});
    setStatus(msg);
    void utils.badges.list.invalidate();
    void utils.gamification.badges.invalidate();
  };
  const create = trpc.badges.create.useMutation({ onSuccess: () => done(t('gam.admin.saved')), onError: (e) => setErrors(serverErrors(t, e)) });
  const update = trpc.badges.update.useMutation({ onSuccess: () => done(t('gam.admin.saved')), onError: (e) => setErrors(serverErrors(t, e)) });
  const remove = trpc.badges.delete.useMutation({ onSuccess: () => done(t('gam.admin.deleted')), onError: (e) => setStatus(serverErrors(t, e).form ?? '') });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setStatus('');
    const body = {
      name: draft.name,
      description: draft.description || null,
      iconUrl: draft.iconUrl || null,
      tier: draft.tier,
      category: draft.category || null,
      criteria: criteriaOf(draft),
      isActive: draft.isActive,
    };
    if (draft.id) update.mutate({ id: draft.id, ...body });
    else create.mutate(body);
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const busy = create.isPending || update.isPending;
  return (
    <section className="stack gam-page" aria-labelledby="admin-badges-title">
      <div className="row">
        <h1 id="admin-badges-title">{t('gam.admin.badges.title')}</h1>
        {!draft && (
          <button type="button" onClick={() => setDraft(EMPTY)}>
            {t('gam.admin.new')}
          </button>
        )}
      </div>
      <p role="status" className="small">
        {status}
      </p>
      {draft && (
        <form className="card form grid-2" onSubmit={submit} noValidate data-testid="badge-form">
          {errors.form && (
            <p role="alert" className="form-error">
              {errors.form}
            </p>
          )}
          <Field label={t('gam.admin.name')} error={errors.name}>
            {(id, d) => <input id={id} value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={255} aria-invalid={!!errors.name} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.icon')} error={errors.iconUrl}>
            {(id, d) => <input id={id} value={draft.iconUrl} onChange={(e) => set({ iconUrl: e.target.value })} maxLength={500} aria-invalid={!!errors.iconUrl} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.description')} error={errors.description}>
            {(id, d) => <textarea id={id} value={draft.description} onChange={(e) => set({ description: e.target.value })} rows={2} maxLength={2000} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.tier')} error={errors.tier}>
            {(id) => (
              <select id={id} value={draft.tier} onChange={(e) => set({ tier: e.target.value as BadgeTier })}>
                {BADGE_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`gam.tier.${tier}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('gam.admin.category')} error={errors.category}>
            {(id, d) => <input id={id} value={draft.category} onChange={(e) => set({ category: e.target.value })} maxLength={50} aria-describedby={d} />}
          </Field>
          <Field label={t('gam.admin.criteriaType')}>
            {(id) => (
              <select id={id} value={draft.type} onChange={(e) => set({ type: e.target.value as Draft['type'] })}>
                {BADGE_CRITERIA_TYPES.map((c) => (
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
          {(draft.type === 'course_completion' || draft.type === 'challenge_completed') && (
            <Field label={t(draft.type === 'course_completion' ? 'gam.admin.courseId' : 'gam.admin.challengeId')}>
              {(id) => <input id={id} type="number" min={1} value={draft.targetId} onChange={(e) => set({ targetId: e.target.value })} />}
            </Field>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={draft.isActive} onChange={(e) => set({ isActive: e.target.checked })} />
            {t('gam.admin.active')}
          </label>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
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
      <ul className="list admin-list" data-testid="admin-badges">
        {list.data?.map((b) => (
          <li key={b.id} className="card">
            <div className="row">
              <div className="row">
                <TierMedal tier={b.tier} icon={b.iconUrl} />
                <div>
                  <h2 className="h3">
                    {b.name} {!b.isActive && <span className="badge warn">{t('gam.admin.inactive')}</span>}
                  </h2>
                  <p className="small muted">
                    {t(`gam.tier.${b.tier}`)} · {describeCriteria(b.criteria, t)} · {t('gam.admin.holders', { count: b.holderCount })}
                  </p>
                </div>
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    const c = b.criteria as { type: Draft['type']; value: number; courseId?: number; challengeId?: number };
                    setErrors({});
                    setDraft({
                      id: b.id,
                      name: b.name,
                      description: b.description ?? '',
                      iconUrl: b.iconUrl ?? '',
                      tier: b.tier,
                      category: b.category ?? '',
                      type: c.type,
                      value: String(c.value),
                      targetId: String(c.courseId ?? c.challengeId ?? ''),
                      isActive: b.isActive,
                    });
                  }}
                >
                  {t('gam.admin.edit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={remove.isPending}
                  onClick={() => window.confirm(t('gam.admin.confirmDelete', { name: b.name })) && remove.mutate({ id: b.id })}
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
