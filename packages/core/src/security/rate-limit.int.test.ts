// The login limiter on real Redis: two limiter instances stand for two API processes sharing the
// counters; concurrent attempts must not slip past the budget, and refunds must not mint points.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { createRateLimiter, DEFAULT_RATE_RULES, KNOWN_ADDRESS_TTL_SECONDS } from './rate-limit';

const prefix = `mdsc-test-authlimits-rl-${randomBytes(4).toString('hex')}`;
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

// rejectIfRedisNotReady: until connected, the limiters would count in their memory insurance.
beforeAll(async () => {
  await redis.ping();
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('login limiter on Redis', () => {
  it('60 concurrent attempts through two processes: exactly 10 reach the password check', async () => {
    const a = createRateLimiter({ redis, prefix });
    const other = redis.duplicate();
    await other.ping();
    const b = createRateLimiter({ redis: other, prefix });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).beginLogin('10.1.1.1', 'victim@x')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof RateLimitedError)).toBe(true);
    // The refused 50 gave back what they took from the other keys: the address holds 10 failures.
    expect(await redis.get(`${prefix}:rl:login:ip:10.1.1.1`)).toBe('10');
    expect(await redis.get(`${prefix}:rl:login:account:victim@x`)).toBe('10');
    other.disconnect();
  });

  it('a success remembers the address for 20 days and gives its points back', async () => {
    const rl = createRateLimiter({ redis, prefix });
    await rl.beginLogin('10.2.2.2', 'typo@x');
    await (await rl.beginLogin('10.2.2.2', 'Owner@X')).succeeded();
    expect(await redis.get(`${prefix}:rl:login:ip:10.2.2.2`)).toBe('1');
    expect(await redis.exists(`${prefix}:rl:login:accountIp:owner@x|10.2.2.2`)).toBe(0);
    const ttl = await redis.ttl(`${prefix}:rl:login:known:owner@x|10.2.2.2`);
    expect(ttl).toBeGreaterThan(KNOWN_ADDRESS_TTL_SECONDS - 60);
  });

  it('a refund after the window ended mints no extra attempt in the next one', async () => {
    const rl = createRateLimiter({
      redis,
      prefix,
      rules: { login: { ...DEFAULT_RATE_RULES.login, ip: { points: 2, duration: 1 } } },
    });
    const late = await rl.beginLogin('10.3.3.3', 'slow@x');
    await new Promise((r) => setTimeout(r, 1100));
    await late.succeeded(); // its window is gone: nothing to give back
    expect(await redis.exists(`${prefix}:rl:login:ip:10.3.3.3`)).toBe(0);
    await rl.beginLogin('10.3.3.3', 'x1@x');
    await rl.beginLogin('10.3.3.3', 'x2@x');
    await expect(rl.beginLogin('10.3.3.3', 'x3@x')).rejects.toBeInstanceOf(RateLimitedError);
  });
});
