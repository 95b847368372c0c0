import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { createRateLimiter, DEFAULT_RATE_RULES } from './rate-limit';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** n failed attempts (begun, never succeeded) of `account` from `ip`. */
async function fail(rl: ReturnType<typeof createRateLimiter>, n: number, ip: string, account: (i: number) => string) {
  for (let i = 0; i < n; i++) await rl.beginLogin(ip, account(i));
}

describe('login limiter (memory store)', () => {
  it('account + IP: the 11th failure in 15 min is refused before any check; a success ends the run', async () => {
    const rl = createRateLimiter();
    await fail(rl, 9, '1.1.1.1', () => 'a@x');
    await (await rl.beginLogin('1.1.1.1', 'a@x')).succeeded();
    await fail(rl, 10, '1.1.1.1', () => 'a@x');
    const err = await refusal(rl.beginLogin('1.1.1.1', ' A@X'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(60);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    await rl.beginLogin('1.1.1.1', 'b@x'); // other accounts from the address are unaffected
  });

  it('spends before checking: of 60 concurrent attempts exactly 10 get through', async () => {
    const rl = createRateLimiter();
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => rl.beginLogin('2.2.2.2', 'v@x')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof RateLimitedError)).toBe(true);
  });

  it('calls refused on the account keys do not count against the address', async () => {
    const rl = createRateLimiter();
    await Promise.allSettled(Array.from({ length: 60 }, () => rl.beginLogin('3.3.3.3', 'v@x')));
    // 10 failures spent so far on the address: 20 more on other accounts fit in the minute (30).
    await fail(rl, 20, '3.3.3.3', (i) => `other${i}@x`);
    const err = await refusal(rl.beginLogin('3.3.3.3', 'someone@x'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60); // slowed, not locked out
  });

  it('successes give their points back: an address of honest users never fills up', async () => {
    const rl = createRateLimiter();
    await fail(rl, 29, '4.4.4.4', (i) => `typo${i}@x`);
    for (let i = 0; i < 50; i++) await (await rl.beginLogin('4.4.4.4', `learner${i}@x`)).succeeded();
    await rl.beginLogin('4.4.4.4', 'last@x');
    expect(await refusal(rl.beginLogin('4.4.4.4', 'one-too-many@x'))).toBeInstanceOf(RateLimitedError);
  });

  it('per account from anywhere: 10 failures, except at addresses where the owner logged in lately', async () => {
    const rl = createRateLimiter();
    await (await rl.beginLogin('5.5.5.1', 'owner@x')).succeeded(); // the owner's usual address
    for (let i = 0; i < 10; i++) await rl.beginLogin(`6.6.6.${i}`, 'owner@x');
    expect(await refusal(rl.beginLogin('6.6.7.1', 'owner@x'))).toBeInstanceOf(RateLimitedError);
    await (await rl.beginLogin('5.5.5.1', 'owner@x')).succeeded();
    // A reset link proves ownership: the account is reachable from new places again.
    await rl.clearAccount('login', 'owner@x');
    await rl.beginLogin('6.6.7.1', 'owner@x');
  });

  it('the hourly ceiling of an address does not apply to its known (account, IP) pairs', async () => {
    const rl = createRateLimiter({
      rules: { login: { ...DEFAULT_RATE_RULES.login, ip: { points: 100, duration: 60 }, ipHourly: { points: 5, duration: 3600 } } },
    });
    await (await rl.beginLogin('7.7.7.7', 'regular@x')).succeeded();
    await fail(rl, 5, '7.7.7.7', (i) => `stuffed${i}@x`);
    const err = await refusal(rl.beginLogin('7.7.7.7', 'newcomer@x'));
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(60);
    await (await rl.beginLogin('7.7.7.7', 'regular@x')).succeeded();
  });

  it('tryHit answers false instead of throwing', async () => {
    const rl = createRateLimiter();
    for (let i = 0; i < 3; i++) expect(await rl.tryHit('registerNotice', `1.1.1.${i}`, 'Taken@x')).toBe(true);
    expect(await rl.tryHit('registerNotice', '9.9.9.9', 'taken@x')).toBe(false);
  });
});

describe('other actions (memory store)', () => {
  it('keys the account limit on the normalised address and the IP', async () => {
    const rl = createRateLimiter({ rules: { reset: { accountIp: { points: 2, duration: 60 } } } });
    await rl.hit('reset', '1.1.1.1', 'Awa@X.org');
    await rl.hit('reset', '1.1.1.1', ' awa@x.org');
    await expect(rl.hit('reset', '1.1.1.1', 'awa@x.org')).rejects.toBeInstanceOf(RateLimitedError);
    await rl.hit('reset', '9.9.9.9', 'awa@x.org');
    await rl.hit('reset', '1.1.1.1', 'other@x.org');
  });
});
