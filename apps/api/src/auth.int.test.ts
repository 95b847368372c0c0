// Accounts end to end over HTTP, in full mode: MariaDB, Redis (BullMQ + rate limits) and a real SMTP
// server receiving the mail sent by a BullMQ worker running the shared mail processor.
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { hashPassword } from '@mdsc/core';
import { User, UserSession } from '@mdsc/db';
import { createProcessors } from '@mdsc/worker';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { createRuntime, type Runtime } from './runtime';
import { buildServer } from './server';
import { linkToken, startSmtpSink, type SmtpSink } from './testing/smtp-sink';
import { trpcHttp } from './testing/trpc-http';

const WEB = 'http://app.mdsc.test';
const run = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${run}@accounts.test`;
const PASSWORD = 'Baobab-Sous-La-Pluie-7';

let rt: Runtime;
let smtp: SmtpSink;
let worker: Worker;
let close: () => Promise<void>;
let api: ReturnType<typeof trpcHttp>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  rt = await createRuntime(
    loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `mdsc-test-accounts-${run}`,
      PUBLIC_URL: WEB,
      SMTP_URL: smtp.url,
    }),
  );
  const mail = createProcessors(rt.deps).mail!;
  worker = new Worker('mail', (job) => mail({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade }), {
    connection: rt.redis!.duplicate({ maxRetriesPerRequest: null }),
    prefix: rt.env.REDIS_PREFIX,
  });
  const app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  api = trpcHttp(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, WEB);
  close = async () => {
    await app.close();
    await worker.close();
    await rt.close();
    await smtp.close();
    // Our own prefix: remove every key this run created (queues and rate-limit counters).
    const r = rt.redis!.duplicate();
    const keys = await r.keys(`mdsc-test-accounts-${run}:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  };
});
afterAll(async () => close?.());

async function signUpAndVerify(name: string, password = PASSWORD) {
  const addr = email(name);
  const reg = await api.mutation('auth.register', { email: addr, password, firstName: 'Awa', lastName: name, language: 'fr' });
  expect(reg.error).toBeNull();
  const mail = await smtp.waitFor(addr, /Confirmez votre adresse/);
  const verified = await api.mutation('auth.verifyEmail', { token: linkToken(mail, '/verify-email') });
  expect(verified.data).toEqual({ email: addr, changed: false });
  return addr;
}

async function logIn(addr: string, password = PASSWORD) {
  const res = await api.mutation('auth.login', { email: addr, password });
  expect(res.error).toBeNull();
  expect(res.sessionCookie).toBeTruthy();
  return res.sessionCookie!;
}

async function makeAdmin(name: string) {
  const addr = email(name);
  await User.create({
    email: addr,
    password: await hashPassword(PASSWORD),
    firstName: 'Mariam',
    lastName: 'Admin',
    role: 'admin',
    isEmailVerified: true,
  });
  return logIn(addr);
}

describe('accounts over HTTP (MariaDB, Redis, SMTP)', () => {
  it('register → verification mail over SMTP → its link verifies → login → auth.me', async () => {
    const addr = email('awa');
    const reg = await api.mutation('auth.register', {
      email: addr.toUpperCase(),
      password: PASSWORD,
      firstName: 'Awa',
      lastName: 'Traoré',
      language: 'fr',
    });
    expect(reg.status).toBe(200);
    expect(reg.data.email).toBe(addr);

    const mail = await smtp.waitFor(addr, /Confirmez votre adresse e-mail/);
    expect(mail.html).toContain(`${WEB}/verify-email?token=`);
    const token = linkToken(mail, '/verify-email');
    // The link's token is stored hashed only.
    const stored = await rt.deps.db.sequelize.query('SELECT token FROM email_verification_tokens WHERE email = ?', {
      replacements: [addr],
      plain: true,
    });
    expect(stored?.token).toBe(createHash('sha256').update(token).digest('hex'));

    // Unverified users can log in; auth.me says so.
    const early = await logIn(addr);
    expect((await api.query('auth.me', undefined, { cookie: early })).data.emailVerified).toBe(false);

    expect((await api.mutation('auth.verifyEmail', { token })).data).toEqual({ email: addr, changed: false });
    // Single use.
    const again = await api.mutation('auth.verifyEmail', { token });
    expect(again.error).toMatchObject({ code: 'BAD_REQUEST', field: 'token', message: 'token_invalid' });
    await smtp.waitFor(addr, /Bienvenue/);

    const login = await api.mutation('auth.login', { email: addr, password: PASSWORD });
    expect(login.data.sessionToken).toBeNull(); // cookie mode: the token is not in the body
    const cookie = login.setCookie.find((c) => c.startsWith('mdsc_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const me = await api.query('auth.me', undefined, { cookie: login.sessionCookie });
    expect(me.data).toMatchObject({ email: addr, firstName: 'Awa', role: 'student', emailVerified: true, language: 'fr' });
    expect(me.data).not.toHaveProperty('password');
    expect((await api.query('auth.me')).data).toBeNull();

    const out = await api.mutation('auth.logout', undefined, { cookie: login.sessionCookie });
    expect(out.sessionCookie).toBe('');
    expect((await api.query('auth.me', undefined, { cookie: login.sessionCookie })).data).toBeNull();
  });

  it('refuses a taken address and a common password, naming the field', async () => {
    const addr = await signUpAndVerify('taken');
    const dup = await api.mutation('auth.register', { email: addr, password: PASSWORD, firstName: 'A', lastName: 'B' });
    expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const common = await api.mutation('auth.register', {
      email: email('common'),
      password: 'motdepasse',
      firstName: 'A',
      lastName: 'B',
    });
    expect(common.error).toMatchObject({ code: 'BAD_REQUEST', field: 'password', message: 'password_too_common' });
    expect(await User.count({ where: { email: email('common') } })).toBe(0);
  });

  it('password reset end to end: mail → link → new password; sessions revoked; single use', async () => {
    const addr = await signUpAndVerify('reset');
    const before = await logIn(addr);
    const req = await api.mutation('auth.requestPasswordReset', { email: addr });
    expect(req.data).toEqual({ ok: true });
    // Unknown addresses get the same answer and no mail.
    expect((await api.mutation('auth.requestPasswordReset', { email: email('nobody') })).data).toEqual({ ok: true });

    const mail = await smtp.waitFor(addr, /Réinitialisation/);
    const token = linkToken(mail, '/reset-password');
    const weak = await api.mutation('auth.resetPassword', { token, password: 'password123' });
    expect(weak.error).toMatchObject({ field: 'password', message: 'password_too_common' });

    const NEW = 'Fleuve-Niger-Au-Matin-42';
    expect((await api.mutation('auth.resetPassword', { token, password: NEW })).data).toEqual({ ok: true });
    expect((await api.mutation('auth.resetPassword', { token, password: NEW })).error).toMatchObject({
      field: 'token',
    });
    expect((await api.query('auth.me', undefined, { cookie: before })).data).toBeNull();
    expect((await api.mutation('auth.login', { email: addr, password: PASSWORD })).error?.code).toBe('UNAUTHORIZED');
    await logIn(addr, NEW);
    await smtp.waitFor(addr, /mot de passe a été modifié/);
  });

  it('user_sessions never holds a value that works as a cookie or bearer token', async () => {
    const addr = await signUpAndVerify('hashed');
    const token = await logIn(addr);
    const user = await User.findOne({ where: { email: addr } });
    const rows = await UserSession.findAll({ where: { userId: user!.id } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.sessionId)).toContain(createHash('sha256').update(token).digest('hex'));
    for (const r of rows) {
      expect(r.sessionId).not.toBe(token);
      expect((await api.query('auth.me', undefined, { cookie: r.sessionId })).data).toBeNull();
      expect((await api.query('auth.me', undefined, { bearer: r.sessionId, origin: null })).data).toBeNull();
    }
    expect((await api.query('auth.me', undefined, { cookie: token })).data.email).toBe(addr);
  });

  it('refuses a cookie mutation with a foreign or missing Origin; bearer clients need none', async () => {
    const addr = await signUpAndVerify('csrf');
    const cookie = await logIn(addr);
    const update = { organization: 'MdSC' };
    const foreign = await api.mutation('users.updateProfile', update, { cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.error).toMatchObject({ code: 'FORBIDDEN', message: 'cross_site_request' });
    const missing = await api.mutation('users.updateProfile', update, { cookie, origin: null });
    expect(missing.error?.code).toBe('FORBIDDEN');
    expect((await User.findOne({ where: { email: addr } }))!.organization).toBeNull();

    const same = await api.mutation('users.updateProfile', update, { cookie });
    expect(same.data.organization).toBe('MdSC');

    const tokens = await api.mutation('auth.login', { email: addr, password: PASSWORD, mode: 'token' });
    const bearer = await api.mutation(
      'users.updateProfile',
      { country: 'Bénin' },
      { bearer: tokens.data.sessionToken, origin: null },
    );
    expect(bearer.data.country).toBe('Bénin');
  });

  it('a reused refresh token revokes its whole family', async () => {
    const addr = await signUpAndVerify('refresh');
    const login = await api.mutation('auth.login', { email: addr, password: PASSWORD, mode: 'token' });
    const { sessionToken: s1, refreshToken: r1 } = login.data;
    expect(login.sessionCookie).toBeUndefined();

    const second = await api.mutation('auth.refresh', { refreshToken: r1 }, { origin: null });
    const { sessionToken: s2, refreshToken: r2 } = second.data;
    expect(s2).not.toBe(s1);
    expect((await api.query('auth.me', undefined, { bearer: s1 })).data).toBeNull(); // rotated out
    expect((await api.query('auth.me', undefined, { bearer: s2 })).data.email).toBe(addr);

    // r1 again: someone kept a copy. Everything descended from that login dies.
    const reuse = await api.mutation('auth.refresh', { refreshToken: r1 }, { origin: null });
    expect(reuse.error?.code).toBe('UNAUTHORIZED');
    expect((await api.query('auth.me', undefined, { bearer: s2 })).data).toBeNull();
    expect((await api.mutation('auth.refresh', { refreshToken: r2 }, { origin: null })).error?.code).toBe('UNAUTHORIZED');

    // Another login (another family) is unaffected.
    const other = await api.mutation('auth.login', { email: addr, password: PASSWORD, mode: 'token' });
    expect((await api.mutation('auth.refresh', { refreshToken: other.data.refreshToken })).error).toBeNull();
  });

  it('a deactivated user is stopped at once; a student calling an admin procedure gets FORBIDDEN', async () => {
    const admin = await makeAdmin('admin');
    const addr = await signUpAndVerify('student');
    const student = await logIn(addr);
    const tokens = await api.mutation('auth.login', { email: addr, password: PASSWORD, mode: 'token' });

    const denied = await api.query('users.list', { limit: 5 }, { cookie: student });
    expect(denied.status).toBe(403);
    expect(denied.error?.code).toBe('FORBIDDEN');
    const denied2 = await api.mutation('users.setActive', { userId: 1, active: false }, { cookie: student });
    expect(denied2.error?.code).toBe('FORBIDDEN');

    const list = await api.query('users.list', { search: `student-${run}`, limit: 5 }, { cookie: admin });
    const target = list.data.items.find((u: { email: string }) => u.email === addr);
    expect(target).toMatchObject({ role: 'student', isActive: true, emailVerified: true });

    const off = await api.mutation('users.setActive', { userId: target.id, active: false }, { cookie: admin });
    expect(off.data.isActive).toBe(false);
    const after = await api.query('auth.me', undefined, { cookie: student });
    expect(after.data).toBeNull();
    expect(after.sessionCookie).toBe(''); // the dead cookie is cleared
    expect((await api.mutation('users.updateProfile', { country: 'Mali' }, { cookie: student })).error?.code).toBe(
      'UNAUTHORIZED',
    );
    expect((await api.mutation('auth.refresh', { refreshToken: tokens.data.refreshToken })).error?.code).toBe(
      'UNAUTHORIZED',
    );
    const relog = await api.mutation('auth.login', { email: addr, password: PASSWORD });
    expect(relog.error).toMatchObject({ code: 'FORBIDDEN', message: 'account_disabled' });
    expect(await UserSession.count({ where: { userId: target.id } })).toBe(0);
  });

  // Last: it leaves 127.0.0.1 blocked for logins until the window ends.
  it('the 11th failed login in a row from one IP gets TOO_MANY_REQUESTS with Retry-After', async () => {
    const addr = await signUpAndVerify('brute');
    for (let i = 1; i <= 10; i++) {
      // Different accounts, one address: the per-IP counter is what trips.
      const target = i % 2 ? addr : email(`ghost${i}`);
      const res = await api.mutation('auth.login', { email: target, password: `Wrong-Guess-${i}x` });
      expect(res.error?.code, `attempt ${i}`).toBe('UNAUTHORIZED');
    }
    const eleventh = await api.mutation('auth.login', { email: addr, password: PASSWORD });
    expect(eleventh.status).toBe(429);
    expect(eleventh.error?.code).toBe('TOO_MANY_REQUESTS');
    const retry = Number(eleventh.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(eleventh.error?.retryAfterSeconds).toBe(retry);
  });
});
