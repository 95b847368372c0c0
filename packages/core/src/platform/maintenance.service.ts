import { EmailVerificationToken, PasswordResetToken, RefreshToken, UserSession } from '@mdsc/db';
import { Op } from 'sequelize';
import type { CoreDeps } from '../deps';
import { purgeSentOutbox } from '../outbox/relay';

/** Sent outbox rows are kept this long (what was relayed when, for an operator), then purged. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Deletes expired sessions and tokens, and outbox rows sent more than a week ago; safe to run any
 * number of times. Returns what it removed.
 */
export async function purgeExpired(deps: Pick<CoreDeps, 'clock'>): Promise<Record<string, number>> {
  const where = { expiresAt: { [Op.lt]: deps.clock.now() } };
  const [sessions, verifications, resets, refresh, outbox] = await Promise.all([
    UserSession.destroy({ where }),
    EmailVerificationToken.destroy({ where }),
    PasswordResetToken.destroy({ where }),
    RefreshToken.destroy({ where }),
    purgeSentOutbox(deps, OUTBOX_RETENTION_MS),
  ]);
  return { sessions, verifications, resets, refresh, outbox };
}
