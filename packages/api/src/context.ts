// Builds the tRPC context of an HTTP request: who is calling (session cookie or bearer token) and
// what the procedures may do to the response (set or clear the session cookie). Framework-neutral:
// apps/api adapts Fastify's request and reply to it.
import {
  blankSessionCookie,
  SESSION_COOKIE_NAME,
  sessionCookie,
  validateSessionToken,
  type CoreDeps,
  type RedisPinger,
  type SessionCookie,
} from '@mdsc/core';
import { LOCALES, type Locale } from '@mdsc/validators';
import type { Context, SessionCookies } from './trpc';

export interface HttpRequestInfo {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed cookies (e.g. @fastify/cookie's `req.cookies`). */
  cookies: Record<string, string | undefined>;
}

export interface HttpContextOptions {
  deps: CoreDeps;
  redis: RedisPinger | null;
  /** Origins allowed to send state-changing requests with the session cookie (PUBLIC_URL + CORS_ORIGINS). */
  trustedOrigins: string[];
  /** Secure cookies (production, HTTPS). */
  secureCookies: boolean;
  request: HttpRequestInfo;
  setCookie(cookie: SessionCookie): void;
}

const header = (h: HttpRequestInfo['headers'], name: string): string | null => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

const isLocale = (v: string | null | undefined): v is Locale => !!v && (LOCALES as readonly string[]).includes(v);

/**
 * The language a request asks for: the web app's `x-locale` header (the language chosen in the
 * app), else the first language of Accept-Language we speak (by q weight), else null.
 */
export function requestLocale(xLocale: string | null, acceptLanguage: string | null): Locale | null {
  const chosen = xLocale?.trim().toLowerCase();
  if (isLocale(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0]!.toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.q > 0 && isLocale(x.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as Locale | undefined) ?? null;
}

export async function createHttpContext(opts: HttpContextOptions): Promise<Context> {
  const { request, secureCookies } = opts;
  const origin = header(request.headers, 'origin');
  const authorization = header(request.headers, 'authorization');
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : null;
  const cookieToken = request.cookies[SESSION_COOKIE_NAME] || null;

  const cookies: SessionCookies = {
    setSession: (token) => opts.setCookie(sessionCookie(token, secureCookies)),
    clearSession: () => opts.setCookie(blankSessionCookie(secureCookies)),
  };

  // A bearer token wins over a cookie: it cannot be sent by a third-party page.
  const token = bearer ?? cookieToken;
  const via = bearer ? 'bearer' : 'cookie';
  const valid = token ? await validateSessionToken(token) : null;
  if (via === 'cookie' && cookieToken) {
    if (!valid) cookies.clearSession();
    else if (valid.fresh) cookies.setSession(valid.token); // sliding expiry: the cookie follows
  }

  return {
    deps: opts.deps,
    redis: opts.redis,
    req: {
      ip: request.ip,
      origin,
      userAgent: header(request.headers, 'user-agent'),
      cookieSession: !!cookieToken,
      originTrusted: !!origin && opts.trustedOrigins.includes(origin),
    },
    actor: valid?.actor ?? null,
    locale: requestLocale(header(request.headers, 'x-locale'), header(request.headers, 'accept-language')),
    session: valid ? { token: valid.token, via } : null,
    cookies,
  };
}
