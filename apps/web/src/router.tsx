// Router: wouter (tiny), not react-router — the catalog page has a 150 KB gzipped JS budget.
// Routes. Pages other than the home page are loaded lazily (code-split) to keep the first load light.
import { Route, Switch } from 'wouter';
import {
  AdminUsersRoute,
  ForgotPasswordRoute,
  LoginRoute,
  ProfileRoute,
  ResetPasswordRoute,
  SessionsRoute,
  SignUpRoute,
  VerifyEmailRoute,
} from './features/auth/routes';
import { CourseBuilderRoute, InstructorDashboardRoute, NewCourseRoute, QuizEditorRoute } from './features/authoring/routes';
import { GradingQueueRoute } from './features/assignments/routes';
import { CatalogRoute, CourseRoute } from './features/catalog/routes';
import {
  CertificatesRoute,
  CompletionRoute,
  CourseLearnRoute,
  LessonRoute,
  MyLearningRoute,
  QuizRoute,
  VerifyRoute,
} from './features/learning/routes';
import {
  AchievementsRoute,
  AdminBadgesRoute,
  AdminChallengesRoute,
  AdminLevelsRoute,
  ChallengesRoute,
  LeaderboardRoute,
} from './features/gamification/routes';
import { AdminStatsRoute, AnalyticsHomeRoute, CourseAnalyticsRoute } from './features/analytics/routes';
import { ComposeRoute, MessagesRoute, ThreadRoute } from './features/messages/routes';
import { NotificationsRoute } from './features/notifications/routes';
import { CourseDiscussionsRoute, DiscussionThreadRoute, ModerationRoute } from './features/discussions/routes';
import { AdminCategoriesRoute, JobHealthRoute } from './features/admin/routes';
import { CredentialShareRoute, VerifyCredentialRoute } from './features/credentials/routes';
import { DashboardRoute } from './features/dashboard/routes';
import { Layout } from './routes/Layout';
import { HomePage } from './routes/HomePage';
import { NotFoundPage } from './routes/NotFoundPage';
import { AdminPaymentsRoute, CheckoutRoute, InstructorRevenueRoute, MyPurchasesRoute, OrderRoute, VouchersRoute } from './features/payments/routes';

export function AppRoutes() {
  return (
    <Layout>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/dashboard" component={DashboardRoute} />
        <Route path="/signup" component={SignUpRoute} />
        <Route path="/login" component={LoginRoute} />
        <Route path="/verify-email" component={VerifyEmailRoute} />
        <Route path="/forgot-password" component={ForgotPasswordRoute} />
        <Route path="/reset-password" component={ResetPasswordRoute} />
        <Route path="/profile" component={ProfileRoute} />
        <Route path="/profile/sessions" component={SessionsRoute} />
        <Route path="/admin/users" component={AdminUsersRoute} />
        <Route path="/courses" component={CatalogRoute} />
        <Route path="/courses/:slug" component={CourseRoute} />
        <Route path="/instructor" component={InstructorDashboardRoute} />
        <Route path="/instructor/courses/new" component={NewCourseRoute} />
        <Route path="/instructor/courses/:id" component={CourseBuilderRoute} />
        <Route path="/instructor/courses/:id/quizzes/:quizId" component={QuizEditorRoute} />
        <Route path="/instructor/courses/:id/grading" component={GradingQueueRoute} />
        <Route path="/learning" component={MyLearningRoute} />
        <Route path="/learn/:slug" component={CourseLearnRoute} />
        <Route path="/learn/:slug/lessons/:lessonId" component={LessonRoute} />
        <Route path="/learn/:slug/quiz/:quizId" component={QuizRoute} />
        <Route path="/learn/:slug/complete" component={CompletionRoute} />
        <Route path="/certificates" component={CertificatesRoute} />
        <Route path="/payments/checkout/:courseId" component={CheckoutRoute} />
        <Route path="/payments/orders/:orderId" component={OrderRoute} />
        <Route path="/payments/mine" component={MyPurchasesRoute} />
        <Route path="/admin/payments" component={AdminPaymentsRoute} />
        <Route path="/instructor/revenue" component={InstructorRevenueRoute} />
        <Route path="/instructor/vouchers" component={VouchersRoute} />
        <Route path="/verify" component={VerifyCredentialRoute} />
        <Route path="/verify/:code" component={VerifyRoute} />
        <Route path="/credentials/:uuid" component={CredentialShareRoute} />
        <Route path="/achievements" component={AchievementsRoute} />
        <Route path="/leaderboard" component={LeaderboardRoute} />
        <Route path="/challenges" component={ChallengesRoute} />
        <Route path="/admin/badges" component={AdminBadgesRoute} />
        <Route path="/admin/challenges" component={AdminChallengesRoute} />
        <Route path="/admin/levels" component={AdminLevelsRoute} />
        <Route path="/messages" component={MessagesRoute} />
        <Route path="/messages/new" component={ComposeRoute} />
        <Route path="/messages/:id" component={ThreadRoute} />
        <Route path="/notifications" component={NotificationsRoute} />
        <Route path="/discussions/course/:courseId" component={CourseDiscussionsRoute} />
        <Route path="/discussions/:threadId" component={DiscussionThreadRoute} />
        <Route path="/moderation" component={ModerationRoute} />
        <Route path="/analytics" component={AnalyticsHomeRoute} />
        <Route path="/analytics/courses/:id" component={CourseAnalyticsRoute} />
        <Route path="/admin/stats" component={AdminStatsRoute} />
        <Route path="/admin/jobs" component={JobHealthRoute} />
        <Route path="/admin/categories" component={AdminCategoriesRoute} />
        <Route component={NotFoundPage} />
      </Switch>
    </Layout>
  );
}
