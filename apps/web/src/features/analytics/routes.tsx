// Analytics pages, each its own lazily loaded chunk (charts never weigh on the catalog's budget).
import { lazyPage } from '../../routes/lazyPage';

export const AnalyticsHomeRoute = lazyPage(() => import('./AnalyticsHomePage').then((m) => m.AnalyticsHomePage), 'user');
export const CourseAnalyticsRoute = lazyPage(() =>
  import('./CourseAnalyticsPage').then((m) => m.CourseAnalyticsPage),
  'user',
);
export const AdminStatsRoute = lazyPage(
  () => import('./AdminDashboardPage').then((m) => m.AdminDashboardPage),
  'admin',
);
