// Background processing of uploads (worker, queue `media`). Both jobs are safe to run twice.
import type { Readable } from 'node:stream';
import { MediaFile } from '@mdsc/db';
import { parseStream } from 'music-metadata';
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
 * GPS position dropped) and makes a WebP thumbnail; records both sizes. Re-encoding also defuses
 * files that are valid images and something else at once. The original is deleted last, so a run
 * interrupted anywhere can be repeated.
 */
export async function processImage(deps: Deps, mediaFileId: number): Promise<'done' | 'skipped'> {
  const media = await MediaFile.findByPk(mediaFileId);
  if (!media || media.fileCategory !== 'image') return 'skipped';
  const meta = media.metadata ?? {};
  if (meta.processed) {
    const original = meta.originalKey as string | undefined;
    if (original && original !== media.storagePath) await deps.storage.delete(original);
    return 'skipped';
  }
  const originalKey = media.storagePath;
  const { stream } = await deps.storage.get(originalKey);
  const input = await readAll(stream);
  const base = originalKey.replace(/\.[^./]+$/, '');
  const mainKey = `${base}-web.webp`;
  const thumbKey = `${base}-thumb.webp`;

  const main = await sharp(input, { animated: true, limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const thumb = await sharp(input, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  const mainInfo = await sharp(main).metadata();

  await deps.storage.put(mainKey, main, { contentType: 'image/webp' });
  await deps.storage.put(thumbKey, thumb.data, { contentType: 'image/webp' });
  await media.update({
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
