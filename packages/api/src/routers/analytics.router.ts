import { getCourseAnalytics, getPlatformAnalytics, listAnalyticsCourses } from '@mdsc/core';
import { courseAnalyticsInput } from '@mdsc/validators';
import { adminProcedure, instructorProcedure, router } from '../trpc';

export const analyticsRouter = router({
  /** The courses the caller can analyse: their own (all of them for an admin). */
  courses: instructorProcedure.query(({ ctx }) => listAnalyticsCourses(ctx.deps, ctx.actor)),
  /** One course's dashboard; FORBIDDEN for another instructor's course. */
  course: instructorProcedure
    .input(courseAnalyticsInput)
    .query(({ ctx, input }) => getCourseAnalytics(ctx.deps, ctx.actor, input)),
  platform: adminProcedure.query(({ ctx }) => getPlatformAnalytics(ctx.deps, ctx.actor)),
});
