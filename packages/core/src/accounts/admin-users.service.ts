import { User } from '@mdsc/db';
import type { AdminUserListInput, Role } from '@mdsc/validators';
import { col, fn, Op, where, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { invalidateUserSessions } from './session';
import { revokeRefreshTokens, toLocale } from './user-dto';

export interface AdminUserDto {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  isActive: boolean;
  emailVerified: boolean;
  country: string | null;
  organization: string | null;
  language: 'fr' | 'en';
  createdAt: string;
}

function assertAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

const ADMIN_ATTRIBUTES = [
  'id',
  'email',
  'firstName',
  'lastName',
  'role',
  'isActive',
  'isEmailVerified',
  'country',
  'organization',
  'language',
  'createdAt',
] as const;

function toAdminDto(u: User): AdminUserDto {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    role: u.role,
    isActive: u.isActive,
    emailVerified: u.isEmailVerified,
    country: u.country ?? null,
    organization: u.organization ?? null,
    language: toLocale(u.language),
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

// INSTR(LOWER(col), q) rather than LIKE: same on MariaDB and SQLite, and no wildcard escaping
// (SQLite's LIKE has no default escape character).
const contains = (column: string, q: string) => where(fn('instr', fn('lower', col(column)), q), { [Op.gt]: 0 });

/** Newest first, keyset pagination on id (the cursor is the last id seen). One query per page. */
export async function listUsers(
  _deps: CoreDeps,
  actor: Actor,
  input: AdminUserListInput,
): Promise<{ items: AdminUserDto[]; nextCursor: string | null }> {
  assertAdmin(actor);
  const and: WhereOptions[] = [];
  if (input.cursor) {
    const after = Number(input.cursor);
    if (!Number.isInteger(after) || after <= 0) throw new ValidationError('cursor', 'cursor_invalid');
    and.push({ id: { [Op.lt]: after } });
  }
  if (input.role) and.push({ role: input.role });
  if (input.status === 'active') and.push({ isActive: true });
  if (input.status === 'inactive') and.push({ isActive: false });
  if (input.status === 'unverified') and.push({ isEmailVerified: false });
  if (input.search) {
    const q = input.search.toLowerCase();
    and.push({ [Op.or]: [contains('email', q), contains('first_name', q), contains('last_name', q)] });
  }
  const rows = await User.findAll({
    where: { [Op.and]: and },
    attributes: [...ADMIN_ATTRIBUTES],
    order: [['id', 'DESC']],
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(toAdminDto),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1].id) : null,
  };
}

async function loadTarget(actor: Actor, userId: number, field: string): Promise<User> {
  assertAdmin(actor);
  // An admin locking themselves out (or demoting the last admin by mistake) is refused.
  if (userId === actor.id) throw new ValidationError(field, 'cannot_change_self');
  const user = await User.findByPk(userId);
  if (!user) throw new NotFoundError('User');
  return user;
}

export async function setRole(deps: CoreDeps, actor: Actor, input: { userId: number; role: Role }): Promise<AdminUserDto> {
  const user = await loadTarget(actor, input.userId, 'role');
  await user.update({ role: input.role });
  deps.logger.info({ adminId: actor.id, userId: user.id, role: input.role }, 'role changed');
  return toAdminDto(user);
}

/** Deactivation takes effect at once: every session and refresh token of the user is revoked. */
export async function setActive(
  deps: CoreDeps,
  actor: Actor,
  input: { userId: number; active: boolean },
): Promise<AdminUserDto> {
  const user = await loadTarget(actor, input.userId, 'active');
  await user.update({ isActive: input.active });
  if (!input.active) {
    await invalidateUserSessions(user.id);
    await revokeRefreshTokens(deps, user.id);
  }
  deps.logger.info({ adminId: actor.id, userId: user.id, active: input.active }, 'account activation changed');
  return toAdminDto(user);
}
