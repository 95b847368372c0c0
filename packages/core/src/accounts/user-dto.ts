import { EmailVerificationToken, RefreshToken, User } from '@mdsc/db';
import type { Locale, Role } from '@mdsc/validators';
import { literal, Op, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { enqueueMail } from '../mail/send-mail';
import { withOutboxTransaction } from '../outbox/writer';
import { EMAIL_TOKEN_TTL_MS, generateToken, hashToken } from './tokens';

/** What a signed-in user sees of their own account (never the hash, never tokens). */
export interface MeDto {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  avatarUrl: string | null;
  phone: string | null;
  organization: string | null;
  country: string | null;
  language: Locale;
  emailVerified: boolean;
  hideFromLeaderboard: boolean;
  /** A new address waiting for confirmation (users.changeEmail), if any. */
  pendingEmail: string | null;
  createdAt: string;
}

export const toLocale = (language: string | null | undefined): Locale => (language === 'en' ? 'en' : 'fr');

export function toMeDto(u: User, pendingEmail: string | null = null): MeDto {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    role: u.role,
    avatarUrl: u.avatarUrl ?? null,
    phone: u.phone ?? null,
    organization: u.organization ?? null,
    country: u.country ?? null,
    language: toLocale(u.language),
    emailVerified: u.isEmailVerified,
    hideFromLeaderboard: u.hideFromLeaderboard,
    pendingEmail,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Any user holding this address, soft-deleted ones included (the unique index covers them). */
export function findUserByEmail(email: string, opts: { includeDeleted?: boolean } = {}): Promise<User | null> {
  return User.findOne({ where: { email: normalizeEmail(email) }, paranoid: !opts.includeDeleted });
}

/**
 * The user holding this (normalised) address with their pending address change, in one statement
 * (log-in: the same answer as findOne + pendingEmailOf, one round trip fewer).
 */
export async function findUserWithPendingEmail(
  deps: Pick<CoreDeps, 'clock'>,
  email: string,
): Promise<{ user: User; pendingEmail: string | null } | null> {
  const now = User.sequelize!.escape(deps.clock.now());
  const user = await User.findOne({
    where: { email },
    attributes: {
      include: [
        [
          literal(
            `(SELECT t.email FROM email_verification_tokens t WHERE t.user_id = \`User\`.\`id\` AND t.email <> \`User\`.\`email\` AND t.expires_at > ${now} ORDER BY t.id DESC LIMIT 1)`,
          ),
          'pendingEmail',
        ],
      ],
    },
  });
  return user && { user, pendingEmail: (user.get('pendingEmail') as string | null) ?? null };
}

export async function pendingEmailOf(deps: Pick<CoreDeps, 'clock'>, user: User): Promise<string | null> {
  const row = await EmailVerificationToken.findOne({
    where: { userId: user.id, email: { [Op.ne]: user.email }, expiresAt: { [Op.gt]: deps.clock.now() } },
    order: [['id', 'DESC']],
    attributes: ['email'],
  });
  return row?.email ?? null;
}

/**
 * Issues a verification token for `email` (the user's own, or a new one being confirmed) and
 * queues the mail with the link. Earlier tokens for the same address stop working.
 */
export async function sendVerification(
  deps: Pick<CoreDeps, 'clock' | 'jobs' | 'config'> & Partial<CoreDeps>,
  user: User,
  email: string,
  tx?: Transaction | null,
): Promise<void> {
  const token = generateToken();
  const tokenHash = hashToken(token);
  const url = `${deps.config.publicUrl.replace(/\/$/, '')}/verify-email?token=${token}`;
  const change = email !== user.email;
  const data: Record<string, string> = { name: user.firstName, url };
  if (change) data.newEmail = email;
  // The token and its mail commit together (outbox): no link without a token, no token without a mail.
  await withOutboxTransaction(tx, async (transaction) => {
    await EmailVerificationToken.destroy({ where: { userId: user.id, email }, transaction });
    await EmailVerificationToken.create(
      {
        userId: user.id,
        email,
        token: tokenHash,
        expiresAt: new Date(deps.clock.now().getTime() + EMAIL_TOKEN_TTL_MS),
      },
      { transaction },
    );
    await enqueueMail(
      deps,
      email,
      toLocale(user.language),
      change ? 'email-change' : 'verify-email',
      data,
      `verify-${tokenHash.slice(0, 24)}`,
      transaction,
    );
  });
}

/** Marks every refresh token of a user revoked (password change/reset, deactivation). */
export async function revokeRefreshTokens(deps: Pick<CoreDeps, 'clock'>, userId: number): Promise<void> {
  await RefreshToken.update({ revokedAt: deps.clock.now() }, { where: { userId, revokedAt: null } });
}
