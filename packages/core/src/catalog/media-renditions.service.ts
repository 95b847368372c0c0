// Low-data mode (issue 17): lighter versions of uploaded videos (360p MP4, sound alone, poster),
// made by the worker with ffmpeg
// (queue `media`, job `make-renditions`, written to the outbox with the upload). ffmpeg is optional:
// without it the job logs one line and does nothing, and the players keep the original file.
import { execFile } from 'node:child_process';
import { constants as fsConstants, createReadStream, createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { MediaFile, MediaRendition, type RenditionKind } from '@mdsc/db';
import type { CoreDeps } from '../deps';

type Deps = Pick<CoreDeps, 'storage' | 'logger' | 'config'>;

const execFileAsync = promisify(execFile);

/**
 * On Linux, ffmpeg is started through util-linux's `setpriv --pdeathsig KILL`: the kernel kills it
 * when the worker dies (kill -9, OOM), instead of leaving an orphan encoding for nobody into a
 * temporary folder. Elsewhere (or without setpriv), ffmpeg runs directly.
 */
let setprivPath: Promise<string | null> | null = null;
function findSetpriv(): Promise<string | null> {
  setprivPath ??=
    process.platform !== 'linux'
      ? Promise.resolve(null)
      : (async () => {
          for (const file of ['/usr/bin/setpriv', '/bin/setpriv']) {
            if (await access(file, fsConstants.X_OK).then(() => true, () => false)) return file;
          }
          return null;
        })();
  return setprivPath;
}

async function run(ffmpeg: string, args: string[], opts: { maxBuffer: number }) {
  const setpriv = await findSetpriv();
  return setpriv
    ? execFileAsync(setpriv, ['--pdeathsig', 'KILL', '--', ffmpeg, ...args], opts)
    : execFileAsync(ffmpeg, args, opts);
}

/**
 * Temporary folders are named after the process that made them (pid and a token of this start):
 * a worker killed mid-job cannot remove its own, so the next job of any worker on this machine
 * removes those whose process is gone (or is this pid, restarted: another token).
 */
const TMP_PREFIX = 'mdsc-renditions-';
const BOOT_TOKEN = randomBytes(4).toString('hex');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function sweepStaleRenditionDirs(base = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(base).catch(() => [] as string[]);
  for (const name of names) {
    const m = new RegExp(`^${TMP_PREFIX}(\\d+)-([0-9a-f]+)-`).exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const stale = pid === process.pid ? m[2] !== BOOT_TOKEN : !processAlive(pid);
    if (!stale) continue;
    await rm(path.join(base, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

interface RenditionSpec {
  /** Suffix of the storage key, after the original's key without its extension. */
  suffix: string;
  fileType: string;
  needsAudio: boolean;
  args(input: string, output: string, source: MediaFacts): string[];
}

/**
 * The renditions made for each video. Bitrates: ~350 kbit/s of 360p H.264 plus 48 kbit/s of mono
 * AAC (~400 kbit/s in all, about 180 MB an hour) for the video; 48 kbit/s mono AAC (~22 MB an
 * hour) for the sound alone, enough for speech. AAC in MP4 plays in every browser, Safari included.
 * `+faststart` puts the index first, so playback starts before the whole file has arrived.
 */
export const RENDITION_SPECS: Record<RenditionKind, RenditionSpec> = {
  video_low: {
    suffix: '-360p.mp4',
    fileType: 'video/mp4',
    needsAudio: false,
    args: (input, output) => [
      '-i', input,
      '-map', '0:v:0', '-map', '0:a:0?',
      // Never upscaled; -2 keeps the width even (H.264 needs it).
      '-vf', "scale=-2:'min(360,ih)'",
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
      '-b:v', '350k', '-maxrate', '400k', '-bufsize', '800k',
      '-c:a', 'aac', '-b:a', '48k', '-ac', '1',
      '-movflags', '+faststart',
      output,
    ],
  },
  audio: {
    suffix: '-audio.m4a',
    fileType: 'audio/mp4',
    needsAudio: true,
    args: (input, output) => [
      '-i', input, '-vn', '-map', '0:a:0', '-c:a', 'aac', '-b:a', '48k', '-ac', '1', '-movflags', '+faststart', output,
    ],
  },
  // The player's poster (shown instead of loading the video when preload is "none"): one frame
  // a second in (or mid-way through a shorter video), 360 px high, JPEG.
  poster: {
    suffix: '-poster.jpg',
    fileType: 'image/jpeg',
    needsAudio: false,
    args: (input, output, source) => [
      '-ss', String(Math.min(1, (source.durationSeconds ?? 0) / 2)),
      '-i', input, '-frames:v', '1', '-vf', "scale=-2:'min(360,ih)'", '-q:v', '5', output,
    ],
  },
};

/**
 * The ffmpeg binary to use: FFMPEG_PATH when given (it must be executable), else `ffmpeg` found on
 * PATH, else null (renditions are skipped). Called by the apps' start-up with their environment.
 */
export async function resolveFfmpeg(explicit: string | undefined, searchPath: string | undefined): Promise<string | null> {
  const executable = (file: string) =>
    access(file, fsConstants.X_OK).then(
      () => true,
      () => false,
    );
  if (explicit) {
    if (await executable(explicit)) return explicit;
    throw new Error(`FFMPEG_PATH: ${explicit} is not an executable file`);
  }
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'ffmpeg');
    if (await executable(candidate)) return candidate;
  }
  return null;
}

/** What ffmpeg says of a file (from `ffmpeg -i`, which prints the streams and exits with 1). */
export interface MediaFacts {
  durationSeconds: number | null;
  /** Bits per second of the whole file. */
  bitrate: number | null;
  width: number | null;
  height: number | null;
  hasAudio: boolean;
}

export async function inspectMedia(ffmpeg: string, file: string): Promise<MediaFacts> {
  const out = await run(ffmpeg, ['-hide_banner', '-i', file], { maxBuffer: 4 * 1024 * 1024 }).then(
    (r) => r.stderr,
    (err: { stderr?: string }) => err.stderr ?? '',
  );
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(out);
  const durationSeconds = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null;
  const size = /Stream #\d+:\d+[^\n]*: Video: [^\n]*?, (\d{2,5})x(\d{2,5})/.exec(out);
  const { size: bytes } = await stat(file);
  return {
    durationSeconds,
    bitrate: durationSeconds ? Math.round((bytes * 8) / durationSeconds) : null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    hasAudio: /Stream #\d+:\d+[^\n]*: Audio: /.test(out),
  };
}

export function renditionKey(originalKey: string, kind: RenditionKind): string {
  return originalKey.replace(/\.[^./]+$/, '') + RENDITION_SPECS[kind].suffix;
}

/**
 * Makes the missing renditions of an uploaded video and records them (one row per kind, upserted).
 * Safe to run twice: a rendition whose row and stored object are both there is not made again, and
 * the keys are derived from the original's, so a run interrupted after storing a file overwrites it.
 * A video without a sound track gets no audio rendition (noted in the file's metadata). A file
 * ffmpeg cannot decode is noted (`metadata.renditionError`) and not retried: the same bytes would
 * fail the same way; storage errors throw and are retried like any job.
 */
export async function makeRenditions(deps: Deps, mediaFileId: number): Promise<'done' | 'skipped' | 'failed'> {
  const media = await MediaFile.findByPk(mediaFileId);
  if (!media || media.fileCategory !== 'video' || media.status === 'failed') return 'skipped';
  const ffmpeg = deps.config.ffmpegPath;
  if (!ffmpeg) {
    deps.logger.info({ mediaFileId }, 'video renditions skipped: ffmpeg not found (install it or set FFMPEG_PATH)');
    return 'skipped';
  }
  if (media.metadata?.renditionError) return 'skipped';
  const existing = await MediaRendition.findAll({ where: { mediaFileId } });
  const hasAudio = media.metadata?.hasAudio as boolean | undefined;
  const missing: RenditionKind[] = [];
  for (const kind of Object.keys(RENDITION_SPECS) as RenditionKind[]) {
    if (RENDITION_SPECS[kind].needsAudio && hasAudio === false) continue;
    const row = existing.find((r) => r.kind === kind);
    const stored = row ? await deps.storage.stat(row.storagePath) : null;
    if (!row || !stored || stored.size !== Number(row.fileSize)) missing.push(kind);
  }
  if (missing.length === 0) return 'skipped';

  const swept = await sweepStaleRenditionDirs();
  if (swept.length) deps.logger.info({ dirs: swept }, 'video renditions: removed the temporary folders of dead workers');
  const dir = await mkdtemp(path.join(tmpdir(), `${TMP_PREFIX}${process.pid}-${BOOT_TOKEN}-`));
  try {
    // ffmpeg needs to seek in its input (an MP4's index may be at its end): a local copy.
    const input = path.join(dir, 'input');
    const { stream } = await deps.storage.get(media.storagePath);
    await pipeline(stream, createWriteStream(input));
    const source = await inspectMedia(ffmpeg, input);
    if (!source.durationSeconds || source.width === null) {
      deps.logger.warn({ mediaFileId }, 'video renditions: ffmpeg cannot read this video');
      await media.update({ metadata: { ...(media.metadata ?? {}), renditionError: 'unreadable' } });
      return 'failed';
    }
    if (hasAudio !== source.hasAudio) {
      await media.update({ metadata: { ...(media.metadata ?? {}), hasAudio: source.hasAudio } });
    }
    for (const kind of missing) {
      const spec = RENDITION_SPECS[kind];
      if (spec.needsAudio && !source.hasAudio) continue;
      const output = path.join(dir, `out${path.extname(spec.suffix)}`);
      try {
        await run(ffmpeg, ['-y', '-hide_banner', '-loglevel', 'error', ...spec.args(input, output, source)], {
          maxBuffer: 4 * 1024 * 1024,
        });
      } catch (err) {
        deps.logger.warn({ mediaFileId, kind, err: (err as { stderr?: string }).stderr ?? err }, 'video renditions: ffmpeg failed');
        await media.update({ metadata: { ...(media.metadata ?? {}), renditionError: 'encode_failed' } });
        return 'failed';
      }
      const facts = await inspectMedia(ffmpeg, output);
      const key = renditionKey(media.storagePath, kind);
      const { size } = await deps.storage.put(key, createReadStream(output), { contentType: spec.fileType });
      await MediaRendition.upsert({
        mediaFileId,
        kind,
        storagePath: key,
        fileType: spec.fileType,
        fileSize: size,
        width: facts.width,
        height: facts.height,
        bitrate: facts.bitrate,
      });
      await rm(output, { force: true });
    }
    deps.logger.info({ mediaFileId, kinds: missing }, 'video renditions made');
    return 'done';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
