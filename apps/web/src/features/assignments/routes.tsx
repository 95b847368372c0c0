// Assignment pages, loaded on demand: the grading queue (instructors and admins).
import { RequireAuthor } from '../authoring/routes';
import { lazyPage } from '../../routes/lazyPage';

export const GradingQueueRoute = lazyPage(
  () => import('./GradingQueuePage').then((m) => m.GradingQueuePage),
  'user',
  (p) => <RequireAuthor>{p}</RequireAuthor>,
);
