import { createBadge, deleteBadge, listBadgesAdmin, updateBadge } from '@mdsc/core';
import { badgeCreateInput, badgeUpdateInput, gamificationAdminListInput, gamificationIdInput } from '@mdsc/validators';
import { adminProcedure, router } from '../trpc';

/** Admin CRUD of the badge catalogue. */
export const badgeRouter = router({
  list: adminProcedure.input(gamificationAdminListInput).query(({ ctx, input }) => listBadgesAdmin(ctx.deps, ctx.actor, input)),
  create: adminProcedure.input(badgeCreateInput).mutation(({ ctx, input }) => createBadge(ctx.deps, ctx.actor, input)),
  update: adminProcedure.input(badgeUpdateInput).mutation(({ ctx, input }) => updateBadge(ctx.deps, ctx.actor, input)),
  delete: adminProcedure.input(gamificationIdInput).mutation(({ ctx, input }) => deleteBadge(ctx.deps, ctx.actor, input)),
});
