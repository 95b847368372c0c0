import { listCategories } from '@mdsc/core';
import { categoryListInput } from '@mdsc/validators';
import { publicProcedure, router } from '../trpc';

export const categoryRouter = router({
  list: publicProcedure.input(categoryListInput).query(({ ctx, input }) => listCategories(ctx.deps, input)),
});
