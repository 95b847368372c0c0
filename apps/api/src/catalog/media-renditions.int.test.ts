// Low-data renditions (issue 17) in full mode: a real MP4 made by ffmpeg is uploaded over HTTP, the
// upload's outbox row queues `make-renditions` on BullMQ, the worker's media processor runs real
// ffmpeg, and ffprobe checks what it made. Then: a second run changes nothing, the lesson DTO lists
// the renditions, the file route serves them under the file's own access rules, and without ffmpeg
// the job logs one line and does nothing.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  getLessonForLearner,
  makeRenditions,
  resolveFfmpeg,
  runRepairSweep,
  type CoreDeps,
} from '@mdsc/core';
import { Course, Enrollment, Lesson, MediaFile, MediaRendition, OutboxMessage } from '@mdsc/db';
import type { Role } from '@mdsc/validators';
import { createProcessors } from '@mdsc/worker';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../runtime';
import { auth, closeMediaRuntime, courseOf, person as personOf, startMediaRuntime, waitFor as waitUntil, type Person } from '../testing/media-harness';
import { postFile } from '../testing/multipart';

const run = randomBytes(4).toString('hex');
const prefix = `mdsc-test-renditions-${run}`;
let rt: Runtime;
let app: FastifyInstance;
let worker: Worker;
let base: string;
let dataDir: string;
let owner: Person;
let student: Person;
let outsider: Person;
let courseId: number;

const person = (role: Role) => personOf(role, run);
const waitFor = <T>(fn: () => Promise<T | null | undefined | false>) => waitUntil(fn, 100_000);

/** A 2 s 960×540 test pattern with a tone, H.264/AAC at a high bitrate (what an instructor uploads). */
function sourceVideo(dir: string, withAudio = true): Buffer {
  const file = path.join(dir, withAudio ? 'source.mp4' : 'silent.mp4');
  execFileSync('ffmpeg', [
    '-y', '-hide_banner', '-loglevel', 'error',
    '-f', 'lavfi', '-i', 'testsrc2=size=960x540:rate=25:duration=2',
    ...(withAudio ? ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '3000k', '-pix_fmt', 'yuv420p',
    ...(withAudio ? ['-c:a', 'aac', '-b:a', '128k'] : []),
    '-shortest', file,
  ]);
  return fs.readFileSync(file);
}

interface Probed {
  format: { bit_rate: string; duration: string; format_name: string };
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; bit_rate?: string }[];
}
const ffprobe = (file: string): Probed =>
  JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], {
      encoding: 'utf8',
    }),
  ) as Probed;

const stored = (key: string) => path.join(dataDir, 'uploads', key);

beforeAll(async () => {
  ({ rt, app, worker, dataDir, base } = await startMediaRuntime(prefix, { PATH: process.env.PATH }));
  owner = await person('instructor');
  student = await person('student');
  outsider = await person('student');
  courseId = await courseOf(owner, 'Rendus', 'rendus', run);
});

afterAll(() => closeMediaRuntime({ app, worker, rt, prefix, dataDir }));

// ffmpeg on a shared machine can take a while: generous limits (nothing here measures speed).
describe('video renditions', { timeout: 150_000 }, () => {
  let mediaId: number;

  it('finds ffmpeg on PATH, refuses a FFMPEG_PATH that is not executable, and is null without it', async () => {
    expect(rt.deps.config.ffmpegPath).toMatch(/ffmpeg$/);
    await expect(resolveFfmpeg(undefined, '/nonexistent:/also-missing')).resolves.toBeNull();
    await expect(resolveFfmpeg('/nonexistent/ffmpeg', process.env.PATH)).rejects.toThrow(/FFMPEG_PATH/);
  });

  it('makes a 360p ~400 kbit/s H.264/AAC MP4, a mono AAC audio track and a poster of an uploaded video', async () => {
    const data = sourceVideo(dataDir);
    const res = await postFile(`${base}/api/media?courseId=${courseId}`, { name: 'cours.mp4', type: 'video/mp4', data }, auth(owner));
    expect(res.status).toBe(201);
    mediaId = res.body.id as number;
    const rows = await waitFor(async () => {
      const r = await MediaRendition.findAll({ where: { mediaFileId: mediaId }, order: [['kind', 'ASC']] });
      return r.length === 3 ? r : null;
    });
    const [audio, poster, low] = rows;
    expect(rows.map((r) => r.kind)).toEqual(['audio', 'poster', 'video_low']);
    expect(poster).toMatchObject({ fileType: 'image/jpeg', width: 640, height: 360 });
    expect(fs.readFileSync(stored(poster.storagePath)).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const video = ffprobe(stored(low.storagePath));
    const v = video.streams.find((s) => s.codec_type === 'video')!;
    expect(v.codec_name).toBe('h264');
    expect(v.height).toBe(360);
    expect(v.width).toBe(640);
    expect(video.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    const videoBitrate = Number(video.format.bit_rate);
    // The source is ~3 Mbit/s; the rendition's whole-file rate stays at or under ~400 kbit/s (+10 %).
    expect(videoBitrate).toBeLessThan(440_000);
    expect(low).toMatchObject({ width: 640, height: 360, fileType: 'video/mp4' });
    expect(Number(low.fileSize)).toBe(fs.statSync(stored(low.storagePath)).size);
    expect(Number(low.fileSize)).toBeLessThan(data.length / 4);

    const sound = ffprobe(stored(audio.storagePath));
    expect(sound.streams).toHaveLength(1);
    expect(sound.streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'aac' });
    expect(Number(sound.format.bit_rate)).toBeLessThan(64_000);
    expect(Number(sound.format.bit_rate)).toBeGreaterThan(24_000);
    expect(audio).toMatchObject({ width: null, height: null, fileType: 'audio/mp4' });
  });

  it('changes nothing when run a second time', async () => {
    const before = await MediaRendition.findAll({ where: { mediaFileId: mediaId }, order: [['id', 'ASC']], raw: true });
    const files = before.map((r) => fs.statSync(stored(r.storagePath)).mtimeMs);
    const mediaBefore = (await MediaFile.findByPk(mediaId, { raw: true }))!;
    expect(await makeRenditions(rt.deps, mediaId)).toBe('skipped');
    expect(await MediaRendition.findAll({ where: { mediaFileId: mediaId }, order: [['id', 'ASC']], raw: true })).toEqual(before);
    expect(before.map((r) => fs.statSync(stored(r.storagePath)).mtimeMs)).toEqual(files);
    expect(await MediaFile.findByPk(mediaId, { raw: true })).toEqual(mediaBefore);
  });

  it('makes again a rendition whose file went missing, under the same key and row', async () => {
    const low = (await MediaRendition.findOne({ where: { mediaFileId: mediaId, kind: 'video_low' } }))!;
    fs.rmSync(stored(low.storagePath));
    expect(await makeRenditions(rt.deps, mediaId)).toBe('done');
    const again = (await MediaRendition.findOne({ where: { mediaFileId: mediaId, kind: 'video_low' } }))!;
    expect(again.id).toBe(low.id);
    expect(again.storagePath).toBe(low.storagePath);
    expect(fs.existsSync(stored(low.storagePath))).toBe(true);
    expect(await MediaRendition.count({ where: { mediaFileId: mediaId } })).toBe(3);
  });

  it('is queued again by the repair sweep when a video has no rendition row', async () => {
    await MediaRendition.destroy({ where: { mediaFileId: mediaId, kind: 'video_low' } });
    const report = await runRepairSweep(rt.deps, { olderThanMs: 0 });
    expect(report.media).toBeGreaterThanOrEqual(1);
    const back = await waitFor(() => MediaRendition.findOne({ where: { mediaFileId: mediaId, kind: 'video_low' } }));
    expect(back.height).toBe(360);
    // Once it has its renditions, the next sweep leaves it alone.
    const queued = async () =>
      (await OutboxMessage.findAll({ where: { jobName: 'make-renditions' } })).filter((o) =>
        o.jobId?.startsWith(`make-renditions-${mediaId}-r`),
      ).length;
    expect(await queued()).toBe(1);
    await runRepairSweep(rt.deps, { olderThanMs: 0 });
    expect(await queued()).toBe(1);
  });

  it('lists the renditions in the lesson and serves them to enrolled students only', async () => {
    const lesson = await Lesson.create({
      courseId,
      title: 'Vidéo',
      contentType: 'video',
      mediaFileId: mediaId,
      orderIndex: 1,
      isPublished: true,
    } as Lesson);
    await Course.update({ isPublished: true }, { where: { id: courseId } });
    await Enrollment.create({ userId: student.actor.id, courseId });

    const view = await getLessonForLearner(rt.deps, student.actor, lesson.id);
    const renditions = view.lesson.content!.media!.renditions;
    expect(renditions.map((r) => r.kind)).toEqual(['audio', 'poster', 'video_low']);
    expect(view.lesson.content!.media!.thumbnail).toEqual({ url: `/api/media/${mediaId}/renditions/poster`, width: 640, height: 360 });
    const low = renditions.find((r) => r.kind === 'video_low')!;
    expect(low).toMatchObject({ url: `/api/media/${mediaId}/renditions/video_low`, fileType: 'video/mp4', height: 360 });

    const get = (url: string, who: { token: string } | null, headers: Record<string, string> = {}) =>
      fetch(`${base}${url}`, { headers: { ...auth(who), ...headers } });
    const ok = await get(low.url, student, { range: 'bytes=0-99' });
    expect(ok.status).toBe(206);
    expect(ok.headers.get('content-type')).toBe('video/mp4');
    expect(ok.headers.get('content-range')).toBe(`bytes 0-99/${low.fileSize}`);
    const audio = await get(`/api/media/${mediaId}/renditions/audio`, student);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mp4');
    expect((await get(low.url, outsider)).status).toBe(403);
    expect((await get(low.url, null)).status).toBe(401);
    expect((await get(`/api/media/${mediaId}/renditions/original`, student)).status).toBe(404);
  });

  it('makes no audio rendition of a silent video, and remembers it', async () => {
    const data = sourceVideo(dataDir, false);
    const res = await postFile(`${base}/api/media?courseId=${courseId}`, { name: 'muet.mp4', type: 'video/mp4', data }, auth(owner));
    const id = res.body.id as number;
    const rows = await waitFor(async () => {
      const m = await MediaFile.findByPk(id);
      const r = await MediaRendition.findAll({ where: { mediaFileId: id } });
      return m?.metadata?.hasAudio === false && r.length === 2 ? r : null;
    });
    expect(rows.map((r) => r.kind).sort()).toEqual(['poster', 'video_low']);
    expect(await makeRenditions(rt.deps, id)).toBe('skipped');
  });

  it('without ffmpeg: one log line, no failure, nothing written', async () => {
    const lines: { obj: unknown; msg?: string }[] = [];
    const logger = {
      info: (obj: unknown, msg?: string) => lines.push({ obj, msg }),
      warn: (obj: unknown, msg?: string) => lines.push({ obj, msg }),
      error: (obj: unknown, msg?: string) => lines.push({ obj, msg }),
    };
    const deps: CoreDeps = { ...rt.deps, logger, config: { ...rt.deps.config, ffmpegPath: null } };
    const data = sourceVideo(dataDir);
    const row = await MediaFile.create({
      courseId,
      lessonId: null,
      filename: 'sans-ffmpeg.mp4',
      originalFilename: 'sans-ffmpeg.mp4',
      fileType: 'video/mp4',
      fileCategory: 'video',
      fileSize: data.length,
      storagePath: `tests/${run}/sans-ffmpeg.mp4`,
      url: '/api/media/pending',
      thumbnailUrl: null,
      duration: null,
      metadata: null,
      bucketName: null,
      uploadedBy: owner.actor.id,
    });
    await rt.deps.storage.put(row.storagePath, data);
    const media = createProcessors(deps).media!;
    await expect(media({ id: 'x', name: 'make-renditions', data: { mediaFileId: row.id }, attemptsMade: 0 })).resolves.toBe('skipped');
    expect(lines).toEqual([
      { obj: { mediaFileId: row.id }, msg: 'video renditions skipped: ffmpeg not found (install it or set FFMPEG_PATH)' },
    ]);
    expect(await MediaRendition.count({ where: { mediaFileId: row.id } })).toBe(0);
    expect(fs.readdirSync(path.dirname(stored(row.storagePath)))).toEqual(['sans-ffmpeg.mp4']);
  });
});
