// Brute-force protection with rate-limiter-flexible: a Redis store in full mode (shared by every
// API process; each consume is one atomic Lua INCR + EXPIRE), memory in embedded mode.
//
// Login consumes its budget BEFORE the password is checked, one point per call (a tRPC batch is N
// calls, N points), so that concurrent or batched guesses cannot all pass a "read then count"
// check. A right password gives its points back. Keys:
//  - accountIp: the account (e-mail) from one IP. Strict.
//  - account:   the account from any IP. Strict, but not applied at addresses where the account
//               has logged in successfully lately ("known" addresses), so that an attacker
//               elsewhere cannot lock the owner out of their usual places.
//  - ip:        every failed check from one IP, a short window: slows an address down for at most
//               a minute. A cyber-café or carrier NAT is never shut out for long.
//  - ipHourly:  a longer ceiling for credential stuffing from one IP; not applied to known
//               (account, IP) pairs, so the regulars of a shared address keep logging in.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors';

export type RateLimitAction =
  | 'login'
  | 'register'
  | 'reset'
  | 'resend'
  | 'registerNotice'
  | 'discussionPost'
  | 'discussionPostDaily'
  | 'discussionUpload';
export type RateLimitScope = 'accountIp' | 'account' | 'ip' | 'ipHourly';

export interface RateRule {
  /** Attempts allowed in the window. */
  points: number;
  /** Window, seconds (fixed: it starts with the first attempt). */
  duration: number;
}

type Rules = Record<RateLimitAction, Partial<Record<RateLimitScope, RateRule>>>;

/**
 * Login counts failed password checks (a success gives its point back and ends the account + IP
 * run). The other actions count every request, refused ones included. Per-IP numbers are generous:
 * in West Africa many learners share one address (cyber-cafés, training rooms, carrier-grade NAT).
 */
export const DEFAULT_RATE_RULES: Rules = {
  login: {
    accountIp: { points: 10, duration: 15 * 60 },
    account: { points: 10, duration: 15 * 60 },
    ip: { points: 30, duration: 60 },
    ipHourly: { points: 300, duration: 3600 },
  },
  register: { ip: { points: 30, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
  reset: { ip: { points: 20, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
  resend: { ip: { points: 20, duration: 3600 }, accountIp: { points: 5, duration: 3600 } },
  // "Someone tried to sign up with your address" mails: beyond 3 a day they are skipped silently
  // (an error would tell the caller the address is taken).
  registerNotice: { account: { points: 3, duration: 24 * 3600 } },
  // Course discussions: threads and replies per user (key `user:<id>`), a burst and a daily ceiling.
  discussionPost: { account: { points: 6, duration: 60 } },
  discussionPostDaily: { account: { points: 100, duration: 24 * 3600 } },
  // Attachments uploaded by course members (not moderators): 30 files (300 MB at most) a day.
  discussionUpload: { account: { points: 30, duration: 24 * 3600 } },
};

/**
 * How long a successful login makes its (account, IP) pair "known". Under 24.8 days: the memory
 * store expires keys with setTimeout, which fires at once beyond 2^31 ms.
 */
export const KNOWN_ADDRESS_TTL_SECONDS = 20 * 24 * 3600;

/** One login attempt whose points are spent; the password has not been checked yet. */
export interface LoginAttempt {
  /** The password was right: gives the points back, ends the account + IP run, remembers the address. */
  succeeded(): Promise<void>;
}

export interface RateLimiter {
  /** Counts one attempt of `action` on every key; throws RateLimitedError once a limit is passed. */
  hit(action: RateLimitAction, ip: string, account?: string): Promise<void>;
  /** Like hit, but answers false instead of throwing (for limits that must stay silent). */
  tryHit(action: RateLimitAction, ip: string, account?: string): Promise<boolean>;
  /**
   * Spends one login attempt of `account` from `ip` on every applicable limit, atomically per key,
   * before the password is checked. Throws RateLimitedError (and spends nothing) when one is used up.
   */
  beginLogin(ip: string, account: string): Promise<LoginAttempt>;
  /** Forgets the account's failures from anywhere (its owner just proved it with a reset link). */
  clearAccount(action: RateLimitAction, account: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Redis (full mode); without it the counters live in this process's memory. */
  redis?: Redis | null;
  prefix?: string;
  rules?: Partial<Rules>;
}

interface Entry {
  limiter: RateLimiterAbstract;
  scope: RateLimitScope;
  key: string;
}

// Gives one point back only while the window lasts: a plain DECR on an expired key would create a
// negative counter, i.e. a bonus attempt in the next window.
const REFUND_LUA = `local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

const normalise = (account: string) => account.trim().toLowerCase();

export function createRateLimiter(opts: RateLimiterOptions = {}): RateLimiter {
  const prefix = opts.prefix ?? 'mdsc';
  const rules: Rules = { ...DEFAULT_RATE_RULES, ...opts.rules };
  const redis = opts.redis ?? null;

  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const common = { keyPrefix, points, duration };
    return redis
      ? new RateLimiterRedis({
          ...common,
          storeClient: redis,
          rejectIfRedisNotReady: true,
          // If Redis is briefly unavailable, keep limiting per process rather than failing open.
          insuranceLimiter: new RateLimiterMemory(common),
        })
      : new RateLimiterMemory(common);
  };

  const limiters = new Map<string, RateLimiterAbstract>();
  for (const [action, scopes] of Object.entries(rules)) {
    for (const [scope, rule] of Object.entries(scopes)) {
      limiters.set(`${action}:${scope}`, make(`${prefix}:rl:${action}:${scope}`, rule.points, rule.duration));
    }
  }
  // (account, IP) pairs with a recent successful login; the value is irrelevant, presence counts.
  const known = make(`${prefix}:rl:login:known`, 1, KNOWN_ADDRESS_TTL_SECONDS);

  function entry(action: RateLimitAction, scope: RateLimitScope, ip: string, account?: string): Entry | null {
    const limiter = limiters.get(`${action}:${scope}`);
    if (!limiter) return null;
    if (scope === 'ip' || scope === 'ipHourly') return { limiter, scope, key: ip };
    if (!account) return null;
    return { limiter, scope, key: scope === 'account' ? normalise(account) : `${normalise(account)}|${ip}` };
  }

  const entries = (action: RateLimitAction, scopes: RateLimitScope[], ip: string, account?: string) =>
    scopes.map((s) => entry(action, s, ip, account)).filter((e): e is Entry => e !== null);

  const ALL: RateLimitScope[] = ['accountIp', 'account', 'ip', 'ipHourly'];
  const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

  async function refund({ limiter, key }: Entry): Promise<void> {
    try {
      if (redis && limiter instanceof RateLimiterRedis) {
        await redis.eval(REFUND_LUA, 1, limiter.getKey(key));
        return;
      }
      const res = await limiter.get(key);
      if (res && res.consumedPoints > 0 && res.msBeforeNext > 0) await limiter.reward(key, 1);
    } catch {
      // A lost refund only over-counts (fails closed); the attempt itself already went through.
    }
  }

  async function consumeAll(list: Entry[]): Promise<void> {
    for (const { limiter, key } of list) {
      try {
        await limiter.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new RateLimitedError(retryAfter(err));
        throw err;
      }
    }
  }

  return {
    hit: (action, ip, account) => consumeAll(entries(action, ALL, ip, account)),

    async tryHit(action, ip, account) {
      try {
        await consumeAll(entries(action, ALL, ip, account));
        return true;
      } catch (err) {
        if (err instanceof RateLimitedError) return false;
        throw err;
      }
    },

    async beginLogin(ip, account) {
      const pair = `${normalise(account)}|${ip}`;
      const isKnown = (await known.get(pair)) !== null;
      // Strict keys first: calls refused there never touch (and never transiently inflate) the
      // per-IP counters shared by everyone behind the address.
      const stages: RateLimitScope[][] = isKnown
        ? [['accountIp'], ['ip']]
        : [['accountIp'], ['account'], ['ip', 'ipHourly']];
      const spent: Entry[] = [];
      for (const stage of stages) {
        const list = entries('login', stage, ip, account);
        const results = await Promise.allSettled(list.map((e) => e.limiter.consume(e.key)));
        const refusals: RateLimiterRes[] = [];
        let failure: unknown = null;
        results.forEach((r, i) => {
          if (r.status === 'fulfilled') spent.push(list[i]);
          else if (r.reason instanceof RateLimiterRes) refusals.push(r.reason);
          else failure ??= r.reason;
        });
        if (refusals.length || failure) {
          // Nothing will be verified: give back what this call took from the other keys.
          await Promise.all(spent.map(refund));
          if (failure) throw failure;
          throw new RateLimitedError(Math.max(...refusals.map(retryAfter)));
        }
      }
      return {
        async succeeded() {
          await Promise.all([
            ...spent.map((e) => (e.scope === 'accountIp' ? e.limiter.delete(e.key).then(() => {}) : refund(e))),
            known.set(pair, 1, KNOWN_ADDRESS_TTL_SECONDS).then(() => {}),
          ]);
        },
      };
    },

    async clearAccount(action, account) {
      const e = entry(action, 'account', '', account);
      if (e) await e.limiter.delete(e.key);
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
