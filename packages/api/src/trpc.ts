// The one tRPC setup file: context, initTRPC, error formatting and conversion, named procedures.
import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError, type Actor, type CoreDeps, type RedisPinger } from '@mdsc/core';
import { z, ZodError } from 'zod';

export interface RequestMeta {
  ip: string;
  origin: string | null;
  userAgent: string | null;
}

export interface Context {
  deps: CoreDeps;
  redis: RedisPinger | null;
  req: RequestMeta;
  /** The authenticated user, resolved from the session cookie or bearer token; null when anonymous. */
  actor: Actor | null;
}

const DOMAIN_TO_TRPC = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  VALIDATION: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const;

const t = initTRPC.context<Context>().create({
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
export const publicProcedure = t.procedure.use(errorConversion);

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
