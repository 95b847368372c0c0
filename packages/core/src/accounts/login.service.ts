import { RefreshToken, User, UserSession } from '@mdsc/db';
import type { LoginInput } from '@mdsc/validators';
import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { rateLimiterOf } from '../security/rate-limit';
import { dummyPasswordHash, hashPassword, needsRehash, passwordVerifierOf } from './password';
import type { RequestInfo } from './register.service';
import { createSession, invalidateSession, sessionRowId, type NewSession } from './session';
import { generateToken, hashToken, REFRESH_TOKEN_TTL_MS } from './tokens';
import { findUserWithPendingEmail, normalizeEmail, pendingEmailOf, toMeDto, type MeDto } from './user-dto';

export interface LoginResult {
  user: MeDto;
  session: NewSession;
  /** Only in `token` mode (API clients): exchange it with auth.refresh for a new session. */
  refreshToken: string | null;
}

/**
 * Checks the password (argon2id, constant work whether or not the address exists) under the
 * brute-force limits, then opens a session. The attempt is paid for before the check: of N
 * concurrent or batched guesses, only those within the budget ever reach argon2. Deactivated
 * accounts are refused.
 */
export async function login(deps: CoreDeps, input: LoginInput, req: RequestInfo): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const verify = passwordVerifierOf(deps);
  // Side by side: both are round trips, and a refused attempt costs one wasted SELECT at most.
  const [attempt, found] = await Promise.all([
    rateLimiterOf(deps).beginLogin(req.ip, email),
    findUserWithPendingEmail(deps, email),
  ]);
  const user = found?.user;
  const ok = user
    ? await verify(user.password, input.password)
    : (await verify(await dummyPasswordHash(), input.password)) && false;
  // A failure keeps its points spent: nothing to do.
  if (!user || !ok) throw new UnauthorizedError('invalid_credentials');
  if (!user.isActive) throw new ForbiddenError('account_disabled');

  if (needsRehash(user.password)) await user.update({ password: await hashPassword(input.password) });
  // Independent round trips side by side: login latency is argon2 plus as few of them as possible.
  const [session] = await Promise.all([
    createSession(user.id, { userAgent: req.userAgent, ip: req.ip }),
    attempt.succeeded(),
  ]);
  const refreshToken =
    input.mode === 'token' ? await issueRefreshToken(deps, user.id, session.token, randomBytes(16).toString('hex')) : null;
  return { user: toMeDto(user, found.pendingEmail), session, refreshToken };
}

/** The signed-in user's own account, or null for an anonymous visitor. */
export async function me(deps: CoreDeps, actor: Actor | null): Promise<MeDto | null> {
  if (!actor) return null;
  const user = await User.findByPk(actor.id);
  if (!user) return null;
  return toMeDto(user, await pendingEmailOf(deps, user));
}

async function issueRefreshToken(deps: CoreDeps, userId: number, sessionToken: string, family: string): Promise<string> {
  const token = generateToken();
  await RefreshToken.create({
    userId,
    token: hashToken(token),
    family,
    userSessionId: await sessionRowId(sessionToken),
    expiresAt: new Date(deps.clock.now().getTime() + REFRESH_TOKEN_TTL_MS),
  });
  return token;
}

/** Revokes a whole family: its tokens, and the sessions they opened. */
async function revokeFamily(deps: CoreDeps, family: string): Promise<void> {
  const tokens = await RefreshToken.findAll({ where: { family }, attributes: ['userSessionId'] });
  const sessionIds = tokens.map((t) => t.userSessionId).filter((id): id is number => id !== null);
  if (sessionIds.length) await UserSession.destroy({ where: { id: { [Op.in]: sessionIds } } });
  await RefreshToken.update({ revokedAt: deps.clock.now() }, { where: { family, revokedAt: null } });
}

/**
 * Rotates a refresh token: the presented one is spent, its session closed, and a new session and
 * refresh token (same family) are returned. Presenting a spent token again means it was copied:
 * the whole family is revoked, the legitimate holder's session included.
 */
export async function refresh(
  deps: CoreDeps,
  input: { refreshToken: string },
  req: RequestInfo,
): Promise<{ session: NewSession; refreshToken: string }> {
  const row = await RefreshToken.findOne({ where: { token: hashToken(input.refreshToken) } });
  const now = deps.clock.now();
  if (!row || !row.family || row.revokedAt) throw new UnauthorizedError('refresh_token_invalid');
  if (row.usedAt) {
    await revokeFamily(deps, row.family);
    deps.logger.warn({ userId: row.userId, family: row.family }, 'refresh token reused: family revoked');
    throw new UnauthorizedError('refresh_token_invalid');
  }
  if (row.expiresAt.getTime() <= now.getTime()) throw new UnauthorizedError('refresh_token_invalid');
  const user = await User.findByPk(row.userId);
  if (!user || !user.isActive) throw new UnauthorizedError('refresh_token_invalid');

  // Spend it atomically: of two concurrent refreshes with one token, the second is a reuse.
  const [spent] = await RefreshToken.update({ usedAt: now }, { where: { id: row.id, usedAt: null, revokedAt: null } });
  if (spent !== 1) {
    await revokeFamily(deps, row.family);
    throw new UnauthorizedError('refresh_token_invalid');
  }
  if (row.userSessionId) await UserSession.destroy({ where: { id: row.userSessionId } });
  const session = await createSession(user.id, { userAgent: req.userAgent, ip: req.ip });
  const refreshToken = await issueRefreshToken(deps, user.id, session.token, row.family);
  return { session, refreshToken };
}

/** Closes the current session and revokes the refresh tokens issued with it. */
export async function logout(deps: CoreDeps, sessionToken: string | null): Promise<void> {
  if (!sessionToken) return;
  const rowId = await sessionRowId(sessionToken);
  await invalidateSession(sessionToken);
  if (rowId) {
    await RefreshToken.update({ revokedAt: deps.clock.now() }, { where: { userSessionId: rowId, revokedAt: null } });
  }
}
