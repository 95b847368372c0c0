// Uploads and downloads over real HTTP in full mode: MariaDB, BullMQ on Redis with the worker's
// media processor, files on local disk. Refused uploads must leave no file and no row.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { processImage, type Actor } from '@mdsc/core';
import { Course, Enrollment, Lesson, MediaFile } from '@mdsc/db';
import type { Role } from '@mdsc/validators';
import { Queue, type Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../runtime';
import { auth, closeMediaRuntime, courseOf, mediaWorker, person as personOf, startMediaRuntime, waitFor } from '../testing/media-harness';
import { multipartParts, postFile, rawRequest } from '../testing/multipart';

const run = randomBytes(4).toString('hex');
const prefix = `mdsc-test-media-${run}`;
let rt: Runtime;
let app: FastifyInstance;
let worker: Worker;
let base: string;
let dataDir: string;
let owner: { actor: Actor; token: string };
let student: { actor: Actor; token: string };
let intruder: { actor: Actor; token: string };
let courseId: number;

const person = (role: Role) => personOf(role, run);

/** Every stored object under the uploads directory (temporary files included). */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'uploads');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
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

const startWorker = () => mediaWorker(rt, prefix);

beforeAll(async () => {
  ({ rt, app, worker, dataDir, base } = await startMediaRuntime(prefix));
  owner = await person('instructor');
  intruder = await person('instructor');
  student = await person('student');
  courseId = await courseOf(owner, 'Médias', 'medias', run);
});

afterAll(() => closeMediaRuntime({ app, worker, rt, prefix, dataDir }));

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
    expect(row.status).toBe('ready');
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
    await waitFor(async () => (await MediaFile.findByPk(cover))?.status === 'ready');
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

/**
 * A PNG that claims width × height: a valid signature and IHDR (with its CRC), a tiny IDAT and IEND.
 * Only the header matters: it is what both the upload check and the worker read before decoding.
 */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(4 * (1 + width * 3)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Open file descriptors of this process (the API server runs in it). */
const openFds = () => fs.readdirSync('/proc/self/fd').length;
const tmpFiles = () => storedFiles().filter((f) => f.startsWith('.tmp'));

/** A real two-second Ogg file made by ffmpeg (a sine tone) with the given audio codec. */
function ogg(codec: 'libopus' | 'libvorbis'): Buffer {
  const file = path.join(dataDir, `tone-${codec}-${randomBytes(3).toString('hex')}.ogg`);
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=2',
    '-c:a',
    codec,
    ...(codec === 'libopus' ? ['-b:a', '16k'] : ['-q:a', '0']),
    '-f',
    'ogg',
    '-y',
    file,
  ]);
  const data = fs.readFileSync(file);
  fs.rmSync(file);
  return data;
}

describe('Ogg audio', () => {
  // file-type names Ogg Opus "audio/ogg; codecs=opus": the parameter used to miss the allow-list.
  it.each([
    ['Opus', 'libopus', 'opus', 'opus'],
    ['Vorbis', 'libvorbis', 'ogg', null],
  ] as const)(
    'accepts Ogg %s as audio, stored and served as audio/ogg, its duration read',
    async (_n, codec, ext, codecs) => {
      const data = ogg(codec);
      const res = await upload(
        { name: `voix.${ext}`, type: 'application/octet-stream', data },
        owner,
        `courseId=${courseId}&category=audio`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ fileType: 'audio/ogg', fileCategory: 'audio', status: 'ready' });
      const id = res.body.id as number;
      const row = await waitFor(async () => {
        const m = await MediaFile.findByPk(id);
        return m?.metadata?.probed ? m : null;
      });
      expect(row.duration).toBe(2);
      expect(row.metadata).toMatchObject({ ext, ...(codecs ? { codecs } : {}) });
      expect(row.filename.endsWith(`.${ext}`)).toBe(true);
      const got = await fetch(`${base}/api/media/${id}`, { headers: auth(owner) });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('audio/ogg');
      expect(Buffer.from(await got.arrayBuffer())).toEqual(data);
    },
  );

  it('still refuses Ogg audio asked for as a video, and stores nothing', async () => {
    const before = storedFiles().length;
    const res = await upload(
      { name: 'voix.opus', type: 'audio/ogg', data: ogg('libopus') },
      owner,
      `courseId=${courseId}&category=video`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { field: 'file', reason: 'type_not_allowed' } });
    expect(storedFiles().length).toBe(before);
  });
});

describe('incomplete uploads', () => {
  it('answers a 0-byte upload with 400 at once, leaking no connection or file descriptor', async () => {
    const rows = await MediaFile.count();
    const files = storedFiles();
    const empty = () =>
      upload({ name: 'vide.png', type: 'image/png', data: Buffer.alloc(0) }, owner, `courseId=${courseId}`);
    const first = await empty();
    expect(first).toEqual({ status: 400, body: { error: { message: 'The file is empty', field: 'file', reason: 'empty_file' } } });
    // Warm the database pool, then count: 30 more must not hold 30 descriptors.
    await Promise.all(Array.from({ length: 30 }, empty));
    const before = openFds();
    const answers = await Promise.all(Array.from({ length: 30 }, empty));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(400));
    await waitFor(async () => openFds() <= before + 5);
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('answers a multipart body cut before its end with 400 while the client waits, storing nothing', async () => {
    const rows = await MediaFile.count();
    const files = storedFiles();
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#345' } })
      .png()
      .toBuffer();
    const parts = multipartParts({ name: 'coupe.png', type: 'image/png', data: png });
    // The HTTP body is complete (its length is right) but the file part never ends: no boundary.
    const cut = [parts.head, png.subarray(0, Math.floor(png.length / 2))];
    const answer = await rawRequest(
      `${base}/api/media?courseId=${courseId}`,
      {
        ...auth(owner),
        'content-type': parts.contentType,
        'content-length': String(cut.reduce((n, c) => n + c.length, 0)),
      },
      cut,
    );
    expect(answer?.status).toBe(400);
    expect(JSON.parse(answer!.body)).toMatchObject({ error: { field: 'file', reason: 'upload_incomplete' } });
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('cleans up after a client that hangs up midway through a large upload', async () => {
    const rows = await MediaFile.count();
    const files = storedFiles();
    const before = openFds();
    const big = Buffer.concat([
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer(),
      randomBytes(3 * 1024 * 1024),
    ]);
    const parts = multipartParts({ name: 'gros.png', type: 'image/png', data: big });
    for (let i = 0; i < 3; i++) {
      await rawRequest(
        `${base}/api/media?courseId=${courseId}`,
        {
          ...auth(owner),
          'content-type': parts.contentType,
          'content-length': String(parts.head.length + big.length + parts.tail.length),
        },
        [parts.head, big.subarray(0, 1024 * 1024 + i * 100_000)],
        // Hang up once the server is writing the file (its temporary file exists).
        { hangUp: true, hangUpWhen: () => waitFor(async () => tmpFiles().length > 0) },
      );
      // The server notices: the temporary file goes, the descriptors are closed, no row is written.
      await waitFor(async () => tmpFiles().length === 0);
    }
    await waitFor(async () => openFds() <= before + 5);
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });
});

describe('image pixel limit', () => {
  it('refuses a 20000×20000 PNG from its header with 400 naming the reason, storing nothing', async () => {
    const rows = await MediaFile.count();
    const files = storedFiles();
    const bomb = pngHeaderOnly(20_000, 20_000);
    expect(bomb.length).toBeLessThan(2000); // tiny on the wire: only the header tells
    const res = await upload({ name: 'bombe.png', type: 'image/png', data: bomb });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { field: 'file', reason: 'image_too_large' } });
    expect((res.body.error as { message: string }).message).toContain('20000×20000');
    expect(await MediaFile.count()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('lets the worker fail such an image for good (no retries) and never serve it', async () => {
    // Readable by enrolled students, were it not for its state.
    await Course.update({ isPublished: true }, { where: { id: courseId } });
    await Enrollment.findOrCreate({ where: { userId: student.actor.id, courseId }, defaults: { userId: student.actor.id, courseId } });
    // One that got past the upload check (stored before the limit, or a header beyond the head).
    const key = `2026/01/bombe-${run}.png`;
    await rt.deps.storage.put(key, pngHeaderOnly(20_000, 20_000), { contentType: 'image/png' });
    const row = await MediaFile.create({
      courseId,
      lessonId: null,
      filename: path.basename(key),
      originalFilename: 'bombe.png',
      fileType: 'image/png',
      fileCategory: 'image',
      fileSize: 400,
      status: 'processing',
      storagePath: key,
      url: '/api/media/pending',
      thumbnailUrl: null,
      duration: null,
      metadata: { ext: 'png' },
      uploadedBy: owner.actor.id,
      bucketName: null,
    });
    const jobId = `process-image-${row.id}`;
    await rt.deps.jobs.enqueue('media', 'process-image', { mediaFileId: row.id }, { jobId });
    const failed = await waitFor(async () => {
      const m = await MediaFile.findByPk(row.id);
      return m?.status === 'failed' ? m : null;
    });
    expect(failed.metadata).toMatchObject({ error: 'pixel_limit', width: 20_000, height: 20_000 });
    const queue = new Queue('media', { connection: rt.redis!.duplicate(), prefix });
    try {
      const job = await waitFor(async () => {
        const j = await queue.getJob(jobId);
        return j?.finishedOn ? j : null;
      });
      expect(await job.getState()).toBe('completed');
      expect(job.returnvalue).toBe('failed');
      expect(job.attemptsMade).toBeLessThanOrEqual(1);
    } finally {
      await queue.close();
    }
    for (const who of [owner, student, null]) {
      const res = await fetch(`${base}/api/media/${row.id}`, { headers: auth(who) });
      // Access is judged first (anonymous: log in), then the state: failed for everyone.
      expect(res.status, `reader ${who ? who.actor.role : 'anonymous'}`).toBe(who ? 409 : 401);
    }
    const res = await fetch(`${base}/api/media/${row.id}`, { headers: auth(owner) });
    expect(await res.json()).toMatchObject({ error: { reason: 'media_failed' } });
  });
  it('fails for good an image whose header is fine but whose data cannot be decoded', async () => {
    const res = await upload({ name: 'abimee.png', type: 'image/png', data: pngHeaderOnly(100, 100) });
    expect(res.status).toBe(201); // the header is all the upload reads
    const id = res.body.id as number;
    const failed = await waitFor(async () => {
      const m = await MediaFile.findByPk(id);
      return m?.status === 'failed' ? m : null;
    });
    expect(failed.metadata).toMatchObject({ error: 'undecodable' });
    const read = await fetch(`${base}/api/media/${id}`, { headers: auth(owner) });
    expect(read.status).toBe(409);
    expect(await read.json()).toMatchObject({ error: { reason: 'media_failed' } });
  });
});

describe('originals and re-encoding', () => {
  it('serves an original to its uploader only until the worker has re-encoded it; reads during the switch never fail', async () => {
    // A published course whose thumbnail is the new image: anyone may read it once it is safe.
    await Course.update({ isPublished: true }, { where: { id: courseId } });
    await worker.close(true); // nothing processes it until we say so (none is running)
    // Noise: a large image (uncompressed PNG, quick to make), slower to re-encode, to widen the switch window.
    const noise = await sharp(randomBytes(900 * 700 * 3), { raw: { width: 900, height: 700, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const res = await upload({ name: 'bruit.png', type: 'image/png', data: noise });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('processing');
    const id = res.body.id as number;
    await Course.update({ thumbnailUrl: `/api/media/${id}` }, { where: { id: courseId } });

    const own = await fetch(`${base}/api/media/${id}`, { headers: auth(owner) });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await own.arrayBuffer()).equals(noise)).toBe(true); // (toEqual is slow on MBs)
    for (const who of [null, student, intruder]) {
      const other = await fetch(`${base}/api/media/${id}`, { headers: auth(who) });
      expect(other.status).toBe(409);
      expect(other.headers.get('retry-after')).toBe('5');
      expect(await other.json()).toMatchObject({ error: { reason: 'media_processing' } });
    }

    // Readers in a loop while the worker re-encodes, switches the row and deletes the original.
    const seen: { who: string; status: number; type: string | null; complete: boolean }[] = [];
    let stop = false;
    const reader = async (who: string, p: { token: string } | null) => {
      while (!stop) {
        const r = await fetch(`${base}/api/media/${id}`, { headers: auth(p) });
        const body = Buffer.from(await r.arrayBuffer());
        await new Promise((done) => setTimeout(done, 10)); // leave the worker some CPU
        seen.push({
          who,
          status: r.status,
          type: r.headers.get('content-type'),
          complete: r.status !== 200 || body.length === Number(r.headers.get('content-length')),
        });
      }
    };
    const readers = [reader('owner', owner), reader('owner', owner), reader('public', null), reader('public', null)];
    await new Promise((r) => setTimeout(r, 200));
    worker = startWorker();
    await waitFor(async () => (await MediaFile.findByPk(id))?.status === 'ready');
    const afterReady = seen.length;
    await waitFor(async () => seen.length > afterReady + 20);
    stop = true;
    await Promise.all(readers);

    expect(seen.filter((r) => r.status >= 500)).toEqual([]);
    expect(seen.every((r) => r.complete)).toBe(true);
    expect(new Set(seen.filter((r) => r.who === 'owner').map((r) => r.status))).toEqual(new Set([200]));
    const publicStatuses = seen.filter((r) => r.who === 'public').map((r) => r.status);
    expect(new Set(publicStatuses).size).toBeLessThanOrEqual(2);
    expect(publicStatuses.every((s) => s === 409 || s === 200)).toBe(true);
    expect(publicStatuses.at(-1)).toBe(200);
    // Once public, never again "processing"; and the public only ever got the re-encoded WebP.
    expect(publicStatuses.slice(publicStatuses.indexOf(200))).not.toContain(409);
    expect(new Set(seen.filter((r) => r.who === 'public' && r.status === 200).map((r) => r.type))).toEqual(
      new Set(['image/webp']),
    );
    // The original is gone; the re-encoded file and its thumbnail remain.
    const row = (await MediaFile.findByPk(id))!;
    expect(fs.existsSync(path.join(dataDir, 'uploads', row.metadata!.originalKey as string))).toBe(false);
  });
});

describe('a read caught in the switch to the re-encoded file', () => {
  /** Pauses the next read of `key` at `where` (before opening the file, or after), until released. */
  function pauseRead(key: string, where: 'before-open' | 'after-open') {
    const storage = rt.deps.storage;
    const real = storage.get.bind(storage);
    let reached!: () => void;
    let release!: () => void;
    const atPause = new Promise<void>((r) => (reached = r));
    const gate = new Promise<void>((r) => (release = r));
    storage.get = async (k, o) => {
      if (k !== key) return real(k, o);
      storage.get = real;
      if (where === 'before-open') {
        reached();
        await gate;
        return real(k, o);
      }
      const got = await real(k, o);
      reached();
      await gate;
      return got;
    };
    return { atPause, release };
  }

  async function processingImage(): Promise<MediaFile> {
    await worker.close(true);
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();
    const res = await upload({ name: 'bascule.png', type: 'image/png', data: png });
    expect(res.status).toBe(201);
    return (await MediaFile.findByPk(res.body.id as number))!;
  }

  it('serves the new file when the original is deleted between reading the row and opening the file', async () => {
    const row = await processingImage();
    const pause = pauseRead(row.storagePath, 'before-open');
    const read = fetch(`${base}/api/media/${row.id}`, { headers: auth(owner) });
    await pause.atPause;
    expect(await processImage(rt.deps, row.id)).toBe('done'); // switches the row, deletes the original
    expect(fs.existsSync(path.join(dataDir, 'uploads', row.storagePath))).toBe(false);
    pause.release();
    const res = await read;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('webp');
    worker = startWorker();
  });

  it('finishes sending a file that is deleted once opened', async () => {
    const row = await processingImage();
    const original = fs.readFileSync(path.join(dataDir, 'uploads', row.storagePath));
    const pause = pauseRead(row.storagePath, 'after-open');
    const read = fetch(`${base}/api/media/${row.id}`, { headers: auth(owner) });
    await pause.atPause;
    expect(await processImage(rt.deps, row.id)).toBe('done');
    pause.release();
    const res = await read;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
    worker = startWorker();
  });
});

describe('discussion attachments', () => {
  it('lets a member of the course upload an image or document for a post, and only them', async () => {
    const course = await Course.create({
      title: `Forum ${run}`,
      slug: `forum-${run}`,
      instructorId: owner.actor.id,
      categoryId: (await Course.findByPk(courseId))!.categoryId,
      description: 'd',
      isPublished: true,
    } as Course);
    const member = await person('student');
    const classmate = await person('student');
    const outsider = await person('student');
    await Enrollment.create({ userId: member.actor.id, courseId: course.id });
    await Enrollment.create({ userId: classmate.actor.id, courseId: course.id });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const query = `courseId=${course.id}&purpose=discussion`;
    const rows = await MediaFile.count();

    // Not a member: refused before anything is read or stored.
    expect((await upload({ name: 'notes.pdf', type: 'application/pdf', data: pdf }, outsider, query)).status).toBe(403);
    // A learner still may not add files to the course itself.
    expect((await upload({ name: 'notes.pdf', type: 'application/pdf', data: pdf }, member, `courseId=${course.id}`)).status).toBe(403);
    // Audio is not an attachment type; a document over 10 MB is refused midway.
    const audio = await upload({ name: 'voix.wav', type: 'audio/wav', data: wav(1) }, member, query);
    expect(audio.status).toBe(400);
    expect(audio.body).toMatchObject({ error: { field: 'file' } });
    const big = Buffer.concat([pdf, randomBytes(10 * 1024 * 1024)]);
    expect((await upload({ name: 'gros.pdf', type: 'application/pdf', data: big }, member, query)).status).toBe(413);
    expect(await MediaFile.count()).toBe(rows);

    const ok = await upload({ name: 'notes.pdf', type: 'application/pdf', data: pdf }, member, query);
    expect(ok.status).toBe(201);
    const media = ok.body as { id: number; fileCategory: string };
    expect(media.fileCategory).toBe('document');
    const row = await MediaFile.findByPk(media.id);
    expect(row).toMatchObject({ courseId: course.id, uploadedBy: member.actor.id });
    expect(row!.metadata).toMatchObject({ purpose: 'discussion' });
    // Course members read it; others do not.
    const read = (who: { token: string }) => fetch(`${base}/api/media/${media.id}`, { headers: auth(who) });
    expect((await read(classmate)).status).toBe(200);
    expect((await read(outsider)).status).toBe(403);

    // It joins the member's post (and nobody else's).
    const post = (who: { token: string }) =>
      fetch(`${base}/trpc/discussions.createThread`, {
        method: 'POST',
        headers: { ...auth(who), 'content-type': 'application/json' },
        body: JSON.stringify({ courseId: course.id, category: 'question', title: 'Mes notes', body: 'Voici mes notes.', attachmentIds: [media.id] }),
      });
    expect((await post(classmate)).status).toBe(400);
    const created = await post(member);
    expect(created.status).toBe(200);
  });
});
