// The notifications page, its own lazily loaded chunk, for signed-in users.
import { lazyPage } from '../../routes/lazyPage';

export const NotificationsRoute = lazyPage(() => import('./NotificationsPage').then((m) => m.NotificationsPage), 'user');
