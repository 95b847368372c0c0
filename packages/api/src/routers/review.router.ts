import { listReviews, upsertReview } from '@mdsc/core';
import { reviewListInput, reviewUpsertInput } from '@mdsc/validators';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const reviewRouter = router({
  /** A course's reviews, newest first, with the average and the distribution of ratings. */
  list: publicProcedure.input(reviewListInput).query(({ ctx, input }) => listReviews(ctx.deps, ctx.actor, input)),
  /** My rating of a course I am enrolled in (created once, then edited). */
  upsert: authedProcedure.input(reviewUpsertInput).mutation(({ ctx, input }) => upsertReview(ctx.deps, ctx.actor, input)),
});
