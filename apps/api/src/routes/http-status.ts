// The HTTP status of each domain error, for the plain Fastify routes (files, exports, well-known);
// tRPC maps the same errors through its own error middleware.
import type { DomainError } from '@mdsc/core';

export const DOMAIN_ERROR_STATUS: Record<DomainError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  PRECONDITION: 412,
};
