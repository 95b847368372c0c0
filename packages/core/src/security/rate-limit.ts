// Brute-force protection with rate-limiter-flexible: a Redis store in full mode (shared by every
// API process), memory in embedded mode. Two keys per action: the client IP, and the account
// (e-mail) + IP, so that one noisy address cannot lock a victim's account out from everywhere.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';

export type RateLimitAction = 'login' | 'register' | 'reset' | 'resend';
export type RateLimitScope = 'ip' | 'ipDaily' | 'accountIp';

export interface RateRule {
  /** Attempts allowed in the window. */
  points: number;
  /** Window, seconds. */
  duration: number;
}

type Rules = Record<RateLimitAction, Partial<Record<RateLimitScope, RateRule>>>;

/**
 * Login counts failures only, "in a row": a success resets the consecutive counters (not the daily
 * one), so a class behind one NAT address is not locked out by a few typos. The other actions
 * count every request. Generous per-IP numbers: in West Africa many learners share one address
 * (cyber-cafés, training rooms, carrier-grade NAT).
 */
export const DEFAULT_RATE_RULES: Rules = {
  login: {
    ip: { points: 10, duration: 15 * 60 },
    ipDaily: { points: 200, duration: 24 * 3600 },
    accountIp: { points: 10, duration: 15 * 60 },
  },
  register: { ip: { points: 30, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
  reset: { ip: { points: 20, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
  resend: { ip: { points: 20, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
};

export interface RateLimiter {
  /** Counts one attempt of `action`; throws RateLimitedError once a limit is passed. */
  hit(action: RateLimitAction, ip: string, account?: string): Promise<void>;
  /** Throws RateLimitedError if `action` is currently blocked, without counting anything. */
  check(action: RateLimitAction, ip: string, account?: string): Promise<void>;
  /** Counts a failed attempt (login, password re-entry). */
  fail(action: RateLimitAction, ip: string, account?: string): Promise<void>;
  /** A success: clears the consecutive-failure counters. */
  succeed(action: RateLimitAction, ip: string, account?: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Redis (full mode); without it the counters live in this process's memory. */
  redis?: Redis | null;
  prefix?: string;
  rules?: Partial<Rules>;
}

const CONSECUTIVE: RateLimitScope[] = ['ip', 'accountIp'];

export function createRateLimiter(opts: RateLimiterOptions = {}): RateLimiter {
  const prefix = opts.prefix ?? 'mdsc';
  const rules: Rules = { ...DEFAULT_RATE_RULES, ...opts.rules };
  const limiters = new Map<string, { limiter: RateLimiterAbstract; rule: RateRule }>();

  for (const [action, scopes] of Object.entries(rules)) {
    for (const [scope, rule] of Object.entries(scopes)) {
      const common = { keyPrefix: `${prefix}:rl:${action}:${scope}`, points: rule.points, duration: rule.duration };
      const limiter = opts.redis
        ? new RateLimiterRedis({
            ...common,
            storeClient: opts.redis,
            rejectIfRedisNotReady: true,
            // If Redis is briefly unavailable, keep limiting per process rather than failing open.
            insuranceLimiter: new RateLimiterMemory(common),
          })
        : new RateLimiterMemory(common);
      limiters.set(`${action}:${scope}`, { limiter, rule });
    }
  }

  function keysFor(action: RateLimitAction, ip: string, account?: string) {
    const out: { limiter: RateLimiterAbstract; rule: RateRule; key: string; scope: RateLimitScope }[] = [];
    for (const scope of ['ip', 'ipDaily', 'accountIp'] as const) {
      const entry = limiters.get(`${action}:${scope}`);
      if (!entry) continue;
      if (scope === 'accountIp') {
        if (!account) continue;
        out.push({ ...entry, scope, key: `${account.trim().toLowerCase()}|${ip}` });
      } else {
        out.push({ ...entry, scope, key: ip });
      }
    }
    return out;
  }

  const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

  return {
    async hit(action, ip, account) {
      for (const { limiter, key } of keysFor(action, ip, account)) {
        try {
          await limiter.consume(key);
        } catch (err) {
          if (err instanceof RateLimiterRes) throw new RateLimitedError(retryAfter(err));
          throw err;
        }
      }
    },
    async check(action, ip, account) {
      for (const { limiter, rule, key } of keysFor(action, ip, account)) {
        const res = await limiter.get(key);
        if (res && res.consumedPoints >= rule.points) throw new RateLimitedError(retryAfter(res));
      }
    },
    async fail(action, ip, account) {
      for (const { limiter, key } of keysFor(action, ip, account)) {
        // Past the limit consume() rejects; the failure is counted all the same.
        await limiter.consume(key).catch((err: unknown) => {
          if (!(err instanceof RateLimiterRes)) throw err;
        });
      }
    },
    async succeed(action, ip, account) {
      for (const { limiter, key, scope } of keysFor(action, ip, account)) {
        if (CONSECUTIVE.includes(scope)) await limiter.delete(key);
      }
    },
  };
}

const fallbacks = new WeakMap<object, RateLimiter>();

/** The limiter of these deps, or one per-process memory limiter when none was configured. */
export function rateLimiterOf(deps: { rateLimiter?: RateLimiter; config: object }): RateLimiter {
  if (deps.rateLimiter) return deps.rateLimiter;
  let limiter = fallbacks.get(deps.config);
  if (!limiter) {
    limiter = createRateLimiter();
    fallbacks.set(deps.config, limiter);
  }
  return limiter;
}
