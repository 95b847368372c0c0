import { changeEmail, listUsers, setActive, setRole, updateProfile } from '@mdsc/core';
import {
  adminUserListInput,
  changeEmailInput,
  setActiveInput,
  setRoleInput,
  updateProfileInput,
} from '@mdsc/validators';
import { adminProcedure, authedProcedure, router } from '../trpc';

export const usersRouter = router({
  updateProfile: authedProcedure
    .input(updateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.deps, ctx.actor, input)),

  changeEmail: authedProcedure
    .input(changeEmailInput)
    .mutation(({ ctx, input }) =>
      changeEmail(ctx.deps, ctx.actor, input, { ip: ctx.req.ip, userAgent: ctx.req.userAgent }),
    ),

  list: adminProcedure.input(adminUserListInput).query(({ ctx, input }) => listUsers(ctx.deps, ctx.actor, input)),

  setRole: adminProcedure.input(setRoleInput).mutation(({ ctx, input }) => setRole(ctx.deps, ctx.actor, input)),

  setActive: adminProcedure.input(setActiveInput).mutation(({ ctx, input }) => setActive(ctx.deps, ctx.actor, input)),
});
