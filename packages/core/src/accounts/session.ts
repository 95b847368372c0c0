// Sessions: the one module that knows about lucia 3 (unmaintained since 2025). Everything else uses
// the functions below, so lucia can be replaced by equivalent hand-written code in this file alone.
// Our adapter stores SHA-256(session id) in user_sessions.session_id: the table never holds a value
// that works as a cookie or bearer token.
import { sqlInsert, sqlRows, UserSession } from '@mdsc/db';
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import { Op } from 'sequelize';
import type { Locale, Role } from '@mdsc/validators';
import type { Actor } from '../deps';
import { hashToken } from './tokens';

export const SESSION_COOKIE_NAME = 'mdsc_session';
export const SESSION_TTL_DAYS = 30;
/** Sessions unused for this long get their last_used_at refreshed on the next request (fewer writes). */
const TOUCH_AFTER_MS = 5 * 60 * 1000;
/** lucia ids: 40 chars of lowercase base32. Anything else is refused without a database lookup. */
const TOKEN_SHAPE = /^[a-z2-7]{40}$/;

interface SessionAttributes {
  rowId?: number;
  userAgent?: string | null;
  ipAddress?: string | null;
  lastUsedAt?: Date | null;
}
/** user_sessions joined with its (not deleted) user; booleans are 0/1 and dates text on SQLite. */
interface SessionRow {
  id: number;
  user_id: number;
  expires_at: Date | string;
  user_agent: string | null;
  ip_address: string | null;
  last_used_at: Date | string | null;
  u_id: number | null;
  role: Role | null;
  is_email_verified: boolean | number | null;
  language: string | null;
  is_active: boolean | number | null;
}
interface UserAttributes {
  role: Role;
  emailVerified: boolean;
  language: string;
}

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<SessionAttributes, UserAttributes>;
    UserId: number;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}

const adapter: Adapter = {
  // Every authenticated request starts here: one plain statement (no model instances, issue 18).
  async getSessionAndUser(sessionId): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await sqlRows<SessionRow>(
      { sequelize: UserSession.sequelize! },
      `SELECT s.id, s.user_id, s.expires_at, s.user_agent, s.ip_address, s.last_used_at,
              u.id AS u_id, u.role, u.is_email_verified, u.language, u.is_active
         FROM user_sessions s LEFT JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL
        WHERE s.session_id = ? LIMIT 1`,
      [hashToken(sessionId)],
    );
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: sessionId, // lucia hands this back to deleteSession/updateSessionExpiration, which hash it
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: {
        rowId: row.id,
        userAgent: row.user_agent,
        ipAddress: row.ip_address,
        lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
      },
    };
    // A deactivated or deleted user has no session: lucia deletes it on the spot.
    if (row.u_id === null || !row.is_active) return [session, null];
    return [
      session,
      {
        id: row.u_id,
        attributes: { role: row.role!, emailVerified: !!row.is_email_verified, language: row.language! },
      },
    ];
  },
  async getUserSessions(userId) {
    const rows = await UserSession.findAll({ where: { userId } });
    // Only hashes are stored: these ids cannot be used as tokens (listing uses row ids instead).
    return rows.map((r) => ({
      id: r.sessionId,
      userId: r.userId,
      expiresAt: r.expiresAt,
      attributes: { rowId: r.id },
    }));
  },
  // Every login ends here: one plain INSERT (a model instance cost more than the write, issue 18).
  async setSession(s) {
    const now = new Date();
    await sqlInsert(
      { sequelize: UserSession.sequelize! },
      `INSERT INTO user_sessions (user_id, session_id, expires_at, user_agent, ip_address, last_used_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        s.userId,
        hashToken(s.id),
        s.expiresAt,
        s.attributes.userAgent?.slice(0, 255) ?? null,
        s.attributes.ipAddress?.slice(0, 45) ?? null,
        now,
        now,
      ],
    );
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await UserSession.update({ expiresAt }, { where: { sessionId: hashToken(sessionId) } });
  },
  async deleteSession(sessionId) {
    await UserSession.destroy({ where: { sessionId: hashToken(sessionId) } });
  },
  async deleteUserSessions(userId) {
    await UserSession.destroy({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await UserSession.destroy({ where: { expiresAt: { [Op.lt]: new Date() } } });
  },
};

// Sliding expiry: lucia extends a session by 30 days when it is used in its second half.
const lucia = new Lucia<SessionAttributes, UserAttributes>(adapter, {
  sessionExpiresIn: new TimeSpan(SESSION_TTL_DAYS, 'd'),
  sessionCookie: { name: SESSION_COOKIE_NAME, attributes: { sameSite: 'lax', path: '/' } },
  getSessionAttributes: (a) => a,
  getUserAttributes: (a) => a,
});

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export interface ValidSession {
  token: string;
  /** user_sessions.id: how the sessions page names a session (never the token). */
  rowId: number;
  expiresAt: Date;
  /** The expiry was just extended: a cookie should be sent again. */
  fresh: boolean;
  actor: Actor;
}

export async function createSession(
  userId: number,
  meta: { userAgent?: string | null; ip?: string | null },
): Promise<NewSession> {
  const s = await lucia.createSession(userId, {
    userAgent: meta.userAgent ?? null,
    ipAddress: meta.ip ?? null,
  });
  return { token: s.id, expiresAt: s.expiresAt };
}

/** The session behind a cookie or bearer token, with its (active) user; null when not valid. */
export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const { session, user } = await lucia.validateSession(token);
  if (!session || !user) return null;
  const rowId = session.rowId!;
  const last = session.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - last > TOUCH_AFTER_MS)
    await UserSession.update({ lastUsedAt: new Date() }, { where: { id: rowId } });
  return {
    token,
    rowId,
    expiresAt: session.expiresAt,
    fresh: session.fresh,
    actor: {
      id: user.id,
      role: user.role,
      emailVerified: user.emailVerified,
      locale: (user.language === 'en' ? 'en' : 'fr') satisfies Locale,
    },
  };
}

export async function invalidateSession(token: string): Promise<void> {
  await lucia.invalidateSession(token);
}

/** Revokes every session of a user, or every one but `exceptToken` (password change). */
export async function invalidateUserSessions(userId: number, exceptToken?: string | null): Promise<void> {
  if (!exceptToken) return lucia.invalidateUserSessions(userId);
  await UserSession.destroy({ where: { userId, sessionId: { [Op.ne]: hashToken(exceptToken) } } });
}

/** user_sessions.id of a live token (refresh-token bookkeeping). */
export async function sessionRowId(token: string): Promise<number | null> {
  const row = await UserSession.findOne({ where: { sessionId: hashToken(token) }, attributes: ['id'] });
  return row?.id ?? null;
}

export function isCurrentSession(row: { sessionId: string }, token: string | null | undefined): boolean {
  return !!token && row.sessionId === hashToken(token);
}

export interface SessionCookie {
  name: string;
  value: string;
  attributes: {
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
    path?: string;
    maxAge?: number;
  };
}

/** HttpOnly, SameSite=Lax, Secure when served over HTTPS (production). */
export function sessionCookie(token: string, secure: boolean): SessionCookie {
  const c = lucia.createSessionCookie(token);
  return { name: c.name, value: c.value, attributes: { ...c.attributes, secure } };
}

export function blankSessionCookie(secure: boolean): SessionCookie {
  const c = lucia.createBlankSessionCookie();
  return { name: c.name, value: c.value, attributes: { ...c.attributes, secure } };
}
