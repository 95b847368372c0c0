// Authoring pages (instructors and admins), loaded on demand.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';
import { useAuth } from '../auth/useAuth';

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

function RequireAuthor({ children }: { children: ReactNode }) {
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

function page(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function AuthoringRoute() {
    return (
      <RequireAuth>
        <RequireAuthor>
          <Suspense fallback={<Loading />}>
            <Page />
          </Suspense>
        </RequireAuthor>
      </RequireAuth>
    );
  };
}

export const InstructorDashboardRoute = page(() =>
  import('./InstructorDashboard').then((m) => m.InstructorDashboard),
);
export const NewCourseRoute = page(() => import('./InstructorDashboard').then((m) => m.NewCoursePage));
export const CourseBuilderRoute = page(() => import('./CourseBuilderPage').then((m) => m.CourseBuilderPage));
