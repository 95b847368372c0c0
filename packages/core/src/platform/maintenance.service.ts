import { EmailVerificationToken, PasswordResetToken, RefreshToken, UserSession } from '@mdsc/db';
import { Op } from 'sequelize';
import type { CoreDeps } from '../deps';

/** Deletes expired sessions and tokens; safe to run any number of times. Returns what it removed. */
export async function purgeExpired(deps: Pick<CoreDeps, 'clock'>): Promise<Record<string, number>> {
  const where = { expiresAt: { [Op.lt]: deps.clock.now() } };
  const [sessions, verifications, resets, refresh] = await Promise.all([
    UserSession.destroy({ where }),
    EmailVerificationToken.destroy({ where }),
    PasswordResetToken.destroy({ where }),
    RefreshToken.destroy({ where }),
  ]);
  return { sessions, verifications, resets, refresh };
}
