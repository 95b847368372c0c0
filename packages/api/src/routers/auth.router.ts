import {
  changePassword,
  listSessions,
  login,
  logout,
  me,
  refresh,
  register,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeSession,
  verifyEmail,
} from '@mdsc/core';
import {
  changePasswordInput,
  emailOnlyInput,
  loginInput,
  refreshInput,
  registerInput,
  resetPasswordInput,
  revokeSessionInput,
  verifyEmailInput,
} from '@mdsc/validators';
import { authedProcedure, publicProcedure, router, type Context } from '../trpc';

const reqInfo = (ctx: Context) => ({ ip: ctx.req.ip, userAgent: ctx.req.userAgent });
const currentToken = (ctx: Context) => ctx.session?.token ?? null;

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(({ ctx, input }) => register(ctx.deps, input, reqInfo(ctx))),

  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(({ ctx, input }) => verifyEmail(ctx.deps, input)),

  resendVerification: publicProcedure
    .input(emailOnlyInput)
    .mutation(({ ctx, input }) => resendVerification(ctx.deps, input, reqInfo(ctx))),

  /**
   * `cookie` mode (web app): the session goes into an HttpOnly cookie, never into the body.
   * `token` mode (other clients): a bearer session token and a refresh token in the body.
   */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const result = await login(ctx.deps, input, reqInfo(ctx));
    const expiresAt = result.session.expiresAt.toISOString();
    if (input.mode === 'cookie') {
      ctx.cookies?.setSession(result.session.token);
      return { user: result.user, expiresAt, sessionToken: null, refreshToken: null };
    }
    return { user: result.user, expiresAt, sessionToken: result.session.token, refreshToken: result.refreshToken };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.deps, currentToken(ctx));
    ctx.cookies?.clearSession();
    return { ok: true as const };
  }),

  /** The signed-in user, or null (anonymous visitors get null, not an error). */
  me: publicProcedure.query(({ ctx }) => me(ctx.deps, ctx.actor)),

  requestPasswordReset: publicProcedure
    .input(emailOnlyInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.deps, input, reqInfo(ctx))),

  resetPassword: publicProcedure.input(resetPasswordInput).mutation(({ ctx, input }) => resetPassword(ctx.deps, input)),

  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) =>
      changePassword(ctx.deps, ctx.actor, input, { ...reqInfo(ctx), sessionToken: currentToken(ctx) }),
    ),

  sessions: authedProcedure.query(({ ctx }) => listSessions(ctx.deps, ctx.actor, currentToken(ctx))),

  revokeSession: authedProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    const result = await revokeSession(ctx.deps, ctx.actor, input, currentToken(ctx));
    if (result.current && ctx.session?.via === 'cookie') ctx.cookies?.clearSession();
    return result;
  }),

  /** API clients: exchange a refresh token for a new bearer session and refresh token. */
  refresh: publicProcedure.input(refreshInput).mutation(async ({ ctx, input }) => {
    const r = await refresh(ctx.deps, input, reqInfo(ctx));
    return { sessionToken: r.session.token, expiresAt: r.session.expiresAt.toISOString(), refreshToken: r.refreshToken };
  }),
});
