import {
  badgePdfUrl,
  getLeaderboard,
  getMyGamification,
  listBadgeCatalog,
  listMyChallenges,
  listXpHistory,
  setLeaderboardVisibility,
} from '@mdsc/core';
import { leaderboardInput, leaderboardVisibilityInput, userBadgeInput, xpHistoryInput } from '@mdsc/validators';
import { authedProcedure, localeOf, router } from '../trpc';

export const gamificationRouter = router({
  /** XP, level, streaks and earned badges of the caller. */
  me: authedProcedure.query(({ ctx }) => getMyGamification(ctx.deps, ctx.actor, localeOf(ctx))),
  /** The caller's XP ledger with a sentence per award ("why did I get this?"). */
  history: authedProcedure.input(xpHistoryInput).query(({ ctx, input }) => listXpHistory(ctx.deps, ctx.actor, input)),
  leaderboard: authedProcedure.input(leaderboardInput).query(({ ctx, input }) => getLeaderboard(ctx.deps, ctx.actor, input, localeOf(ctx))),
  challenges: authedProcedure.query(({ ctx }) => listMyChallenges(ctx.deps, ctx.actor, localeOf(ctx))),
  /** Every active badge with whether the caller holds it. */
  badges: authedProcedure.query(({ ctx }) => listBadgeCatalog(ctx.deps, ctx.actor, localeOf(ctx))),
  setLeaderboardVisibility: authedProcedure
    .input(leaderboardVisibilityInput)
    .mutation(({ ctx, input }) => setLeaderboardVisibility(ctx.deps, ctx.actor, input)),
  /** Download address of one of the caller's badge PDFs. */
  badgePdf: authedProcedure.input(userBadgeInput).query(({ ctx, input }) => badgePdfUrl(ctx.deps, ctx.actor, input)),
});
