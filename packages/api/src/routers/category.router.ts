import { createCategory, listCategories, listCategoriesAdmin, updateCategory } from '@mdsc/core';
import { categoryCreateInput, categoryListInput, categoryUpdateInput } from '@mdsc/validators';
import { adminProcedure, localeOf, publicProcedure, router } from '../trpc';

export const categoryRouter = router({
  /** Named in the request's language (French where no translation is stored). */
  list: publicProcedure.input(categoryListInput).query(({ ctx, input }) => listCategories(ctx.deps, input, localeOf(ctx))),
  /** Every category as the admin edits it: French original and English name and description. */
  adminList: adminProcedure.query(({ ctx }) => listCategoriesAdmin(ctx.deps, ctx.actor)),
  create: adminProcedure
    .input(categoryCreateInput)
    .mutation(({ ctx, input }) => createCategory(ctx.deps, ctx.actor, input)),
  /** Rename, recolour, deactivate (isActive: false) or reactivate. */
  update: adminProcedure
    .input(categoryUpdateInput)
    .mutation(({ ctx, input }) => updateCategory(ctx.deps, ctx.actor, input)),
});
