// Uploads and downloads over real HTTP in full mode: MariaDB, BullMQ on Redis with the worker's
// media processor, files on local disk. Refused uploads must leave no file and no row.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, type Actor } from '@mdsc/core';
import { Course, Enrollment, Lesson, MediaFile, User } from '@mdsc/db';
import type { Role } from '@mdsc/validators';
import { createProcessors } from '@mdsc/worker';
import { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { createRuntime, type Runtime } from '../runtime';
import { buildServer } from '../server';
import { postFile } from '../testing/multipart';

const run = randomBytes(4).toString('hex');
const prefix = `mdsc-test-media-${run}`;
const WEB = 'http://app.mdsc.test';
let rt: Runtime;
let app: FastifyInstance;
let worker: Worker;
let base: string;
let dataDir: string;
let owner: { actor: Actor; token: string };
let student: { actor: Actor; token: string };
let intruder: { actor: Actor; token: string };
let courseId: number;

async function person(role: Role) {
  const u = await User.create({
    email: `${role}-${randomBytes(3).toString('hex')}-${run}@media.test`,
    password: 'x',
    firstName: role,
    lastName: 'Media',
    role,
    isEmailVerified: true,
  });
  const { token } = await createSession(u.id, {});
  return { actor: { id: u.id, role, emailVerified: true, locale: 'fr' } as Actor, token };
}

const auth = (p: { token: string } | null): Record<string, string> =>
  p ? { authorization: `Bearer ${p.token}` } : {};

/** Every stored object under the uploads directory (temporary files included). */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'uploads');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function wav(seconds: number): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 2 * seconds);
  for (let i = 0; i < rate * seconds; i++) data.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-media-'));
  rt = await createRuntime(
    loadEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      DATA_DIR: dataDir,
      PUBLIC_URL: WEB,
      STORAGE_DRIVER: 'local',
    }),
  );
  const media = createProcessors(rt.deps).media!;
  worker = new Worker(
    'media',
    (job) => media({ id: job.id!, name: job.name, data: job.data, attemptsMade: job.attemptsMade }),
    {
      connection: rt.redis!.duplicate({ maxRetriesPerRequest: null }),
      prefix,
    },
  );
  app = await buildServer(rt);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  owner = await person('instructor');
  intruder = await person('instructor');
  student = await person('student');
  const { Category } = await import('@mdsc/db');
  const cat = await Category.create({ name: `Médias ${run}` });
  const course = await Course.create({
    title: `Médias ${run}`,
    slug: `medias-${run}`,
    instructorId: owner.actor.id,
    categoryId: cat.id,
    description: 'd',
  } as Course);
  courseId = course.id;
});

afterAll(async () => {
  await app?.close();
  await worker?.close();
  const r = rt?.redis?.duplicate();
  await rt?.close();
  if (r) {
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const upload = (
  file: { name: string; type: string; data: Buffer },
  who = owner,
  query = `courseId=${courseId}`,
) => postFile(`${base}/api/media?${query}`, file, auth(who));

describe('refused uploads', () => {
  it('refuses an executable that claims to be a PNG, storing nothing', async () => {
    const rows = await MediaFile.count();
    // A Windows PE executable ("MZ" header) and a Linux ELF binary, both named and typed as PNG.
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), randomBytes(4000)]);
    pe.writeUInt32LE(64, 0x3c);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(4000)]);
    for (const data of [pe, elf]) {
      const res = await upload({ name: 'photo.png', type: 'image/png', data });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { field: 'file' } });
    }
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a file over its category limit midway, storing nothing', async () => {
    const rows = await MediaFile.count();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const res = await upload({
      name: 'big.png',
      type: 'image/png',
      data: Buffer.concat([png, randomBytes(11 * 1024 * 1024)]),
    });
    expect(res.status).toBe(413);
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses uploads to someone else’s course, anonymous ones and cross-site cookie ones', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await upload({ name: 'a.png', type: 'image/png', data: png }, intruder)).status).toBe(403);
    expect(
      (
        await postFile(`${base}/api/media?courseId=${courseId}`, {
          name: 'a.png',
          type: 'image/png',
          data: png,
        })
      ).status,
    ).toBe(401);
    const csrf = await postFile(
      `${base}/api/media?courseId=${courseId}`,
      { name: 'a.png', type: 'image/png', data: png },
      {
        cookie: `mdsc_session=${owner.token}`,
        origin: 'https://evil.example',
      },
    );
    expect(csrf.status).toBe(403);
    expect(
      (await upload({ name: 'a.png', type: 'image/png', data: png }, owner, 'courseId=abc')).body,
    ).toMatchObject({
      error: { field: 'courseId' },
    });
    expect(storedFiles()).toEqual([]);
  });
});

describe('images', () => {
  it('stores an image, then the worker re-encodes it and makes a WebP thumbnail', async () => {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#1f7a4d' } })
      .png()
      .toBuffer();
    const res = await upload({ name: 'couverture.png', type: 'image/png', data: png });
    expect(res.status).toBe(201);
    const id = res.body.id as number;
    expect(res.body).toMatchObject({
      url: `/api/media/${id}`,
      fileType: 'image/png',
      fileCategory: 'image',
      fileSize: png.length,
    });
    const row = await waitFor(async () => {
      const m = await MediaFile.findByPk(id);
      return m?.metadata?.processed ? m : null;
    });
    expect(row.metadata).toMatchObject({ width: 1200, height: 800 });
    expect(row.fileType).toBe('image/webp');
    expect(row.thumbnailUrl).toBe(`/api/media/${id}/thumbnail`);

    const thumb = await fetch(`${base}/api/media/${id}/thumbnail`, { headers: auth(owner) });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const t = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([t.format, t.width, t.height]).toEqual(['webp', 480, 320]);
    const main = await sharp(
      Buffer.from(await (await fetch(`${base}/api/media/${id}`, { headers: auth(owner) })).arrayBuffer()),
    ).metadata();
    expect([main.format, main.width, main.height]).toEqual(['webp', 1200, 800]);
    // The original PNG is gone: only the WebP and its thumbnail remain.
    expect(
      storedFiles().filter((f) => f.includes(path.basename(row.storagePath).replace('-web.webp', ''))),
    ).toHaveLength(2);
  });
});

describe('reading files', () => {
  let audioId: number;

  it('reads the duration of audio, and serves byte ranges', async () => {
    const data = wav(3);
    const res = await upload({ name: 'cours.wav', type: 'audio/wav', data });
    expect(res.status).toBe(201);
    audioId = res.body.id as number;
    const row = await waitFor(async () => {
      const m = await MediaFile.findByPk(audioId);
      return m?.duration ? m : null;
    });
    expect(row.duration).toBe(3);

    const part = await fetch(`${base}/api/media/${audioId}`, {
      headers: { ...auth(owner), range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${data.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(data.subarray(100, 200));
    const suffix = await fetch(`${base}/api/media/${audioId}`, {
      headers: { ...auth(owner), range: 'bytes=-10' },
    });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(data.subarray(data.length - 10));
    const beyond = await fetch(`${base}/api/media/${audioId}`, {
      headers: { ...auth(owner), range: `bytes=${data.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${data.length}`);
  });

  it('serves lesson files of a published course to enrolled students only, course images to all', async () => {
    const get = (id: number, who: { token: string } | null) =>
      fetch(`${base}/api/media/${id}`, { headers: auth(who) });
    // Unpublished course: the owner only.
    expect((await get(audioId, null)).status).toBe(404);
    expect((await get(audioId, student)).status).toBe(404);
    expect((await get(audioId, owner)).status).toBe(200);

    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const cover = (await upload({ name: 'cover.png', type: 'image/png', data: png })).body.id as number;
    await Lesson.create({
      courseId,
      title: 'Écoute',
      contentType: 'audio',
      mediaFileId: audioId,
      orderIndex: 1,
      isPublished: true,
    } as Lesson);
    await Course.update(
      { isPublished: true, thumbnailUrl: `/api/media/${cover}` },
      { where: { id: courseId } },
    );

    expect((await get(cover, null)).status).toBe(200);
    expect((await get(cover, null)).headers.get('cache-control')).toContain('public');
    expect((await get(audioId, null)).status).toBe(401);
    expect((await get(audioId, student)).status).toBe(403);
    await Enrollment.create({ userId: student.actor.id, courseId });
    const ok = await get(audioId, student);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('private');
    // An unpublished lesson hides its file again.
    await Lesson.update({ isPublished: false }, { where: { mediaFileId: audioId } });
    expect((await get(audioId, student)).status).toBe(404);
  });
});
