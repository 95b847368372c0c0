// Admin pages of the shared layer, loaded on demand behind the admin guard.
import { lazyPage } from '../../routes/lazyPage';

export const JobHealthRoute = lazyPage(() => import('./JobHealthPage').then((m) => m.JobHealthPage), 'admin');
export const AdminCategoriesRoute = lazyPage(() => import('./AdminCategoriesPage').then((m) => m.AdminCategoriesPage), 'admin');
