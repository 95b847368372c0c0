import { getJobHealth, listFailedJobs, retryFailedJob, runRepairNow } from '@mdsc/core';
import { QUEUE_NAMES, type QueueName } from '@mdsc/jobs';
import { z } from 'zod';
import { adminProcedure, router } from '../trpc';

const retryInput = z.object({
  queue: z.enum(QUEUE_NAMES as [QueueName, ...QueueName[]]),
  jobId: z.string().trim().min(1).max(200),
});

export const adminRouter = router({
  jobHealth: adminProcedure.query(({ ctx }) => getJobHealth(ctx.deps, ctx.actor)),
  failedJobs: adminProcedure.query(({ ctx }) => listFailedJobs(ctx.deps, ctx.actor)),
  retryJob: adminProcedure.input(retryInput).mutation(({ ctx, input }) => retryFailedJob(ctx.deps, ctx.actor, input)),
  runRepair: adminProcedure.mutation(({ ctx }) => runRepairNow(ctx.deps, ctx.actor)),
});
