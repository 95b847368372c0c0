// The notifications page, its own lazily loaded chunk, for signed-in users.
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';

const Page = lazy(() => import('./NotificationsPage').then((m) => ({ default: m.NotificationsPage })));

export function NotificationsRoute() {
  const { t } = useI18n();
  return (
    <RequireAuth>
      <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        <Page />
      </Suspense>
    </RequireAuth>
  );
}
