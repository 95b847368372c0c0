// Analytics pages, each its own lazily loaded chunk (charts never weigh on the catalog's budget).
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';

function page(load: () => Promise<ComponentType>, admin = false) {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    const { t } = useI18n();
    return (
      <RequireAuth admin={admin}>
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          <Page />
        </Suspense>
      </RequireAuth>
    );
  };
}

export const AnalyticsHomeRoute = page(() => import('./AnalyticsHomePage').then((m) => m.AnalyticsHomePage));
export const CourseAnalyticsRoute = page(() =>
  import('./CourseAnalyticsPage').then((m) => m.CourseAnalyticsPage),
);
export const AdminStatsRoute = page(
  () => import('./AdminDashboardPage').then((m) => m.AdminDashboardPage),
  true,
);
