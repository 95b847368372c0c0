// Domain errors thrown by services. The API layer maps them to tRPC codes in one place.
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: | 'NOT_FOUND'
      | 'FORBIDDEN'
      | 'CONFLICT'
      | 'VALIDATION'
      | 'UNAUTHORIZED'
      | 'RATE_LIMITED'
      | 'PRECONDITION',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, details?: Record<string, unknown>) {
    super(`${what} not found`, 'NOT_FOUND', details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Forbidden', details?: Record<string, unknown>) {
    super(message, 'FORBIDDEN', details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(message, 'UNAUTHORIZED');
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'CONFLICT', details);
  }
}

/** Bad input the schema could not catch (depends on stored data); names the offending field. */
export class ValidationError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, 'VALIDATION', { field });
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests, retry in ${retryAfterSeconds}s`, 'RATE_LIMITED', { retryAfterSeconds });
  }
}

/** The object is not in a state that allows the action (e.g. a course not complete enough to publish). */
export class PreconditionError extends DomainError {
  constructor(message: string, details: { reason: string; problems?: unknown[] }) {
    super(message, 'PRECONDITION', details);
  }
}
