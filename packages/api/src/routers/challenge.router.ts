import { createChallenge, deleteChallenge, listChallengesAdmin, updateChallenge } from '@mdsc/core';
import {
  challengeCreateInput,
  challengeUpdateInput,
  gamificationAdminListInput,
  gamificationIdInput,
} from '@mdsc/validators';
import { adminProcedure, router } from '../trpc';

/** Admin CRUD of challenges (learners read theirs through gamification.challenges). */
export const challengeRouter = router({
  list: adminProcedure
    .input(gamificationAdminListInput)
    .query(({ ctx, input }) => listChallengesAdmin(ctx.deps, ctx.actor, input)),
  create: adminProcedure.input(challengeCreateInput).mutation(({ ctx, input }) => createChallenge(ctx.deps, ctx.actor, input)),
  update: adminProcedure.input(challengeUpdateInput).mutation(({ ctx, input }) => updateChallenge(ctx.deps, ctx.actor, input)),
  delete: adminProcedure.input(gamificationIdInput).mutation(({ ctx, input }) => deleteChallenge(ctx.deps, ctx.actor, input)),
});
