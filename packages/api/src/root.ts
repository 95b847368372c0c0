import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { adminRouter } from './routers/admin.router';
import { assignmentsRouter } from './routers/assignments.router';
import { authRouter } from './routers/auth.router';
import { badgeRouter } from './routers/badge.router';
import { levelRouter } from './routers/level.router';
import { challengeRouter } from './routers/challenge.router';
import { categoryRouter } from './routers/category.router';
import { courseRouter } from './routers/course.router';
import { dashboardRouter } from './routers/dashboard.router';
import { discussionRouter } from './routers/discussion.router';
import { lessonRouter, moduleRouter } from './routers/curriculum.router';
import { gamificationRouter } from './routers/gamification.router';
import { healthRouter } from './routers/health.router';
import { usersRouter } from './routers/users.router';
import { analyticsRouter } from './routers/analytics.router';
import { mediaRouter } from './routers/media.router';
import { messageRouter } from './routers/message.router';
import { notificationRouter } from './routers/notification.router';
import { certificateRouter } from './routers/certificate.router';
import { credentialRouter } from './routers/credential.router';
import { enrollmentRouter } from './routers/enrollment.router';
import { progressRouter } from './routers/progress.router';
import { packageRouter } from './routers/package.router';
import { quizRouter } from './routers/quiz.router';
import { reviewRouter } from './routers/review.router';
import { paymentRouter } from './routers/payment.router';
import { router } from './trpc';

export const appRouter = router({
  enrollments: enrollmentRouter,
  assignments: assignmentsRouter,
  progress: progressRouter,
  packages: packageRouter,
  quizzes: quizRouter,
  certificates: certificateRouter,
  credentials: credentialRouter,
  reviews: reviewRouter,
  messages: messageRouter,
  notifications: notificationRouter,
  analytics: analyticsRouter,
  health: healthRouter,
  categories: categoryRouter,
  courses: courseRouter,
  modules: moduleRouter,
  lessons: lessonRouter,
  auth: authRouter,
  admin: adminRouter,
  users: usersRouter,
  gamification: gamificationRouter,
  badges: badgeRouter,
  levels: levelRouter,
  challenges: challengeRouter,
  discussions: discussionRouter,
  media: mediaRouter,
  payments: paymentRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
