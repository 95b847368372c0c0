// Challenges: open ones first, with the learner's progress bar, then upcoming and recently closed.
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { describeCriteria, formatDay, formatNumber } from './format';
import './gamification.css';

export function ChallengesPage() {
  const { t, locale } = useI18n();
  const list = trpc.gamification.challenges.useQuery();
  return (
    <section className="stack gam-page" aria-labelledby="challenges-title">
      <h1 id="challenges-title">{t('gam.challenges.title')}</h1>
      <p className="muted">{t('gam.challenges.intro')}</p>
      <QueryState query={list} isEmpty={(d) => d.length === 0} empty={t('gam.challenges.empty')}>
        {(data) => (
        <ul className="challenge-grid" data-testid="challenges">
          {data.map((c) => {
            const pct = Math.min(100, Math.floor((c.progress.current * 100) / Math.max(1, c.progress.target)));
            const progressLabel = t('gam.challenges.progress', {
              current: formatNumber(c.progress.current, locale),
              target: formatNumber(c.progress.target, locale),
            });
            return (
              <li key={c.id} className={`card stack challenge ${c.status}${c.completed ? ' done' : ''}`}>
                <div className="row">
                  <span className="badge">{t(`gam.challenges.type.${c.type}`)}</span>
                  <span className={`badge ${c.completed ? 'ok' : ''}`}>
                    {c.completed ? t('gam.challenges.done') : t(`gam.challenges.status.${c.status}`)}
                  </span>
                </div>
                <h2 className="h3">{c.name}</h2>
                {c.description && <p className="small">{c.description}</p>}
                <p className="small">{describeCriteria(c.criteria, t)}</p>
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={c.progress.target}
                  aria-valuenow={c.progress.current}
                  aria-label={`${c.name} — ${progressLabel}`}
                >
                  <span style={{ width: `${pct}%` }} />
                </div>
                <p className="small muted">{progressLabel}</p>
                <p className="small">
                  {t('gam.challenges.reward', { xp: formatNumber(c.rewardXp, locale) })}
                  {c.rewardBadge && ` ${t('gam.challenges.rewardBadge', { name: c.rewardBadge.name })}`}
                </p>
                <p className="small muted">
                  {t('gam.challenges.window', { start: formatDay(c.startDate, locale), end: formatDay(c.endDate, locale) })}
                </p>
              </li>
            );
          })}
        </ul>
        )}
      </QueryState>
    </section>
  );
}
