import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { createRateLimiter } from './rate-limit';

describe('rate limiter (memory store)', () => {
  it('login: blocks after N failures in a row from an IP, a success resets the run', async () => {
    const rl = createRateLimiter({ rules: { login: { ip: { points: 3, duration: 60 } } } });
    for (let i = 0; i < 2; i++) await rl.fail('login', '1.1.1.1', 'a@x');
    await rl.check('login', '1.1.1.1', 'a@x');
    await rl.succeed('login', '1.1.1.1', 'b@x');
    for (let i = 0; i < 3; i++) await rl.fail('login', '1.1.1.1', 'a@x');
    const err = await rl.check('login', '1.1.1.1', 'c@x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    await rl.check('login', '2.2.2.2', 'a@x'); // other IPs are unaffected
  });

  it('keys the account limit on the normalised address and the IP', async () => {
    const rl = createRateLimiter({ rules: { reset: { accountIp: { points: 2, duration: 60 } } } });
    await rl.hit('reset', '1.1.1.1', 'Awa@X.org');
    await rl.hit('reset', '1.1.1.1', ' awa@x.org');
    await expect(rl.hit('reset', '1.1.1.1', 'awa@x.org')).rejects.toBeInstanceOf(RateLimitedError);
    await rl.hit('reset', '9.9.9.9', 'awa@x.org');
    await rl.hit('reset', '1.1.1.1', 'other@x.org');
  });
});
