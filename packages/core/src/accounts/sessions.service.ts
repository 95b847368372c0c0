import { RefreshToken, UserSession } from '@mdsc/db';
import { Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { isCurrentSession } from './session';

export interface SessionDto {
  id: number;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  ipAddress: string | null;
  /** The session this request came with. */
  current: boolean;
}

/** The actor's open sessions, most recently used first. */
export async function listSessions(
  deps: CoreDeps,
  actor: Actor,
  currentToken: string | null,
): Promise<SessionDto[]> {
  const rows = await UserSession.findAll({
    where: { userId: actor.id, expiresAt: { [Op.gt]: deps.clock.now() } },
    order: [
      ['lastUsedAt', 'DESC'],
      ['id', 'DESC'],
    ],
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt ? r.lastUsedAt.toISOString() : null,
    userAgent: r.userAgent,
    ipAddress: r.ipAddress,
    current: isCurrentSession(r, currentToken),
  }));
}

/** Closes one of the actor's own sessions (someone else's is "not found", not "forbidden"). */
export async function revokeSession(
  deps: CoreDeps,
  actor: Actor,
  input: { id: number },
  currentToken: string | null,
): Promise<{ current: boolean }> {
  const row = await UserSession.findOne({ where: { id: input.id, userId: actor.id } });
  if (!row) throw new NotFoundError('Session');
  const current = isCurrentSession(row, currentToken);
  await row.destroy();
  await RefreshToken.update({ revokedAt: deps.clock.now() }, { where: { userSessionId: row.id, revokedAt: null } });
  return { current };
}
