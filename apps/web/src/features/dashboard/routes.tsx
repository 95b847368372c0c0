// The landing page after log-in (its own lazily loaded chunk, signed-in only).
import { lazyPage } from '../../routes/lazyPage';

export const DashboardRoute = lazyPage(() => import('./DashboardPage').then((m) => m.DashboardPage), 'user');
