// Accounts end to end over HTTP, in full mode: MariaDB, Redis (BullMQ + rate limits) and a real SMTP
// server receiving the mail sent by a BullMQ worker running the shared mail processor.
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { encodePayload, hashPassword, verifyPassword } from '@mdsc/core';
import { Notification, User, UserSession } from '@mdsc/db';
import { createProcessors } from '@mdsc/worker';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from './env';
import { createRuntime, type Runtime } from './runtime';
import { buildServer } from './server';
import { rawHttp } from './testing/raw-http';
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
let raw: ReturnType<typeof rawHttp>;
/** Password checks (argon2 verify) the API has run: what a brute-force attempt really gets. */
let verifications = 0;

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
  worker = new Worker(
    'mail',
    (job) => mail({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade }),
    {
      connection: rt.redis!.duplicate({ maxRetriesPerRequest: null }),
      prefix: rt.env.REDIS_PREFIX,
    },
  );
  rt.deps.verifyPassword = (stored, password) => {
    verifications++;
    return verifyPassword(stored, password);
  };
  const app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  api = trpcHttp(base, WEB);
  raw = rawHttp(base);
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
  const reg = await api.mutation('auth.register', {
    email: addr,
    password,
    firstName: 'Awa',
    lastName: name,
    language: 'fr',
  });
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
    const stored = await rt.deps.db.sequelize.query(
      'SELECT token FROM email_verification_tokens WHERE email = ?',
      {
        replacements: [addr],
        plain: true,
      },
    );
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
    expect(me.data).toMatchObject({
      email: addr,
      firstName: 'Awa',
      role: 'student',
      emailVerified: true,
      language: 'fr',
    });
    expect(me.data).not.toHaveProperty('password');
    expect((await api.query('auth.me')).data).toBeNull();

    const out = await api.mutation('auth.logout', undefined, { cookie: login.sessionCookie });
    expect(out.sessionCookie).toBe('');
    expect((await api.query('auth.me', undefined, { cookie: login.sessionCookie })).data).toBeNull();
  });

  it('register answers a taken address like a new one; the owner is warned by mail, nothing is created', async () => {
    const addr = await signUpAndVerify('taken');
    const input = (e: string) => ({
      email: e,
      password: PASSWORD,
      firstName: 'Moussa',
      lastName: 'Diallo',
      language: 'en',
    });
    const fresh = await api.mutation('auth.register', input(email('fresh')));
    const dup = await api.mutation('auth.register', input(addr.toUpperCase()));
    expect(dup.status).toBe(200);
    expect(fresh.status).toBe(200);
    expect(dup.data).toEqual({ email: addr });
    expect(fresh.data).toEqual({ email: email('fresh') });

    // The owner's language (fr), not the caller's: it is their account.
    const warning = await smtp.waitFor(addr, /Vous avez déjà un compte/);
    expect(warning.text).toContain('Bonjour Awa,');
    expect(warning.text).toContain(`${WEB}/login`);
    expect(warning.text).toContain(`${WEB}/forgot-password`);
    await smtp.waitFor(email('fresh'), /Confirm your e-mail address/);
    expect(await User.count({ where: { email: addr } })).toBe(1);
    expect((await User.findOne({ where: { email: addr } }))!.firstName).toBe('Awa');
    // Only the original confirmation ever went to the owner.
    expect(smtp.to(addr).filter((m) => /Confirmez/.test(m.subject ?? ''))).toHaveLength(1);

    const common = await api.mutation('auth.register', {
      email: email('common'),
      password: 'motdepasse',
      firstName: 'A',
      lastName: 'B',
    });
    expect(common.error).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'password',
      message: 'password_too_common',
    });
    expect(await User.count({ where: { email: email('common') } })).toBe(0);
  });

  it('password reset end to end: mail → link → new password; sessions revoked; single use', async () => {
    const addr = await signUpAndVerify('reset');
    const before = await logIn(addr);
    const req = await api.mutation('auth.requestPasswordReset', { email: addr });
    expect(req.data).toEqual({ ok: true });
    // Unknown addresses get the same answer and no mail.
    expect((await api.mutation('auth.requestPasswordReset', { email: email('nobody') })).data).toEqual({
      ok: true,
    });

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
    expect((await api.mutation('auth.login', { email: addr, password: PASSWORD })).error?.code).toBe(
      'UNAUTHORIZED',
    );
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
    const foreign = await api.mutation('users.updateProfile', update, {
      cookie,
      origin: 'https://evil.example',
    });
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
    expect((await api.mutation('auth.refresh', { refreshToken: r2 }, { origin: null })).error?.code).toBe(
      'UNAUTHORIZED',
    );

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

    const off = await api.mutation(
      'users.setActive',
      { userId: target.id, active: false },
      { cookie: admin },
    );
    expect(off.data.isActive).toBe(false);
    const after = await api.query('auth.me', undefined, { cookie: student });
    expect(after.data).toBeNull();
    expect(after.sessionCookie).toBe(''); // the dead cookie is cleared
    expect(
      (await api.mutation('users.updateProfile', { country: 'Mali' }, { cookie: student })).error?.code,
    ).toBe('UNAUTHORIZED');
    expect((await api.mutation('auth.refresh', { refreshToken: tokens.data.refreshToken })).error?.code).toBe(
      'UNAUTHORIZED',
    );
    const relog = await api.mutation('auth.login', { email: addr, password: PASSWORD });
    expect(relog.error).toMatchObject({ code: 'FORBIDDEN', message: 'account_disabled' });
    expect(await UserSession.count({ where: { userId: target.id } })).toBe(0);
  });

  it('a session keeps its user, role and language; a deleted user (soft delete) has no session any more', async () => {
    const addr = await signUpAndVerify('deleted');
    const cookie = await logIn(addr);
    const me = await api.query('auth.me', undefined, { cookie });
    expect(me.data).toMatchObject({ email: addr, role: 'student', emailVerified: true });
    await User.destroy({ where: { email: addr } }); // paranoid: deleted_at set, the row stays
    expect(await User.count({ where: { email: addr }, paranoid: false })).toBe(1);
    const after = await api.query('auth.me', undefined, { cookie });
    expect(after.data).toBeNull();
    expect(after.sessionCookie).toBe('');
    expect(await UserSession.count({ where: { userId: me.data.id } })).toBe(0);
  });
});

/** One tRPC login over HTTP from `from` (a loopback address standing for one client IP). */
const loginFrom = (from: string, addr: string, password: string) =>
  raw({ path: '/trpc/auth.login', body: { email: addr, password }, from });

const errorsOf = (json: unknown) => [json].flat() as { error: { message: string; data: { code: string } } }[];

describe('brute force, batches and malformed bodies over HTTP (Redis limiter)', () => {
  it('a batch of auth mutations is refused whole before any password is checked; so is a batch over 10 calls', async () => {
    const victim = await signUpAndVerify('batch-victim');
    const from = '127.0.0.5';
    const before = verifications;
    const batchOf = (n: number, path: string) => `/trpc/${Array(n).fill(path).join(',')}?batch=1`;
    const guesses = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [i, { email: victim, password: `Wrong-${i}-xx` }]),
      );

    const fifty = await raw({ path: batchOf(50, 'auth.login'), body: guesses(50), from });
    expect(fifty.status).toBe(400);
    expect(JSON.stringify(fifty.json)).toContain('Batch call exceeds maximum size');
    const two = await raw({ path: batchOf(2, 'auth.login'), body: guesses(2), from });
    expect(two.status).toBe(400);
    expect(errorsOf(two.json).map((e) => e.error.message)).toEqual([
      'auth_batch_refused',
      'auth_batch_refused',
    ]);
    expect(verifications).toBe(before);

    // An auth mutation among other calls: the whole batch is refused, the other call does not run.
    const cookie = await logIn(victim);
    const user = await User.findOne({ where: { email: victim } });
    await Notification.create({
      userId: user!.id,
      payload: encodePayload('enrolment', { courseId: 1, courseTitle: 'Droits' }),
      isRead: false,
    });
    const mixed = await raw({
      path: '/trpc/notifications.markAllRead,auth.logout?batch=1',
      body: {},
      headers: { cookie: `mdsc_session=${cookie}`, origin: WEB },
    });
    expect(mixed.status).toBe(400);
    expect(await Notification.count({ where: { userId: user!.id, isRead: false } })).toBe(1);
    expect((await api.query('auth.me', undefined, { cookie })).data.email).toBe(victim);

    // Queries batch as before, up to 10 calls a request.
    const ten = await raw({
      path: `${batchOf(10, 'auth.me')}&input=${encodeURIComponent('{}')}`,
      headers: { cookie: `mdsc_session=${cookie}` },
    });
    expect(ten.status).toBe(200);
    expect((ten.json as { result: { data: { email: string } } }[]).map((r) => r.result.data.email)).toEqual(
      Array(10).fill(victim),
    );
    const eleven = await raw({ path: `${batchOf(11, 'auth.me')}&input=${encodeURIComponent('{}')}` });
    expect(eleven.status).toBe(400);
  });

  it('60 concurrent wrong logins check 10 passwords; an honest account behind the same address logs in right after', async () => {
    const victim = await signUpAndVerify('crowd-victim');
    const honest = await signUpAndVerify('crowd-honest'); // never logged in: nothing "known" helps it
    const from = '127.0.0.6';
    const before = verifications;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginFrom(from, victim, `Wrong-Guess-${i}x`)),
    );
    expect(verifications - before).toBe(10);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(50);
    for (const r of refused) {
      const retry = Number(r.headers['retry-after']);
      expect(retry).toBeGreaterThan(60);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expect(errorsOf(r.json)[0].error.data).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        retryAfterSeconds: retry,
      });
    }

    const ok = await loginFrom(from, honest, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.json.result.data.user.email).toBe(honest);
    // The victim's account is closed to this address (and to new ones) for now, without a check.
    const mark = verifications;
    expect((await loginFrom(from, victim, PASSWORD)).status).toBe(429);
    expect((await loginFrom('127.0.0.9', victim, PASSWORD)).status).toBe(429);
    expect(verifications).toBe(mark);
  });

  it('an address failing 30 checks in a minute is slowed down for the rest of that minute, not locked out for a day', async () => {
    const honest = await signUpAndVerify('stuffing-honest');
    const from = '127.0.0.7';
    // Credential stuffing: one guess on each of 30 accounts (unknown ones cost a dummy argon2 check).
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom(from, email(`stuffed${i}`), 'Wrong-Guess-1x')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
    const slowed = await loginFrom(from, honest, PASSWORD);
    expect(slowed.status).toBe(429);
    const retry = Number(slowed.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // Other addresses are not concerned.
    expect((await loginFrom('127.0.0.8', honest, PASSWORD)).status).toBe(200);
  });

  it('a malformed JSON body is refused with PARSE_ERROR before any procedure runs', async () => {
    const addr = await signUpAndVerify('malformed');
    const cookie = await logIn(addr);
    const user = await User.findOne({ where: { email: addr } });
    await Notification.create({
      userId: user!.id,
      payload: encodePayload('enrolment', { courseId: 1, courseTitle: 'Droits' }),
      isRead: false,
    });
    const headers = { cookie: `mdsc_session=${cookie}`, origin: WEB, 'content-type': 'application/json' };
    const unread = () => Notification.count({ where: { userId: user!.id, isRead: false } });

    for (const path of [
      'notifications.markAllRead',
      'auth.logout',
      'notifications.markAllRead?batch=1',
      'auth.logout?batch=1',
    ]) {
      const res = await raw({ path: `/trpc/${path}`, body: '{"a":', headers });
      expect(res.status, path).toBe(400);
      expect(errorsOf(res.json)[0].error, path).toMatchObject({
        message: 'invalid_json',
        data: { code: 'PARSE_ERROR' },
      });
    }
    // Well-formed JSON that is not a batch of inputs is refused too.
    expect(
      (await raw({ path: '/trpc/notifications.markAllRead?batch=1', body: '"x"', headers })).status,
    ).toBe(400);
    // A query's input in the URL, the same.
    const badQuery = await raw({
      path: `/trpc/auth.me?input=${encodeURIComponent('{"a":')}`,
      headers: { cookie: headers.cookie },
    });
    expect(badQuery.status).toBe(400);
    expect(errorsOf(badQuery.json)[0].error.data.code).toBe('PARSE_ERROR');

    // Nothing ran: the notification is unread and the session open.
    expect(await unread()).toBe(1);
    expect((await api.query('auth.me', undefined, { cookie })).data.email).toBe(addr);

    // The same calls without a body (no input) do run.
    expect((await raw({ method: 'POST', path: '/trpc/notifications.markAllRead', headers })).status).toBe(
      200,
    );
    expect(await unread()).toBe(0);
    expect((await raw({ method: 'POST', path: '/trpc/auth.logout', headers })).status).toBe(200);
    expect((await api.query('auth.me', undefined, { cookie })).data).toBeNull();
  });
});
