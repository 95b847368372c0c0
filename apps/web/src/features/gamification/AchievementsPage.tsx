// "My achievements": level and XP, streaks, badges earned (PDF download) and still to earn, the
// points history ("why did I get this?") and the leaderboard opt-out.
import type { RouterOutputs } from '@mdsc/api';
import type { Locale } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { PagedQueryState, QueryState } from '../../ui/QueryState';
import { CredentialActions } from '../credentials/CredentialActions';
import { formatDay, formatNumber } from './format';
import { TierMedal } from './TierMedal';
import './gamification.css';
import './gamification-celebration.css';

export function AchievementsPage() {
  const { t } = useI18n();
  const me = trpc.gamification.me.useQuery();
  return (
    <section className="stack gam-page" aria-labelledby="achievements-title">
      <h1 id="achievements-title">{t('gam.achievements.title')}</h1>
      <QueryState query={me} lines={6}>
        {(d) => <Achievements d={d} />}
      </QueryState>
    </section>
  );
}

function Achievements({ d }: { d: RouterOutputs['gamification']['me'] }) {
  const { t, locale } = useI18n();
  const lvl = d.level;
  const name = lvl.name; // in the reader's language (the server names it)
  return (
    <>
      <div className="gam-summary">
        <div className="card stack" data-testid="level-card">
          <h2>{t('gam.level', { level: lvl.level, name })}</h2>
          <p className="gam-big">{t('gam.xp', { count: formatNumber(d.totalXp, locale) })}</p>
          <div
            className="progress gam-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={lvl.percent}
            aria-label={lvl.nextMinXp ? t('gam.xpBar', { level: lvl.level, name, xp: d.totalXp, percent: lvl.percent }) : t('gam.topLevel')}
          >
            <span style={{ width: `${lvl.percent}%` }} />
          </div>
          <p className="muted small">
            {lvl.xpToNextLevel !== null ? t('gam.toNext', { count: formatNumber(lvl.xpToNextLevel, locale), level: lvl.level + 1 }) : t('gam.topLevel')}
          </p>
        </div>
        <div className="card stack" data-testid="streak-card">
          <h2>{t('gam.streak.title')}</h2>
          <p className="gam-big">{t('gam.streak.daily', { count: d.streak.daily })}</p>
          <p className="small">{t('gam.streak.longest', { count: d.streak.longest })}</p>
          <p className="small">{t('gam.streak.perfect', { count: d.streak.perfectQuiz })}</p>
          <p className="muted small">{d.streak.activeToday ? t('gam.streak.today') : t('gam.streak.notToday')}</p>
        </div>
      </div>
      <EarnedBadges badges={d.badges} locale={locale} />
      <BadgesToEarn />
      <History />
      <Privacy hidden={d.hideFromLeaderboard} />
    </>
  );
}

type Earned = RouterOutputs['gamification']['me']['badges'];

function EarnedBadges({ badges, locale }: { badges: Earned; locale: Locale }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [error, setError] = useState(false);
  async function download(userBadgeId: number) {
    setError(false);
    try {
      const { url } = await utils.gamification.badgePdf.fetch({ userBadgeId });
      window.location.assign(url); // an attachment: the page stays
    } catch {
      setError(true);
    }
  }
  return (
    <div className="card stack" aria-labelledby="earned-title">
      <h2 id="earned-title">{t('gam.badges.title')}</h2>
      {error && <p role="alert" className="form-error">{t('common.error')}</p>}
      {badges.length === 0 ? (
        <p className="muted">{t('gam.badges.none')}</p>
      ) : (
        <ul className="badge-grid" data-testid="earned-badges">
          {badges.map((b) => (
            <li key={b.userBadgeId} className="badge-tile">
              <TierMedal tier={b.tier} icon={b.iconUrl} />
              <div className="badge-text">
                <h3>{b.name}</h3>
                <p className="small muted">
                  {t(`gam.tier.${b.tier}` as 'gam.tier.bronze')} · {t('gam.badges.earnedOn', { date: formatDay(b.earnedAt, locale) })}
                </p>
                {b.description && <p className="small">{b.description}</p>}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void download(b.userBadgeId)}
                  aria-label={t('gam.badges.downloadOf', { name: b.name })}
                >
                  {t('gam.badges.download')}
                </button>
                <CredentialActions of={{ userBadgeId: b.userBadgeId }} name={b.name} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BadgesToEarn() {
  const { t } = useI18n();
  const catalog = trpc.gamification.badges.useQuery();
  const locked = catalog.data?.filter((b) => !b.earned) ?? [];
  if (!catalog.data || locked.length === 0) return null;
  return (
    <details className="card">
      <summary>
        <h2 className="inline-h2">{t('gam.badges.toEarn')}</h2> ({locked.length})
      </summary>
      <ul className="badge-grid">
        {locked.map((b) => (
          <li key={b.id} className="badge-tile">
            <TierMedal tier={b.tier} icon={b.iconUrl} locked />
            <div className="badge-text">
              <h3>{b.name}</h3>
              <p className="small muted">
                {t(`gam.tier.${b.tier}` as 'gam.tier.bronze')} · {t('gam.badges.locked')}
              </p>
              {b.description && <p className="small">{b.description}</p>}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}

function History() {
  const { t, locale } = useI18n();
  const pages = trpc.gamification.history.useInfiniteQuery(
    { limit: 20, locale },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  return (
    <div className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">{t('gam.history.title')}</h2>
      <p className="muted small">{t('gam.history.intro')}</p>
      <PagedQueryState query={pages} empty={t('gam.history.empty')} more={t('gam.history.more')}>
        {(items) => (
        <ol className="history" data-testid="xp-history">
          {items.map((i) => (
            <li key={i.id}>
              <span className="history-amount">+{formatNumber(i.amount, locale)}</span>
              <span className="history-label">{i.label}</span>
              <time className="small muted" dateTime={i.createdAt}>
                {formatDay(i.createdAt, locale)}
              </time>
            </li>
          ))}
        </ol>
        )}
      </PagedQueryState>
    </div>
  );
}

function Privacy({ hidden }: { hidden: boolean }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const set = trpc.gamification.setLeaderboardVisibility.useMutation({
    onSuccess: (r) => {
      utils.gamification.me.setData(undefined, (old) => (old ? { ...old, hideFromLeaderboard: r.hideFromLeaderboard } : old));
      void utils.gamification.leaderboard.invalidate();
    },
  });
  return (
    <div className="card stack" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('gam.privacy.title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hidden}
          disabled={set.isPending}
          onChange={(e) => set.mutate({ hidden: e.target.checked })}
          data-testid="hide-from-leaderboard"
        />
        {t('gam.privacy.hide')}
      </label>
      <p role="status" className="small muted">
        {set.isSuccess ? t('gam.privacy.saved') : ''}
      </p>
      {set.isError && <p role="alert" className="form-error">{t('common.error')}</p>}
    </div>
  );
}
