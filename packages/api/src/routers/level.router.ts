import { listLevelsAdmin, renameLevel } from '@mdsc/core';
import { levelRenameInput } from '@mdsc/validators';
import { adminProcedure, router } from '../trpc';

/** Admin: the level names per language (the XP thresholds stay in code). */
export const levelRouter = router({
  list: adminProcedure.query(({ ctx }) => listLevelsAdmin(ctx.deps, ctx.actor)),
  update: adminProcedure.input(levelRenameInput).mutation(({ ctx, input }) => renameLevel(ctx.deps, ctx.actor, input)),
});
