// Gamification pages, each its own lazily loaded chunk, behind RequireAuth (admin pages for admins).
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

function page(load: () => Promise<ComponentType>, admin = false) {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    return (
      <RequireAuth admin={admin}>
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </RequireAuth>
    );
  };
}

export const AchievementsRoute = page(() => import('./AchievementsPage').then((m) => m.AchievementsPage));
export const LeaderboardRoute = page(() => import('./LeaderboardPage').then((m) => m.LeaderboardPage));
export const ChallengesRoute = page(() => import('./ChallengesPage').then((m) => m.ChallengesPage));
export const AdminBadgesRoute = page(() => import('./AdminBadgesPage').then((m) => m.AdminBadgesPage), true);
export const AdminChallengesRoute = page(() => import('./AdminChallengesPage').then((m) => m.AdminChallengesPage), true);
