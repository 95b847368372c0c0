import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { categoryRouter } from './routers/category.router';
import { healthRouter } from './routers/health.router';
import { router } from './trpc';

export const appRouter = router({
  health: healthRouter,
  categories: categoryRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
