// Authoring pages (instructors and admins), loaded on demand.
import type { ComponentType, ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { lazyPage } from '../../routes/lazyPage';
import { useAuth } from '../auth/useAuth';

/** Instructors and admins only (the server checks each object too). */
export function RequireAuthor({ children }: { children: ReactNode }) {
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

const page = (load: () => Promise<ComponentType>) => lazyPage(load, 'user', (p) => <RequireAuthor>{p}</RequireAuthor>);

export const InstructorDashboardRoute = page(() =>
  import('./InstructorDashboard').then((m) => m.InstructorDashboard),
);
export const NewCourseRoute = page(() => import('./InstructorDashboard').then((m) => m.NewCoursePage));
export const CourseBuilderRoute = page(() => import('./CourseBuilderPage').then((m) => m.CourseBuilderPage));
export const QuizEditorRoute = page(() => import('../quiz-editor/QuizEditorPage').then((m) => m.QuizEditorPage));
