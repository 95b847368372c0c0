// Leaderboards in tabs (overall, this month, by category), a page at a time, with the viewer's own
// rank even when they are far down. Learners who opted out appear as "anonymous learner".
import type { LeaderboardScope } from '@mdsc/validators';
import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { formatNumber } from './format';
import './gamification.css';

const TABS: LeaderboardScope[] = ['global', 'month', 'category'];
const PAGE = 20;

export function LeaderboardPage() {
  const { t } = useI18n();
  const [scope, setScope] = useState<LeaderboardScope>('global');
  const categories = trpc.categories.list.useQuery({}, { enabled: scope === 'category' });
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const chosen = categoryId ?? categories.data?.[0]?.id ?? null;

  function onKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.indexOf(scope);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setScope(TABS[next]);
    document.getElementById(`tab-${TABS[next]}`)?.focus();
  }

  return (
    <section className="stack gam-page" aria-labelledby="board-title">
      <h1 id="board-title">{t('gam.board.title')}</h1>
      <div role="tablist" aria-label={t('gam.board.tabs')} className="tabs">
        {TABS.map((s) => (
          <button
            key={s}
            id={`tab-${s}`}
            type="button"
            role="tab"
            aria-selected={scope === s}
            aria-controls="board-panel"
            tabIndex={scope === s ? 0 : -1}
            className={scope === s ? 'tab active' : 'tab'}
            onClick={() => setScope(s)}
            onKeyDown={onKey}
          >
            {t(`gam.board.${s}`)}
          </button>
        ))}
      </div>
      <div id="board-panel" role="tabpanel" aria-labelledby={`tab-${scope}`} className="stack">
        {scope === 'category' && (
          <label className="field narrow-field">
            <span>{t('gam.board.chooseCategory')}</span>
            <select value={chosen ?? ''} onChange={(e) => setCategoryId(Number(e.target.value))}>
              {categories.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {scope === 'category' && !chosen ? (
          categories.isPending ? <p aria-busy="true">{t('common.loading')}</p> : <p className="muted">{t('gam.board.empty')}</p>
        ) : (
          <Board key={`${scope}-${chosen}`} scope={scope} categoryId={scope === 'category' ? chosen : null} />
        )}
      </div>
    </section>
  );
}

function Board({ scope, categoryId }: { scope: LeaderboardScope; categoryId: number | null }) {
  const { t, locale } = useI18n();
  const pages = trpc.gamification.leaderboard.useInfiniteQuery(
    { scope, categoryId: categoryId ?? undefined, limit: PAGE },
    {
      initialCursor: 0,
      getNextPageParam: (last, all) => (last.hasMore ? all.length * PAGE : undefined),
    },
  );
  const caption = t('gam.board.caption', { name: t(`gam.board.${scope}`) });
  return (
    <QueryState query={pages} lines={6}>
      {(data) => {
        const entries = data.pages.flatMap((p) => p.entries);
        const viewer = data.pages[0].viewer;
        return (
    <div className="stack">
      <p className="card small" data-testid="my-rank">
        {viewer ? t('gam.board.yourRank', { rank: viewer.rank, xp: formatNumber(viewer.xp, locale) }) : t('gam.board.notRanked')}
      </p>
      {entries.length === 0 ? (
        <p className="muted">{t('gam.board.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="board" data-testid="leaderboard">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gam.board.rank')}</th>
                <th scope="col">{t('gam.board.learner')}</th>
                <th scope="col" className="num">
                  {t('gam.board.level')}
                </th>
                <th scope="col" className="num">
                  {t('gam.board.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.rank}-${e.userId ?? `anon-${i}`}`} className={e.isViewer ? 'me' : undefined} aria-current={e.isViewer ? 'true' : undefined}>
                  <td className="rank">
                    <span className={e.rank <= 3 ? `rank-pill podium-${e.rank}` : 'rank-pill'}>{e.rank}</span>
                  </td>
                  <th scope="row" className={e.name ? undefined : 'muted'}>
                    {e.name ?? t('gam.board.anonymous')} {e.isViewer && <span className="small">{t('gam.board.you')}</span>}
                  </th>
                  <td className="num board-level">
                    {e.level} <span className="small muted">{e.levelName}</span>
                  </td>
                  <td className="num">{formatNumber(e.xp, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('gam.board.more')}
        </button>
      )}
    </div>
        );
      }}
    </QueryState>
  );
}
