import { createCategory, listCategories, updateCategory } from '@mdsc/core';
import { categoryCreateInput, categoryListInput, categoryUpdateInput } from '@mdsc/validators';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const categoryRouter = router({
  list: publicProcedure.input(categoryListInput).query(({ ctx, input }) => listCategories(ctx.deps, input)),
  create: adminProcedure
    .input(categoryCreateInput)
    .mutation(({ ctx, input }) => createCategory(ctx.deps, ctx.actor, input)),
  /** Rename, recolour, deactivate (isActive: false) or reactivate. */
  update: adminProcedure
    .input(categoryUpdateInput)
    .mutation(({ ctx, input }) => updateCategory(ctx.deps, ctx.actor, input)),
});
