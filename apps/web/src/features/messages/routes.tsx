// Messages pages, each its own lazily loaded chunk, for signed-in users.
import { lazyPage } from '../../routes/lazyPage';

export const MessagesRoute = lazyPage(() => import('./MessagesPage').then((m) => m.MessagesPage), 'user');
export const ComposeRoute = lazyPage(() => import('./ComposePage').then((m) => m.ComposePage), 'user');
export const ThreadRoute = lazyPage(() => import('./ThreadPage').then((m) => m.ThreadPage), 'user');
