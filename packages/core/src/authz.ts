import type { Actor } from './deps';
import { ForbiddenError } from './errors';

/** Ownership rule used by every service that edits an owned object: the owner, or an admin. */
export function assertOwnerOrAdmin(actor: Actor, ownerId: number, what = 'this resource'): void {
  if (actor.role === 'admin' || actor.id === ownerId) return;
  throw new ForbiddenError(`You may not modify ${what}`);
}

export function isAdmin(actor: Actor | null): boolean {
  return actor?.role === 'admin';
}
