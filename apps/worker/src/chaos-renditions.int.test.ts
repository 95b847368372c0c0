// Kill -9 test of the `media/make-renditions` job (issue 17's low-data renditions): the worker is
// killed while ffmpeg encodes, started again, and the job comes back (stalled). The renditions must
// end up made once: one row per kind, each naming a complete file, nothing stored while the encode
// was cut, no ffmpeg left running for nobody, and no temporary folder left behind.
// Real processes (testing/processes.ts) on MariaDB and Redis; needs ffmpeg on PATH.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Category, Course, MediaFile, MediaRendition, User } from '@mdsc/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosEnvironment, type ChaosEnv } from './testing/chaos-env';
import { kill9, stop, waitFor, type Proc } from './testing/processes';

const exec = promisify(execFile);
const run = randomBytes(4).toString('hex');
const PREFIX = `mdsc-test-chaos-rend-${run}`;
const WORKER = { WORKER_MAX_STALLED_COUNT: '3' };

let env: ChaosEnv;
/** The worker processes' TMPDIR: only this test's temporary folders are in it. */
let tmp: string;
let worker: Proc;

/** Our temporary folders in the workers' TMPDIR (tsx keeps its cache there too). */
const renditionDirs = async () => (await fs.readdir(tmp)).filter((n) => n.startsWith('mdsc-renditions-'));

/** Processes whose command line mentions `needle` (from /proc), with their command line. */
async function processesWith(needle: string): Promise<{ pid: number; cmd: string }[]> {
  const out: { pid: number; cmd: string }[] = [];
  for (const name of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmd = await fs.readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    const state = await fs.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // A zombie (Z) is dead already, waiting for its parent to read its status.
    if (cmd.includes(needle) && !/^\d+ \(.*\) Z/.test(state)) out.push({ pid: Number(name), cmd: cmd.replaceAll('\0', ' ') });
  }
  return out;
}

beforeAll(async () => {
  env = await chaosEnvironment({
    prefix: PREFIX,
    publicUrl: 'http://app.mdsc.test',
    pool: 5,
    env: async (dataDir) => {
      tmp = path.join(dataDir, 'tmp');
      await fs.mkdir(tmp);
      return { TMPDIR: tmp };
    },
  });
  worker = await env.procs.startWorker(WORKER);
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('chaos: kill -9 the worker while ffmpeg makes the renditions', () => {
  it('makes each rendition once, stores only whole files, leaves no ffmpeg and no temporary folder', { timeout: 300_000 }, async () => {
    const owner = await User.create({ email: `inst-${run}@chaos.test`, password: 'x', firstName: 'Ina', lastName: 'Prof', role: 'instructor', isEmailVerified: true });
    const category = await Category.create({ name: `Chaos renditions ${run}`, color: '#1f7a4d' });
    const course = await Course.create({ title: `Vidéo ${run}`, slug: `video-${run}`, instructorId: owner.id, categoryId: category.id, isPublished: true });
    // A 720p video long enough for the 360p encode to take a while, with a sound track.
    const key = `tests/${run}/cours.mp4`;
    const file = path.join(env.dataDir, 'uploads', key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await exec('ffmpeg', [
      '-y', '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=45',
      '-f', 'lavfi', '-i', 'sine=frequency=440:duration=45',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
    ]);
    const media = await MediaFile.create({
      courseId: course.id,
      lessonId: null,
      filename: 'cours.mp4',
      originalFilename: 'cours.mp4',
      fileType: 'video/mp4',
      fileCategory: 'video',
      fileSize: (await fs.stat(file)).size,
      storagePath: key,
      url: '/api/media/pending',
      thumbnailUrl: null,
      duration: null,
      metadata: null,
      bucketName: null,
      uploadedBy: owner.id,
    });
    const queue = new Queue('media', { connection: env.redis, prefix: PREFIX });
    try {
      const job = await queue.add('make-renditions', { mediaFileId: media.id }, { jobId: `make-renditions-${media.id}`, attempts: 3 });

      // The 360p encode is running (its temporary folder is in our TMPDIR): kill the worker.
      const encoding = await waitFor('ffmpeg encoding the 360p video', async () =>
        (await processesWith(tmp)).find((p) => p.cmd.includes('libx264')),
      30_000, 50);
      await kill9(worker);
      // ffmpeg dies with its worker (no orphan encoding for nobody): at once, long before an
      // orphan would have finished the encode on its own.
      await waitFor('no ffmpeg left running', async () => (await processesWith(tmp)).length === 0, 3_000);
      expect(encoding.pid).toBeGreaterThan(0);
      // …and nothing half-made was stored or recorded.
      expect(await renditionDirs()).toHaveLength(1);
      expect(await MediaRendition.count({ where: { mediaFileId: media.id } })).toBe(0);
      expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['cours.mp4']);

      worker = await env.procs.startWorker(WORKER);
      await waitFor('the renditions job done', async () => (await queue.getJob(job.id!))?.isCompleted(), 240_000, 250);
    } finally {
      await queue.close();
    }

    const rows = await MediaRendition.findAll({ where: { mediaFileId: media.id }, order: [['kind', 'ASC']] });
    expect(rows.map((r) => r.kind).sort()).toEqual(['audio', 'poster', 'video_low']);
    for (const r of rows) {
      const stored = path.join(env.dataDir, 'uploads', r.storagePath);
      expect((await fs.stat(stored)).size).toBe(Number(r.fileSize));
      if (r.kind !== 'poster') {
        // A whole file: ffmpeg reads its full duration (a cut MP4 has no index and no duration).
        const info = await exec('ffmpeg', ['-hide_banner', '-i', stored]).then((x) => x.stderr, (e: { stderr: string }) => e.stderr);
        const d = /Duration: 00:00:(\d+(?:\.\d+)?)/.exec(info);
        expect(Number(d?.[1])).toBeGreaterThan(44);
      }
    }
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['cours-360p.mp4', 'cours-audio.m4a', 'cours-poster.jpg', 'cours.mp4']);
    // The killed run's temporary folder was removed by the next run, which removed its own.
    expect(await renditionDirs()).toEqual([]);
    expect(await fs.readdir(path.join(env.dataDir, 'uploads', '.tmp')).catch(() => [])).toEqual([]);
    expect(worker.out.some((l) => l.includes('removed the temporary folders of dead workers'))).toBe(true);
    await stop(worker);
  });
});
