// Discussion pages, each its own lazily loaded chunk, for signed-in users.
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';

function page(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    const { t } = useI18n();
    return (
      <RequireAuth>
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          <Page />
        </Suspense>
      </RequireAuth>
    );
  };
}

export const CourseDiscussionsRoute = page(() => import('./DiscussionsPage').then((m) => m.DiscussionsPage));
export const DiscussionThreadRoute = page(() => import('./ThreadPage').then((m) => m.ThreadPage));
export const ModerationRoute = page(() => import('./ModerationPage').then((m) => m.ModerationPage));
