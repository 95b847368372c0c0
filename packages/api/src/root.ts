import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { authRouter } from './routers/auth.router';
import { categoryRouter } from './routers/category.router';
import { courseRouter } from './routers/course.router';
import { lessonRouter, moduleRouter } from './routers/curriculum.router';
import { healthRouter } from './routers/health.router';
import { usersRouter } from './routers/users.router';
import { router } from './trpc';

export const appRouter = router({
  health: healthRouter,
  categories: categoryRouter,
  courses: courseRouter,
  modules: moduleRouter,
  lessons: lessonRouter,
  auth: authRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
