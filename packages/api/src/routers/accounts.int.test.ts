// Account procedures through the tRPC caller (no HTTP) on MariaDB: passwords, sessions, profile,
// change of address, admin user list, and the per-account limits. Mail jobs are captured.
import { randomBytes } from 'node:crypto';
import {
  createLogger,
  createRateLimiter,
  hashPassword,
  hashToken,
  type SessionCookie,
  login,
  systemClock,
  validateSessionToken,
  verifyPassword,
  type CoreDeps,
} from '@mdsc/core';
import { createDatabase, EmailVerificationToken, OutboxMessage, RefreshToken, User, UserSession } from '@mdsc/db';
import { createInlineJobQueue, type JobContext } from '@mdsc/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpContext } from '../context';
import { appRouter } from '../root';
import { createCallerFactory, type Context } from '../trpc';

const run = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${run}@callers.test`;
const PASSWORD = 'Karité-Et-Mangue-2026';
const IP = '10.3.0.1';

type MailJob = { to: string; template: string; data: Record<string, string> };
const mails: MailJob[] = [];
const db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
const jobs = createInlineJobQueue(
  { mail: async (job: JobContext) => void mails.push(job.data as MailJob) },
  { warn: () => {}, error: () => {} },
);
const deps: CoreDeps = {
  db,
  clock: systemClock,
  logger: createLogger('test', 'silent'),
  jobs,
  storage: null as unknown as CoreDeps['storage'], // accounts never touch files
  config: { publicUrl: 'http://app.test', timezone: 'UTC', dataDir: '/tmp' },
  rateLimiter: createRateLimiter({ prefix: `t-${run}` }),
  // Every password check (argon2 verify) is counted: what a brute-force attempt really gets.
  verifyPassword: (stored, password) => {
    verifications++;
    return verifyPassword(stored, password);
  },
};
let verifications = 0;
const createCaller = createCallerFactory(appRouter);

/** A caller as the holder of `token` (or anonymous), from `ip`. */
async function as(token: string | null, ip = IP) {
  const valid = token ? await validateSessionToken(token) : null;
  const ctx: Context = {
    deps,
    redis: null,
    req: { ip, origin: null, userAgent: 'vitest' },
    actor: valid?.actor ?? null,
    session: valid ? { token: valid.token, via: 'bearer' } : null,
  };
  return createCaller(ctx);
}

async function makeUser(name: string, extra: Partial<{ role: 'student' | 'instructor' | 'admin'; isEmailVerified: boolean; isActive: boolean; lastName: string }> = {}) {
  return User.create({
    email: email(name),
    password: await hashPassword(PASSWORD),
    firstName: 'Koffi',
    lastName: extra.lastName ?? name,
    role: extra.role ?? 'student',
    isEmailVerified: extra.isEmailVerified ?? true,
    isActive: extra.isActive ?? true,
  });
}

async function sessionOf(name: string, ip = IP) {
  return (await login(deps, { email: email(name), password: PASSWORD, mode: 'cookie' }, { ip })).session.token;
}

const mailTo = async (to: string, template: string) => {
  await jobs.idle();
  return mails.filter((m) => m.to === to && m.template === template);
};

beforeAll(async () => {
  await db.sequelize.authenticate();
});
afterAll(async () => {
  await jobs.close();
  await db.close();
});

describe('passwords and sessions', () => {
  it('changePassword checks the current one, keeps this session and revokes the others', async () => {
    await makeUser('chpw');
    const a = await sessionOf('chpw');
    const b = await sessionOf('chpw');
    const api = await as(a);
    await expect(api.auth.changePassword({ currentPassword: 'not-it-at-all', newPassword: 'Nouveau-Depart-99' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'wrong_password',
    });
    await expect(api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'azertyuiop' })).rejects.toMatchObject({
      message: 'password_too_common',
    });
    expect(await api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'Nouveau-Depart-99' })).toEqual({ ok: true });
    expect(await validateSessionToken(a)).not.toBeNull();
    expect(await validateSessionToken(b)).toBeNull();
    expect(await mailTo(email('chpw'), 'password-changed')).toHaveLength(1);
  });

  it('lists own sessions with the current one marked, revokes one, and hides other users’ sessions', async () => {
    const user = await makeUser('sess');
    await makeUser('sess-other');
    const a = await sessionOf('sess', '10.3.0.7');
    const b = await sessionOf('sess', '10.3.0.8');
    const other = await sessionOf('sess-other');
    const list = await (await as(a)).auth.sessions();
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.map((s) => s.ipAddress).sort()).toEqual(['10.3.0.7', '10.3.0.8']);
    expect(JSON.stringify(list)).not.toContain(a);

    const otherId = (await (await as(other)).auth.sessions())[0].id;
    await expect((await as(a)).auth.revokeSession({ id: otherId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await validateSessionToken(other)).not.toBeNull();

    const bId = list.find((s) => !s.current)!.id;
    expect(await (await as(a)).auth.revokeSession({ id: bId })).toEqual({ current: false });
    expect(await validateSessionToken(b)).toBeNull();
    expect(user.id).toBeGreaterThan(0);
  });

  it('slides a session used in its second half by 30 days (cookie re-sent), and drops an expired one', async () => {
    const DAY = 24 * 3600 * 1000;
    await makeUser('slide');
    const token = await sessionOf('slide');
    const where = { sessionId: hashToken(token) };
    const cookies: SessionCookie[] = [];
    const viaCookie = () =>
      createHttpContext({
        deps,
        redis: null,
        trustedOrigins: [],
        secureCookies: true,
        request: { ip: IP, headers: {}, cookies: { mdsc_session: token } },
        setCookie: (c) => cookies.push(c),
      });

    await UserSession.update({ expiresAt: new Date(Date.now() + 20 * DAY) }, { where });
    expect((await viaCookie()).actor).not.toBeNull();
    expect(cookies).toHaveLength(0); // first half: nothing to extend
    expect((await UserSession.findOne({ where }))!.expiresAt.getTime()).toBeLessThan(Date.now() + 21 * DAY);

    await UserSession.update({ expiresAt: new Date(Date.now() + 10 * DAY) }, { where });
    expect((await viaCookie()).actor).not.toBeNull();
    expect((await UserSession.findOne({ where }))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'mdsc_session', value: token });
    expect(cookies[0].attributes).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
    expect(cookies[0].attributes.maxAge).toBeGreaterThan(29 * 24 * 3600);

    await UserSession.update({ expiresAt: new Date(Date.now() - 1000) }, { where });
    const expired = await viaCookie();
    expect(expired.actor).toBeNull();
    expect(cookies[1]).toMatchObject({ name: 'mdsc_session', value: '' }); // cleared
    expect(await UserSession.count({ where })).toBe(0);
  });

  it('logout closes the session and revokes the refresh tokens issued with it', async () => {
    const user = await makeUser('logout');
    const r = await login(deps, { email: email('logout'), password: PASSWORD, mode: 'token' }, { ip: IP });
    await (await as(r.session.token)).auth.logout();
    expect(await validateSessionToken(r.session.token)).toBeNull();
    const tokens = await RefreshToken.findAll({ where: { userId: user.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0].revokedAt).not.toBeNull();
    expect(tokens[0].token).not.toBe(r.refreshToken);
    await expect((await as(null)).auth.refresh({ refreshToken: r.refreshToken! })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('profile', () => {
  it('updates the profile, refuses a bad phone naming the field and writing nothing', async () => {
    await makeUser('prof');
    const token = await sessionOf('prof');
    const api = await as(token);
    const me = await api.users.updateProfile({ organization: 'ONG Lumière', country: 'Togo', language: 'en', phone: '+228 90 00 00 00' });
    expect(me).toMatchObject({ organization: 'ONG Lumière', country: 'Togo', language: 'en', phone: '+228 90 00 00 00' });
    expect((await validateSessionToken(token))!.actor.locale).toBe('en');

    const bad = await api.users.updateProfile({ phone: 'call me maybe', country: 'Niger' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify((bad as { cause: unknown }).cause)).toContain('phone');
    expect((await api.auth.me())!.country).toBe('Togo');

    expect(await api.users.updateProfile({ organization: '' })).toMatchObject({ organization: null, country: 'Togo' });
  });

  it('changeEmail: password re-entry, unique address, link to the new address, notice to the old one', async () => {
    await makeUser('move');
    await makeUser('move-taken');
    const api = await as(await sessionOf('move'));
    const target = email('moved');
    await expect(api.users.changeEmail({ newEmail: target, password: 'wrong-password' })).rejects.toMatchObject({
      message: 'wrong_password',
    });
    // Taken (in any case): CONFLICT naming the form's field, nothing written.
    const mover = (await User.findOne({ where: { email: email('move') } }))!;
    const outboxBefore = await OutboxMessage.count();
    for (const taken of [email('move-taken'), email('move-taken').toUpperCase()]) {
      const err = await api.users.changeEmail({ newEmail: taken, password: PASSWORD }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CONFLICT', message: 'email_taken' });
      expect(JSON.stringify((err as { cause: unknown }).cause)).toContain('"field":"newEmail"');
    }
    expect(await EmailVerificationToken.count({ where: { userId: mover.id } })).toBe(0);
    expect(await OutboxMessage.count()).toBe(outboxBefore);
    expect(mails.filter((m) => m.to === email('move-taken') || m.to === email('move'))).toHaveLength(0);
    expect((await api.auth.me())!).toMatchObject({ email: email('move'), pendingEmail: null });
    expect(await api.users.changeEmail({ newEmail: target.toUpperCase(), password: PASSWORD })).toEqual({ pendingEmail: target });
    expect((await api.auth.me())!).toMatchObject({ email: email('move'), pendingEmail: target });
    // Log-in reads the pending change in the same statement as the user.
    const relog = await login(deps, { email: email('move'), password: PASSWORD, mode: 'cookie' }, { ip: IP });
    expect(relog.user).toMatchObject({ email: email('move'), pendingEmail: target });

    const [confirm] = await mailTo(target, 'email-change');
    expect(confirm.data.url).toMatch(/^http:\/\/app\.test\/verify-email\?token=/);
    const [notice] = await mailTo(email('move'), 'email-change');
    expect(notice.data.url).toBeUndefined();
    expect(notice.data.newEmail).toBe(target);

    const token = new URL(confirm.data.url).searchParams.get('token')!;
    expect(await (await as(null)).auth.verifyEmail({ token })).toEqual({ email: target, changed: true });
    expect((await api.auth.me())!).toMatchObject({ email: target, pendingEmail: null, emailVerified: true });
    expect((await login(deps, { email: target, password: PASSWORD, mode: 'cookie' }, { ip: IP })).user.pendingEmail).toBeNull();
  });
});

describe('admin user management', () => {
  const tag = `zq${run}`;
  it('lists with search, role and status filters and cursor pages', async () => {
    const admin = await makeUser('adm', { role: 'admin' });
    await makeUser('u1', { lastName: `${tag} Un` });
    await makeUser('u2', { lastName: `${tag} Deux`, role: 'instructor' });
    await makeUser('u3', { lastName: `${tag} Trois`, isActive: false });
    await makeUser('u4', { lastName: `${tag} Quatre`, isEmailVerified: false });
    await makeUser('u5', { lastName: `${tag} Cinq` });
    const api = await as(await sessionOf('adm'));

    const all: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: { items: { lastName: string }[]; nextCursor: string | null } = await api.users.list({ search: tag.toUpperCase(), limit: 2, cursor });
      all.push(...res.items.map((u) => u.lastName));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(all).toEqual([`${tag} Cinq`, `${tag} Quatre`, `${tag} Trois`, `${tag} Deux`, `${tag} Un`]);

    const names = async (filter: object) => (await api.users.list({ search: tag, limit: 50, ...filter })).items.map((u) => u.lastName);
    expect(await names({ role: 'instructor' })).toEqual([`${tag} Deux`]);
    expect(await names({ status: 'inactive' })).toEqual([`${tag} Trois`]);
    expect(await names({ status: 'unverified' })).toEqual([`${tag} Quatre`]);
    expect(await names({ status: 'active' })).toHaveLength(4);
    expect(await names({ search: '%' })).toEqual([]); // no wildcard injection
    await expect(api.users.list({ cursor: 'abc', limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const u1 = await User.findOne({ where: { email: email('u1') } });
    const u1Token = await sessionOf('u1');
    await expect((await as(u1Token)).users.list({ limit: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await api.users.setRole({ userId: u1!.id, role: 'instructor' })).toMatchObject({ role: 'instructor' });
    expect((await validateSessionToken(u1Token))!.actor.role).toBe('instructor'); // effective at once
    await expect(api.users.setRole({ userId: admin.id, role: 'student' })).rejects.toMatchObject({ message: 'cannot_change_self' });
    await expect(api.users.setActive({ userId: 999_999_999, active: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('rate limits per account + IP', () => {
  it('blocks one account from one IP after 10 failures in a row, while the IP can still log others in', async () => {
    await makeUser('victim');
    await makeUser('neighbour');
    const ip = '10.9.9.9';
    const anon = await as(null, ip);
    // The owner's usual address, before the attack.
    await (await as(null, '10.9.9.10')).auth.login({ email: email('victim'), password: PASSWORD, mode: 'token' });
    for (let i = 0; i < 9; i++) {
      await expect(anon.auth.login({ email: email('victim'), password: `guess-${i}-xx` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await anon.auth.login({ email: email('neighbour'), password: PASSWORD, mode: 'token' });
    await expect(anon.auth.login({ email: email('victim'), password: 'guess-9-xx' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const before = verifications;
    await expect(anon.auth.login({ email: email('victim'), password: PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(verifications).toBe(before); // refused before argon2
    await anon.auth.login({ email: email('neighbour'), password: PASSWORD, mode: 'token' });
    // Per account, from anywhere: 10 failures in 15 min close the account to new addresses…
    await expect((await as(null, '10.9.9.11')).auth.login({ email: email('victim'), password: PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // …but not to the address where its owner logged in before.
    await (await as(null, '10.9.9.10')).auth.login({ email: email('victim'), password: PASSWORD, mode: 'token' });
  });

  it('the calls of a batch each pay: 50 parallel wrong logins check at most 10 passwords', async () => {
    await makeUser('batched');
    const anon = await as(null, '10.9.8.1');
    const before = verifications;
    // tRPC runs the calls of a batch concurrently, exactly like this.
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => anon.auth.login({ email: email('batched'), password: `guess-${i}-xx` })),
    );
    expect(verifications - before).toBe(10);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(40);
    // Another account behind the same address logs in at once.
    await makeUser('batched-neighbour');
    await anon.auth.login({ email: email('batched-neighbour'), password: PASSWORD, mode: 'token' });
  });

  it('register answers alike for a taken address; its owner is warned at most 3 times a day', async () => {
    const owner = await makeUser('owner');
    const anon = await as(null, '10.9.7.1');
    const fresh = await anon.auth.register({ email: email('newcomer'), password: PASSWORD, firstName: 'A', lastName: 'B' });
    const taken = await anon.auth.register({ email: owner.email, password: PASSWORD, firstName: 'A', lastName: 'B' });
    expect(Object.keys(taken)).toEqual(Object.keys(fresh));
    expect(taken).toEqual({ email: owner.email });
    expect(await User.count({ where: { email: owner.email } })).toBe(1);
    expect(await mailTo(owner.email, 'verify-email')).toHaveLength(0);
    const [notice] = await mailTo(owner.email, 'account-exists');
    expect(notice.data).toMatchObject({ name: 'Koffi', url: 'http://app.test/login', resetUrl: 'http://app.test/forgot-password' });
    for (let i = 2; i <= 4; i++) {
      const again = await (await as(null, `10.9.7.${i}`)).auth.register({ email: owner.email, password: PASSWORD, firstName: 'A', lastName: 'B' });
      expect(again).toEqual({ email: owner.email });
    }
    expect(await mailTo(owner.email, 'account-exists')).toHaveLength(3);
  });

  it('limits register, password reset and resend per account + IP and per IP', async () => {
    const anon = await as(null, '10.8.0.1');
    const addr = email('spam');
    for (let i = 0; i < 5; i++) await anon.auth.requestPasswordReset({ email: addr });
    const err = await anon.auth.requestPasswordReset({ email: addr }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((err as { cause: { retryAfterSeconds: number } }).cause.retryAfterSeconds).toBeGreaterThan(3000);

    for (let i = 0; i < 5; i++) await anon.auth.resendVerification({ email: addr });
    await expect(anon.auth.resendVerification({ email: addr })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // Per IP: 30 sign-ups an hour (refused ones count too), whatever the address.
    const reg = (i: number) => anon.auth.register({ email: email(`r${i}`), password: 'password', firstName: 'A', lastName: 'B' });
    for (let i = 0; i < 30; i++) await expect(reg(i)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(reg(30)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(await User.count({ where: { email: email('r1') } })).toBe(0);
  });
});
