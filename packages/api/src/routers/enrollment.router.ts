import { enroll, listMyEnrollments, unenroll } from '@mdsc/core';
import { enrollmentCourseInput } from '@mdsc/validators';
import { authedProcedure, router } from '../trpc';

export const enrollmentRouter = router({
  /** Joins a published course (verified e-mail, deadline, prerequisite); a second call is CONFLICT. */
  enroll: authedProcedure.input(enrollmentCourseInput).mutation(({ ctx, input }) => enroll(ctx.deps, ctx.actor, input.courseId)),
  /** Leaves a course; progress, attempts and certificate are kept. */
  unenroll: authedProcedure
    .input(enrollmentCourseInput)
    .mutation(({ ctx, input }) => unenroll(ctx.deps, ctx.actor, input.courseId)),
  /** My courses with progress, most recently used first. */
  mine: authedProcedure.query(({ ctx }) => listMyEnrollments(ctx.deps, ctx.actor)),
});
