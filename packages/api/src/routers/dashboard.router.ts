import { getAdminDashboard, getInstructorDashboard, getLearnerDashboard } from '@mdsc/core';
import { adminProcedure, authedProcedure, instructorProcedure, localeOf, router } from '../trpc';

/** The landing page after log-in: one query per role, each authorised on the server. */
export const dashboardRouter = router({
  learner: authedProcedure.query(({ ctx }) => getLearnerDashboard(ctx.deps, ctx.actor, localeOf(ctx))),
  instructor: instructorProcedure.query(({ ctx }) => getInstructorDashboard(ctx.deps, ctx.actor)),
  admin: adminProcedure.query(({ ctx }) => getAdminDashboard(ctx.deps, ctx.actor)),
});
