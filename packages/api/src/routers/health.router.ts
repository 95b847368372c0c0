import { checkHealth } from '@mdsc/core';
import { healthOutput } from '@mdsc/validators';
import { publicProcedure, router } from '../trpc';

export const healthRouter = router({
  check: publicProcedure.output(healthOutput).query(({ ctx }) => checkHealth(ctx.deps, ctx.redis)),
});
