// The one tRPC setup file: context, initTRPC, error formatting and conversion, named procedures.
import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError, type Actor, type CoreDeps, type RedisPinger } from '@mdsc/core';
import { DEFAULT_LOCALE, type Locale } from '@mdsc/validators';
import { z, ZodError } from 'zod';

export interface RequestMeta {
  ip: string;
  origin: string | null;
  userAgent: string | null;
  /** The request carries the session cookie (valid or not): mutations then need a trusted Origin. */
  cookieSession?: boolean;
  /** Origin is the web app's or one of CORS_ORIGINS. */
  originTrusted?: boolean;
}

/** How the actor authenticated: the raw token stays in memory for this request only. */
export interface CurrentSession {
  token: string;
  via: 'cookie' | 'bearer';
}

/** What procedures may do to the HTTP response (absent when called without HTTP). */
export interface SessionCookies {
  setSession(token: string): void;
  clearSession(): void;
}

export interface Context {
  deps: CoreDeps;
  redis: RedisPinger | null;
  req: RequestMeta;
  /** The authenticated user, resolved from the session cookie or bearer token; null when anonymous. */
  actor: Actor | null;
  /** Set by createHttpContext when a valid session came with the request. */
  session?: CurrentSession | null;
  cookies?: SessionCookies | null;
  /** The language the request asked for (x-locale, else Accept-Language); absent: see localeOf. */
  locale?: Locale | null;
}

/** The language to answer in: the request's, else the signed-in user's, else French. */
export const localeOf = (ctx: Pick<Context, 'locale' | 'actor'>): Locale => ctx.locale ?? ctx.actor?.locale ?? DEFAULT_LOCALE;

const DOMAIN_TO_TRPC = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  PRECONDITION: 'PRECONDITION_FAILED',
} as const;

const t = initTRPC.context<Context>().create({
  // Subscriptions over SSE: a ping keeps proxies from closing an idle stream; the client
  // reconnects (and resynchronises) if it hears nothing for twice that long.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 35_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field errors from zod, so that forms can show them next to the field.
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        field: cause instanceof DomainError ? ((cause.details?.field as string | undefined) ?? null) : null,
        retryAfterSeconds:
          cause instanceof DomainError ? ((cause.details?.retryAfterSeconds as number | undefined) ?? null) : null,
        // Machine-readable why (e.g. lesson_locked, no_attempts_left), for the web app's messages.
        reason: cause instanceof DomainError ? ((cause.details?.reason as string | undefined) ?? null) : null,
        // What stands in the way of an action, one entry per thing to fix (e.g. publication problems).
        problems: cause instanceof DomainError ? ((cause.details?.problems as unknown[] | undefined) ?? null) : null,
      },
    };
  },
});

/** Maps domain errors and unique-constraint violations to tRPC codes; logs and hides anything else. */
const errorConversion = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const err = result.error;
  const cause = err.cause;
  if (cause instanceof DomainError) {
    throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (cause && (cause as Error).name === 'SequelizeUniqueConstraintError') {
    throw new TRPCError({ code: 'CONFLICT', message: 'Already exists', cause });
  }
  if (err.code === 'INTERNAL_SERVER_ERROR') {
    ctx.deps.logger.error({ err: cause ?? err, path }, 'unhandled error');
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
/**
 * CSRF: a mutation sent with the session cookie must come from one of our origins. Browsers always
 * send Origin on cross-site POSTs; a missing one with a cookie is refused too. Bearer-only
 * clients carry no cookie and are not concerned.
 */
const csrfGuard = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.req.cookieSession && !ctx.req.originTrusted) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'cross_site_request' });
  }
  return next();
});

export const publicProcedure = t.procedure.use(errorConversion).use(csrfGuard);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Authentication required' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const instructorProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== 'instructor' && ctx.actor.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Instructors only' });
  }
  return next();
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Admins only' });
  return next();
});
