// Learning-path pages, each its own lazily loaded chunk; the signed-in ones behind RequireAuth.
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from '../auth/RequireAuth';

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

function page(load: () => Promise<ComponentType>, signedIn: boolean) {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    const body = (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
    return signedIn ? <RequireAuth>{body}</RequireAuth> : body;
  };
}

export const MyLearningRoute = page(() => import('./MyLearningPage').then((m) => m.MyLearningPage), true);
/** Public: visitors see the path and how to enrol. */
export const CourseLearnRoute = page(() => import('./CourseLearnPage').then((m) => m.CourseLearnPage), false);
export const LessonRoute = page(() => import('./LessonPage').then((m) => m.LessonPage), true);
export const CompletionRoute = page(() => import('./CompletionPage').then((m) => m.CompletionPage), true);
export const QuizRoute = page(() => import('../quiz/QuizPage').then((m) => m.QuizPage), true);
export const CertificatesRoute = page(() => import('../certificates/CertificatesPage').then((m) => m.CertificatesPage), true);
/** Public: where a certificate's QR code leads. */
export const VerifyRoute = page(() => import('../certificates/VerifyPage').then((m) => m.VerifyPage), false);
