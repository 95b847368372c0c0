import { getJobHealth } from '@mdsc/core';
import { adminProcedure, router } from '../trpc';

export const adminRouter = router({
  jobHealth: adminProcedure.query(({ ctx }) => getJobHealth(ctx.deps, ctx.actor)),
});
