// The HTTP status of each domain error, for the plain Fastify routes (files, exports, well-known),
// and the one JSON error body they answer with; tRPC maps the same errors through its own error
// middleware.
import type { DomainError } from '@mdsc/core';
import type { FastifyReply } from 'fastify';

export const DOMAIN_ERROR_STATUS: Record<DomainError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  PRECONDITION: 412,
};

/** `{ error: { message, field, reason } }` with `status`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  message: string,
  field: string | null = null,
  reason: string | null = null,
) {
  return reply.code(status).send({ error: { message, field, reason } });
}

/** A domain error as an HTTP answer: its status, message, field and machine-readable reason. */
export function sendDomainError(reply: FastifyReply, err: DomainError) {
  const field = (err.details?.field as string | undefined) ?? null;
  const reason = (err.details?.reason as string | undefined) ?? null;
  // Still being processed: worth retrying in a moment.
  if (reason === 'media_processing') reply.header('retry-after', '5');
  return sendError(reply, DOMAIN_ERROR_STATUS[err.code], err.message, field, reason);
}
