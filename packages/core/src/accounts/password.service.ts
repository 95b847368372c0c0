import { PasswordResetToken, User } from '@mdsc/db';
import type { ChangePasswordInput, ResetPasswordInput } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { UnauthorizedError, ValidationError } from '../errors';
import { enqueueMail } from '../mail/send-mail';
import { rateLimiterOf } from '../security/rate-limit';
import { assertPasswordAcceptable, hashPassword, passwordVerifierOf } from './password';
import type { RequestInfo } from './register.service';
import { invalidateUserSessions } from './session';
import { generateToken, hashToken, RESET_TOKEN_TTL_MS } from './tokens';
import { findUserByEmail, normalizeEmail, revokeRefreshTokens, toLocale } from './user-dto';
import { transact } from '../transaction';

const base = (deps: CoreDeps) => deps.config.publicUrl.replace(/\/$/, '');

/** Queues a reset link (1 h, single use) if the address belongs to an active account; always "ok". */
export async function requestPasswordReset(
  deps: CoreDeps,
  input: { email: string },
  req: RequestInfo,
): Promise<{ ok: true }> {
  const email = normalizeEmail(input.email);
  await rateLimiterOf(deps).hit('reset', req.ip, email);
  const user = await findUserByEmail(email);
  if (!user || !user.isActive) return { ok: true }; // same answer: no address enumeration
  const token = generateToken();
  const tokenHash = hashToken(token);
  // The token and its mail commit together (outbox).
  await transact(deps, 'accounts.requestPasswordReset', async (transaction) => {
    await PasswordResetToken.create(
      {
        userId: user.id,
        token: tokenHash,
        expiresAt: new Date(deps.clock.now().getTime() + RESET_TOKEN_TTL_MS),
      },
      { transaction },
    );
    await enqueueMail(
      deps,
      user.email,
      toLocale(user.language),
      'password-reset',
      { name: user.firstName, url: `${base(deps)}/reset-password?token=${token}` },
      `reset-${tokenHash.slice(0, 24)}`,
      transaction,
    );
  });
  return { ok: true };
}

async function setPassword(deps: CoreDeps, user: User, password: string, keepSessionToken: string | null) {
  const hash = await hashPassword(password);
  // The new password, the spent reset links and the "password changed" notice commit together.
  await transact(deps, 'accounts.setPassword', async (transaction) => {
    await User.update({ password: hash }, { where: { id: user.id }, transaction });
    await PasswordResetToken.destroy({ where: { userId: user.id }, transaction });
    await enqueueMail(
      deps,
      user.email,
      toLocale(user.language),
      'password-changed',
      { name: user.firstName, url: `${base(deps)}/forgot-password` },
      undefined,
      transaction,
    );
  });
  await invalidateUserSessions(user.id, keepSessionToken);
  await revokeRefreshTokens(deps, user.id);
}

/** Sets a new password from a reset link; every session and refresh token of the account is revoked. */
export async function resetPassword(deps: CoreDeps, input: ResetPasswordInput): Promise<{ ok: true }> {
  const row = await PasswordResetToken.findOne({ where: { token: hashToken(input.token) } });
  if (!row || row.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw new ValidationError('token', 'token_invalid');
  }
  const user = await User.findByPk(row.userId);
  if (!user || !user.isActive) throw new ValidationError('token', 'token_invalid');
  assertPasswordAcceptable(input.password, user);
  // Single use: the token goes before anything else can fail half-way and leave it usable.
  const deleted = await PasswordResetToken.destroy({ where: { id: row.id } });
  if (deleted !== 1) throw new ValidationError('token', 'token_invalid');
  await setPassword(deps, user, input.password, null);
  // The owner proved it: failed guesses by others (from anywhere) no longer keep them out.
  await rateLimiterOf(deps).clearAccount('login', user.email);
  // The link arrived by e-mail: the address is proven.
  if (!user.isEmailVerified) await user.update({ isEmailVerified: true });
  deps.logger.info({ userId: user.id }, 'password reset');
  return { ok: true };
}

/**
 * Changes the password after re-entering the current one (wrong guesses count against the login
 * limits). Other sessions are revoked; the current one stays open.
 */
export async function changePassword(
  deps: CoreDeps,
  actor: Actor,
  input: ChangePasswordInput,
  req: RequestInfo & { sessionToken: string | null },
): Promise<{ ok: true }> {
  const user = await User.findByPk(actor.id);
  if (!user) throw new UnauthorizedError();
  await checkPasswordReentry(deps, user, input.currentPassword, req, 'currentPassword');
  assertPasswordAcceptable(input.newPassword, user, 'newPassword');
  if (input.newPassword === input.currentPassword) throw new ValidationError('newPassword', 'password_unchanged');
  await setPassword(deps, user, input.newPassword, req.sessionToken);
  return { ok: true };
}

/** Re-entry of the current password for sensitive changes, under the login limits. */
export async function checkPasswordReentry(
  deps: CoreDeps,
  user: User,
  password: string,
  req: RequestInfo,
  field: string,
): Promise<void> {
  const attempt = await rateLimiterOf(deps).beginLogin(req.ip, user.email);
  if (!(await passwordVerifierOf(deps)(user.password, password))) throw new ValidationError(field, 'wrong_password');
  await attempt.succeeded();
}
