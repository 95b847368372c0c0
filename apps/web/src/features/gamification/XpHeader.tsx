// Level and XP bar in the header (signed-in users), and the celebrations of a level-up or a new
// badge. XP is paid by a background job shortly after a lesson or quiz: after any successful
// mutation the bar refreshes a few times, then every half minute.
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { useAuth } from '../auth/useAuth';
import type { CelebrationItem } from './Celebration';
import './gamification-header.css';

const Celebration = lazy(() => import('./Celebration').then((m) => ({ default: m.Celebration })));

const REFRESH_AFTER_MUTATION_MS = [400, 1500, 4000];

interface Seen {
  level: number;
  badges: number[];
}

export function XpHeader() {
  const { user } = useAuth();
  if (!user) return null;
  return <XpBar userId={user.id} />;
}

function XpBar({ userId }: { userId: number }) {
  const { t, locale } = useI18n();
  const me = trpc.gamification.me.useQuery(undefined, { refetchInterval: 30_000, staleTime: 5_000 });
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const [queue, setQueue] = useState<CelebrationItem[]>([]);
  const timers = useRef<number[]>([]);

  // Any successful mutation (lesson completed, quiz submitted…) may earn XP a moment later; not
  // opening a lesson (progress.start earns nothing), which every lesson page does as it loads.
  useEffect(() => {
    const unsubscribe = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      const key = JSON.stringify(event.mutation.options.mutationKey ?? '');
      if (key.includes('gamification') || key.includes('["progress","start"]')) return;
      for (const ms of REFRESH_AFTER_MUTATION_MS) {
        timers.current.push(window.setTimeout(() => void utils.gamification.me.invalidate(), ms));
      }
    });
    return () => {
      unsubscribe();
      timers.current.forEach((id) => window.clearTimeout(id));
    };
  }, [queryClient, utils]);

  // Compare with what this browser last showed: a higher level or new badges are celebrated once.
  const data = me.data;
  useEffect(() => {
    if (!data) return;
    const key = `mdsc.gamification.seen.${userId}`;
    const now: Seen = { level: data.level.level, badges: data.badges.map((b) => b.userBadgeId) };
    let seen: Seen | null = null;
    try {
      seen = JSON.parse(localStorage.getItem(key) ?? 'null') as Seen | null;
    } catch {
      seen = null;
    }
    localStorage.setItem(key, JSON.stringify(now));
    if (!seen) return; // first visit on this browser: nothing to celebrate retroactively
    const items: CelebrationItem[] = [];
    if (now.level > seen.level) items.push({ kind: 'level', level: data.level.level, name: data.level.name });
    for (const b of data.badges) {
      if (!seen.badges.includes(b.userBadgeId)) items.push({ kind: 'badge', name: b.name, tier: b.tier, icon: b.iconUrl });
    }
    if (items.length) setQueue((q) => [...q, ...items]);
  }, [data, userId, locale]);

  if (!data) return <div className="xp-header" aria-hidden="true" />;
  const lvl = data.level;
  const name = lvl.name; // in the reader's language (the server names it)
  const label = lvl.nextMinXp
    ? t('gam.xpBar', { level: lvl.level, name, xp: data.totalXp, percent: lvl.percent })
    : t('gam.xpBarTop', { level: lvl.level, name, xp: data.totalXp });
  return (
    <>
      <Link href="/achievements" className="xp-header" title={label} data-testid="xp-header">
        <span className="xp-level" aria-hidden="true">
          {t('gam.levelShort', { level: lvl.level })}
        </span>
        <span
          className="xp-track"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={lvl.percent}
          data-testid="xp-bar"
          data-xp={data.totalXp}
        >
          <span className="xp-fill" style={{ width: `${lvl.percent}%` }} />
        </span>
        <span className="xp-points" aria-hidden="true" data-testid="xp-points">
          {t('gam.xp', { count: formatNumber(data.totalXp, locale) })}
        </span>
      </Link>
      {queue.length > 0 && (
        <Suspense fallback={null}>
          <Celebration item={queue[0]} onClose={() => setQueue((q) => q.slice(1))} />
        </Suspense>
      )}
    </>
  );
}
