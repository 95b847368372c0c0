// Live notifications across processes: two real API processes (full mode) share MariaDB and one
// Redis. A student's SSE stream is open on process A; a message sent through process B produces a
// notification there, which reaches the student through Redis pub/sub and A's SSE stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '@mdsc/core';
import { Category, Course, createDatabase, Enrollment, User, type Database } from '@mdsc/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcHttp } from '../testing/trpc-http';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = randomBytes(4).toString('hex');
const prefix = `mdsc-comms-test-${run}`;
const PASSWORD = 'Live-Notif-2026!';
const ORIGIN = 'http://app.comms.test';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

interface ApiProcess {
  base: string;
  child: ChildProcess;
}

async function startApi(): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn('pnpm', ['exec', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      PUBLIC_URL: ORIGIN,
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child };
    if (Date.now() > deadline) throw new Error('API did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopApi(api: ApiProcess | undefined): Promise<void> {
  if (!api || api.child.exitCode !== null) return;
  const exited = new Promise((r) => api.child.once('exit', r));
  process.kill(-api.child.pid!, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

/** A real SSE client over fetch streaming: yields the JSON of each data event. */
function openSse(url: string, token: string) {
  const ctrl = new AbortController();
  const received: unknown[] = [];
  const waiters: { pred: (e: unknown) => boolean; resolve: (e: unknown) => void }[] = [];
  const done = (async () => {
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal: ctrl.signal,
    });
    if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const lines = block.split('\n');
        const event = lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (event || !data) continue; // connected / ping / errors carry an event name
        const parsed: unknown = JSON.parse(data);
        received.push(parsed);
        for (const w of [...waiters]) {
          if (w.pred(parsed)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(parsed);
          }
        }
      }
    }
  })().catch((err: Error) => {
    if (err.name !== 'AbortError') throw err;
  });
  return {
    received,
    next<T>(pred: (e: any) => boolean, timeoutMs = 10_000): Promise<T> {
      const found = received.find(pred);
      if (found) return Promise.resolve(found as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching SSE event in ${timeoutMs} ms: ${JSON.stringify(received)}`)),
          timeoutMs,
        );
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e as T)) });
      });
    },
    close: async () => {
      ctrl.abort();
      await done;
    },
  };
}

let db: Database;
let a: ApiProcess | undefined;
let b: ApiProcess | undefined;
const emails = { teacher: `teacher-${run}@live.test`, student: `student-${run}@live.test` };

beforeAll(async () => {
  db = createDatabase({ url: process.env.TEST_DATABASE_URL! });
  const password = await hashPassword(PASSWORD);
  const common = { password, lastName: 'Live', isEmailVerified: true };
  const teacher = await User.create({
    ...common,
    email: emails.teacher,
    firstName: 'Awa',
    role: 'instructor',
  });
  const student = await User.create({
    ...common,
    email: emails.student,
    firstName: 'Koffi',
    role: 'student',
  });
  const category = await Category.create({ name: `Live ${run}` });
  const course = await Course.create({
    title: 'Live',
    slug: `live-${run}`,
    instructorId: teacher.id,
    categoryId: category.id,
    isPublished: true,
  });
  await Enrollment.create({ userId: student.id, courseId: course.id });
  [a, b] = await Promise.all([startApi(), startApi()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([stopApi(a), stopApi(b)]);
  await db?.close();
  // Our prefix only: nothing of the other test runs is touched.
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

async function login(base: string, email: string): Promise<string> {
  const res = await trpcHttp(base, ORIGIN).mutation<{ sessionToken: string }>('auth.login', {
    email,
    password: PASSWORD,
    mode: 'token',
  });
  if (res.error) throw new Error(`login ${email}: ${res.error.message}`);
  return res.data.sessionToken;
}

describe('live notifications with two API processes and one Redis', () => {
  it('delivers a notification created in process B to the SSE stream open on process A', async () => {
    const studentToken = await login(a!.base, emails.student);
    const teacherToken = await login(b!.base, emails.teacher);
    const stream = openSse(`${a!.base}/trpc/notifications.onNotification`, studentToken);
    try {
      const ready = await stream.next<{ kind: 'ready'; unreadCount: number }>((e) => e.kind === 'ready');
      expect(ready.unreadCount).toBe(0);

      const onB = trpcHttp(b!.base, ORIGIN);
      const sent = await onB.mutation<{ id: number }>(
        'messages.send',
        {
          recipientId: (await User.findOne({ where: { email: emails.student } }))!.id,
          subject: 'En direct',
          content: '<b>Bonjour</b>',
        },
        { bearer: teacherToken },
      );
      expect(sent.error).toBeNull();
      const pushed = await stream.next<{
        kind: 'notification';
        notification: { id: number; type: string; data: any };
      }>((e) => e.kind === 'notification');
      expect(pushed.notification).toMatchObject({
        type: 'new_message',
        isRead: false,
        data: { messageId: sent.data.id, senderName: 'Awa Live', subject: 'En direct', broadcast: false },
      });

      // The bell's count read through B agrees, and reading through B is pushed to A too.
      const count = await onB.query<number>('notifications.unreadCount', undefined, { bearer: studentToken });
      expect(count.data).toBe(1);
      await onB.mutation('notifications.markRead', { id: pushed.notification.id }, { bearer: studentToken });
      const read = await stream.next<{ kind: 'read'; ids: number[] }>((e) => e.kind === 'read');
      expect(read.ids).toEqual([pushed.notification.id]);
    } finally {
      await stream.close();
    }
  });

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${a!.base}/trpc/notifications.onNotification`, {
      headers: { accept: 'text/event-stream' },
    });
    const text = await res.text();
    expect(text).toMatch(/UNAUTHORIZED/);
  });
});
