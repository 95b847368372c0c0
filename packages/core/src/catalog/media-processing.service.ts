// Background processing of uploads (worker, queue `media`). Both jobs are safe to run twice.
import type { Readable } from 'node:stream';
import { MediaFile } from '@mdsc/db';
import { parseStream } from 'music-metadata';
import { MEDIA_IMAGE_MAX_PIXELS } from '@mdsc/validators';
import sharp from 'sharp';
import type { CoreDeps } from '../deps';

type Deps = Pick<CoreDeps, 'storage' | 'logger'>;

const MAX_EDGE = 2560;
const THUMB_EDGE = 480;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Re-encodes an uploaded image to WebP (bounded size, EXIF orientation applied, metadata such as
 * GPS position dropped) and makes a WebP thumbnail; records both sizes and marks the row `ready`,
 * the first moment anyone but its uploader may read it. Re-encoding also defuses files that are
 * valid images and something else at once. The new files are written under new keys and the row
 * switched to them in one update before the original is deleted, so a reader always finds one of
 * the two; a run interrupted anywhere can be repeated. An image over the pixel limit (read from its
 * header, before any decoding), with an unreadable header or with undecodable data fails for good:
 * the row is marked `failed`, never served, and the job is not retried (storage errors are retried).
 */
export async function processImage(deps: Deps, mediaFileId: number): Promise<'done' | 'skipped' | 'failed'> {
  const media = await MediaFile.findByPk(mediaFileId);
  if (!media || media.fileCategory !== 'image' || media.status === 'failed') return 'skipped';
  const meta = media.metadata ?? {};
  if (meta.processed) {
    const original = meta.originalKey as string | undefined;
    if (original && original !== media.storagePath) await deps.storage.delete(original);
    if (media.status !== 'ready') await media.update({ status: 'ready' });
    return 'skipped';
  }
  const originalKey = media.storagePath;
  const { stream } = await deps.storage.get(originalKey);
  const input = await readAll(stream);

  const header = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  const pixels = header ? (header.width ?? 0) * (header.height ?? 0) * (header.pages ?? 1) : 0;
  if (!header || pixels > MEDIA_IMAGE_MAX_PIXELS) {
    const error = header ? 'pixel_limit' : 'unreadable';
    deps.logger.warn({ mediaFileId, error, width: header?.width, height: header?.height }, 'image refused by the worker');
    await media.update({
      status: 'failed',
      metadata: { ...meta, error, width: header?.width ?? null, height: header?.height ?? null },
    });
    return 'failed';
  }

  const base = originalKey.replace(/\.[^./]+$/, '');
  const mainKey = `${base}-web.webp`;
  const thumbKey = `${base}-thumb.webp`;
  const limitInputPixels = MEDIA_IMAGE_MAX_PIXELS;
  let encoded;
  try {
    const main = await sharp(input, { animated: true, limitInputPixels })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    const thumb = await sharp(input, { limitInputPixels })
      .rotate()
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    encoded = { main, thumb, mainInfo: await sharp(main).metadata() };
  } catch (err) {
    // The same bytes would fail the same way on every retry (corrupt image data): fail for good.
    deps.logger.warn({ mediaFileId, err }, 'image could not be re-encoded');
    await media.update({ status: 'failed', metadata: { ...meta, error: 'undecodable' } });
    return 'failed';
  }
  const { main, thumb, mainInfo } = encoded;

  await deps.storage.put(mainKey, main, { contentType: 'image/webp' });
  await deps.storage.put(thumbKey, thumb.data, { contentType: 'image/webp' });
  await media.update({
    status: 'ready',
    storagePath: mainKey,
    filename: mainKey.split('/').pop()!,
    fileType: 'image/webp',
    fileSize: main.length,
    thumbnailUrl: `/api/media/${media.id}/thumbnail`,
    metadata: {
      ...meta,
      processed: true,
      width: mainInfo.width,
      height: mainInfo.pageHeight ?? mainInfo.height,
      pages: mainInfo.pages ?? 1,
      originalKey,
      originalType: media.fileType,
      thumbnail: {
        key: thumbKey,
        width: thumb.info.width,
        height: thumb.info.height,
        size: thumb.data.length,
      },
    },
  });
  await deps.storage.delete(originalKey);
  return 'done';
}

/** Reads the duration (and codec details) of an audio or video file without loading it whole. */
export async function probeMedia(deps: Deps, mediaFileId: number): Promise<'done' | 'skipped'> {
  const media = await MediaFile.findByPk(mediaFileId);
  if (!media || (media.fileCategory !== 'audio' && media.fileCategory !== 'video')) return 'skipped';
  if (media.metadata?.probed) return 'skipped';
  const { stream, size } = await deps.storage.get(media.storagePath);
  try {
    const info = await parseStream(
      stream,
      { mimeType: media.fileType, size },
      { duration: true, skipCovers: true },
    );
    const f = info.format;
    await media.update({
      duration: f.duration !== undefined ? Math.round(f.duration) : null,
      metadata: {
        ...(media.metadata ?? {}),
        probed: true,
        container: f.container ?? null,
        codec: f.codec ?? null,
        bitrate: f.bitrate ? Math.round(f.bitrate) : null,
        sampleRate: f.sampleRate ?? null,
        channels: f.numberOfChannels ?? null,
        durationSeconds: f.duration ?? null,
      },
    });
  } finally {
    stream.destroy();
  }
  return 'done';
}
