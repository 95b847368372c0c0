// Learning-path pages, each its own lazily loaded chunk; the signed-in ones behind RequireAuth.
import { lazyPage } from '../../routes/lazyPage';

export const MyLearningRoute = lazyPage(() => import('./MyLearningPage').then((m) => m.MyLearningPage), 'user');
/** Public: visitors see the path and how to enrol. */
export const CourseLearnRoute = lazyPage(() => import('./CourseLearnPage').then((m) => m.CourseLearnPage));
export const LessonRoute = lazyPage(() => import('./LessonPage').then((m) => m.LessonPage), 'user');
export const CompletionRoute = lazyPage(() => import('./CompletionPage').then((m) => m.CompletionPage), 'user');
export const QuizRoute = lazyPage(() => import('../quiz/QuizPage').then((m) => m.QuizPage), 'user');
export const CertificatesRoute = lazyPage(() => import('../certificates/CertificatesPage').then((m) => m.CertificatesPage), 'user');
/** Public: where a certificate's QR code leads. */
export const VerifyRoute = lazyPage(() => import('../certificates/VerifyPage').then((m) => m.VerifyPage));
