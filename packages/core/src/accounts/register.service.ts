import { EmailVerificationToken, PasswordResetToken, User } from '@mdsc/db';
import type { RegisterInput } from '@mdsc/validators';
import { Op } from 'sequelize';
import type { CoreDeps } from '../deps';
import { ConflictError, ValidationError } from '../errors';
import { enqueueMail } from '../mail/send-mail';
import { rateLimiterOf } from '../security/rate-limit';
import { assertPasswordAcceptable, hashPassword } from './password';
import { hashToken } from './tokens';
import { findUserByEmail, normalizeEmail, sendVerification, toLocale } from './user-dto';
import { transact } from '../transaction';

/** Who is asking: rate limits key on the IP; sessions remember the device. */
export interface RequestInfo {
  ip: string;
  userAgent?: string | null;
}

const emailTaken = () => new ConflictError('email_taken', { field: 'email' });

/**
 * Creates a student account and queues the verification mail. The user logs in separately.
 *
 * A taken address gets the same answer, after the same argon2 work, so that sign-up cannot tell
 * which addresses have accounts; its owner receives an "account-exists" mail instead (at most
 * 3 a day per address, skipped silently beyond).
 */
export async function register(deps: CoreDeps, input: RegisterInput, req: RequestInfo): Promise<{ email: string }> {
  const email = normalizeEmail(input.email);
  const limiter = rateLimiterOf(deps);
  await limiter.hit('register', req.ip, email);
  assertPasswordAcceptable(input.password, { email, firstName: input.firstName, lastName: input.lastName });

  const [holder, passwordHash] = await Promise.all([
    findUserByEmail(email, { includeDeleted: true }),
    // Hashed either way: a taken address must not answer faster than a new one.
    hashPassword(input.password),
  ]);
  if (holder) {
    await warnHolder(deps, holder, req);
    return { email };
  }
  let user: User;
  try {
    // The account and its verification mail (outbox) commit together.
    user = await transact(deps, 'accounts.register', async (transaction) => {
      const created = await User.create(
        {
          email,
          password: passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          language: input.language,
          role: 'student',
        },
        { transaction },
      );
      await sendVerification(deps, created, email, transaction);
      return created;
    });
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides; the loser is answered alike.
    if ((err as Error).name !== 'SequelizeUniqueConstraintError') throw err;
    const winner = await findUserByEmail(email, { includeDeleted: true });
    if (winner) await warnHolder(deps, winner, req);
    return { email };
  }
  deps.logger.info({ userId: user.id }, 'account registered');
  return { email };
}

/** Tells the holder of a taken address that someone tried to sign up with it. */
async function warnHolder(deps: CoreDeps, holder: User, req: RequestInfo): Promise<void> {
  // A deleted account keeps its address reserved, but nobody is there to warn or to log in.
  if (holder.deletedAt) return;
  if (!(await rateLimiterOf(deps).tryHit('registerNotice', req.ip, holder.email))) return;
  const base = deps.config.publicUrl.replace(/\/$/, '');
  await enqueueMail(deps, holder.email, toLocale(holder.language), 'account-exists', {
    name: holder.firstName,
    url: `${base}/login`,
    resetUrl: `${base}/forgot-password`,
  });
  deps.logger.info({ userId: holder.id }, 'sign-up attempted with a taken address');
}

/**
 * Consumes a verification token: confirms the address, or switches the account to a new one
 * (users.changeEmail). Single use; expired or unknown tokens name the `token` field.
 */
export async function verifyEmail(
  deps: CoreDeps,
  input: { token: string },
): Promise<{ email: string; changed: boolean }> {
  const row = await EmailVerificationToken.findOne({ where: { token: hashToken(input.token) } });
  const now = deps.clock.now();
  if (!row || row.expiresAt.getTime() <= now.getTime()) throw new ValidationError('token', 'token_invalid');
  const user = await User.findByPk(row.userId);
  if (!user || !user.isActive) throw new ValidationError('token', 'token_invalid');

  const target = row.email ?? user.email;
  const changed = target !== user.email;
  const wasVerified = user.isEmailVerified;
  if (changed) {
    const holder = await findUserByEmail(target, { includeDeleted: true });
    if (holder && holder.id !== user.id) throw emailTaken();
  }
  // One transaction: the address change or confirmation, the spent tokens and the welcome mail.
  // Static updates: a retried attempt must write again (an instance that saw the first attempt's
  // values would think nothing changed).
  await transact(deps, 'accounts.verifyEmail', async (transaction) => {
    if (changed) {
      await User.update({ email: target, isEmailVerified: true }, { where: { id: user.id }, transaction });
      // Reset links went to the old address: they must not outlive the change.
      await PasswordResetToken.destroy({ where: { userId: user.id }, transaction });
    } else if (!wasVerified) {
      await User.update({ isEmailVerified: true }, { where: { id: user.id }, transaction });
    }
    await EmailVerificationToken.destroy({
      where: { userId: user.id, [Op.or]: [{ email: target }, { email: null }] },
      transaction,
    });
    if (!changed && !wasVerified) {
      await enqueueMail(
        deps,
        user.email,
        toLocale(user.language),
        'welcome',
        { name: user.firstName, url: `${deps.config.publicUrl.replace(/\/$/, '')}/` },
        `welcome-${user.id}`,
        transaction,
      );
    }
  });
  deps.logger.info({ userId: user.id, changed }, 'e-mail verified');
  return { email: target, changed };
}

/** Sends a fresh verification link if the address belongs to an unverified account; always "ok". */
export async function resendVerification(
  deps: CoreDeps,
  input: { email: string },
  req: RequestInfo,
): Promise<{ ok: true }> {
  const email = normalizeEmail(input.email);
  await rateLimiterOf(deps).hit('resend', req.ip, email);
  const user = await findUserByEmail(email);
  // Same answer whether or not the account exists: no address enumeration through this form.
  if (user && user.isActive && !user.isEmailVerified) await sendVerification(deps, user, user.email);
  return { ok: true };
}
