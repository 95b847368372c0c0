// Assignment pages, loaded on demand: the grading queue (instructors and admins).
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { lazyPage } from '../../routes/lazyPage';
import { useAuth } from '../auth/useAuth';

function RequireGrader({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useAuth();
  if (user && user.role !== 'instructor' && user.role !== 'admin') {
    return (
      <p role="alert" className="error-state">
        {t('authoring.instructorsOnly')}
      </p>
    );
  }
  return <>{children}</>;
}

export const GradingQueueRoute = lazyPage(
  () => import('./GradingQueuePage').then((m) => m.GradingQueuePage),
  'user',
  (p) => <RequireGrader>{p}</RequireGrader>,
);
