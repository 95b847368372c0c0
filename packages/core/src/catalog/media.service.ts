// Uploads (streamed, checked by content, size-limited per category) and access-checked reads.
import { randomUUID } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import { Course, CourseModule, Enrollment, Lesson, MediaFile, MediaRendition, type MediaStatus, type RenditionKind } from '@mdsc/db';
import { MEDIA_IMAGE_MAX_PIXELS, MEDIA_SIZE_LIMITS, type CourseMediaListInput, type FileCategory } from '@mdsc/validators';
import { fileTypeFromBuffer } from 'file-type';
import { Op } from 'sequelize';
import sharp from 'sharp';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { outboxJob } from '../outbox/writer';
import { assertAuthor, loadEditableCourse } from './access';
import { toMediaRef, type MediaRefDto } from './curriculum-dto';
import { chooseMediaCategory, normalizeMime, safeOriginalName } from './media-rules';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'jobs' | 'clock' | 'logger'>;

/** The start of an upload, read before anything is stored: the type is sniffed from it (Office
 * formats are zips whose telling entry may be a few KB in) and an image's dimensions are read from
 * its header in it (a JPEG's EXIF and ICC blocks may come before its size). */
const HEAD_BYTES = 256 * 1024;

/** A refused upload, with a machine-readable reason (the `file` field is always the culprit). */
export class UploadRejectedError extends ValidationError {
  constructor(
    readonly reason: 'empty_file' | 'upload_incomplete' | 'type_not_allowed' | 'image_too_large' | 'image_unreadable',
    message: string,
  ) {
    super('file', message);
    this.details!.reason = reason;
  }
}

export class MediaTooLargeError extends ValidationError {
  constructor(readonly limit: number) {
    super('file', `File too large (limit ${Math.round(limit / 1024 / 1024)} MB for this kind of file)`);
  }
}

export interface UploadMediaInput {
  courseId: number;
  lessonId?: number;
  category?: FileCategory;
  filename: string | undefined;
  stream: Readable;
}

export interface MediaDto extends MediaRefDto {
  courseId: number | null;
  lessonId: number | null;
  fileSize: number;
  /** `processing`: an image the worker has not re-encoded yet (readable by its uploader only). */
  status: MediaStatus;
  metadata: Record<string, unknown> | null;
}

export function toMediaDto(m: MediaFile): MediaDto {
  return {
    ...toMediaRef(m)!,
    courseId: m.courseId ?? null,
    lessonId: m.lessonId ?? null,
    fileSize: Number(m.fileSize),
    status: m.status,
    metadata: m.metadata ?? null,
  };
}

/** Counts bytes through and fails the stream as soon as `limit` is passed. */
function byteLimit(limit: number): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      if (t.bytes > limit) cb(new MediaTooLargeError(limit));
      else cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/** Thrown when the upload itself fails (a multipart body cut before its end, a dropped connection). */
class SourceError extends Error {}

/**
 * Reads the first `bytes` of a stream (fewer if it ends sooner), then gives the whole stream back,
 * head included. An error of the source comes out of both as a SourceError (the client's fault,
 * not ours); destroying the returned stream destroys the source.
 */
async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; ended: boolean; whole: Readable }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const next = () =>
    it.next().catch((err: unknown) => {
      throw new SourceError(err instanceof Error ? err.message : String(err));
    });
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const r = await next();
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    try {
      if (head.length) yield head;
      if (ended) return;
      for (let r = await next(); !r.done; r = await next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }
  return { head, ended, whole: Readable.from(all(), { objectMode: false }) };
}

/**
 * An image's size from its header (no decoding), refused over MEDIA_IMAGE_MAX_PIXELS (all frames of
 * an animation together). A header that does not fit in the head (rare: huge metadata blocks, long
 * GIFs) is left to the worker, which checks the same limit before decoding.
 */
async function assertImageSize(head: Buffer, complete: boolean): Promise<{ width: number; height: number } | null> {
  const meta = await sharp(head, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta) {
    if (complete) throw new UploadRejectedError('image_unreadable', 'Not a readable image');
    return null;
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const pixels = width * height * (meta.pages ?? 1);
  if (pixels > MEDIA_IMAGE_MAX_PIXELS) {
    throw new UploadRejectedError(
      'image_too_large',
      `Image too large: ${width}×${height} pixels${(meta.pages ?? 1) > 1 ? ` × ${meta.pages} frames` : ''} (limit ${MEDIA_IMAGE_MAX_PIXELS / 1_000_000} megapixels)`,
    );
  }
  return { width, height };
}

/**
 * Stores an uploaded file. Checks, in order: the actor may edit the course; the upload is not
 * empty; the content's magic bytes match an allowed type; an image's dimensions (read from its
 * header) stay under the pixel limit; the size stays under the category's limit while streaming;
 * the upload arrives whole. A refused upload leaves no object and no row. Images are then
 * re-encoded by the worker (and stay `processing`, readable by their uploader only, until then);
 * audio and video are probed for their duration.
 */
export async function uploadMedia(deps: Deps, actor: Actor, input: UploadMediaInput): Promise<MediaDto> {
  assertAuthor(actor);
  await loadEditableCourse(actor, input.courseId);
  if (input.lessonId) {
    const lesson = await Lesson.findOne({
      attributes: ['id'],
      where: { id: input.lessonId, courseId: input.courseId },
    });
    if (!lesson) throw new ValidationError('lessonId', 'Not a lesson of this course');
  }
  return receiveUpload(deps, actor, input);
}

/** Narrower rules for uploads made by someone other than the course's author (assignments). */
export interface UploadRules {
  /** The category for a detected type; null refuses it. Replaces the default choice. */
  category?: (detected: { ext: string; mime: string }) => FileCategory | null;
  /** A size limit below the category's, in bytes. */
  maxBytes?: number;
  /** Stored in the row's metadata (e.g. what the file was handed in for). */
  metadata?: Record<string, unknown>;
}

/**
 * The upload pipeline itself (every check below but the actor's right to upload, which the caller
 * has judged): content sniffing, allow-list, image size, streamed size limit, storage, row.
 */
export async function receiveUpload(
  deps: Deps,
  actor: Actor,
  input: UploadMediaInput,
  rules: UploadRules = {},
): Promise<MediaDto> {
  const originalFilename = safeOriginalName(input.filename);
  // The request stream fails when the multipart body ends before its closing boundary (or the
  // connection drops): that is the client's incomplete upload, not a server fault.
  const incomplete = (err: unknown) =>
    err instanceof SourceError
      ? new UploadRejectedError('upload_incomplete', 'The upload ended before the whole file was received')
      : err;
  const { head, ended, whole } = await peek(input.stream, HEAD_BYTES).catch((err: unknown) => {
    throw incomplete(err);
  });
  if (head.length === 0) {
    whole.destroy();
    throw new UploadRejectedError('empty_file', 'The file is empty');
  }
  let body: Readable | null = whole;
  try {
    const sniffed = await fileTypeFromBuffer(head);
    // file-type may add parameters ("audio/ogg; codecs=opus"): the allow-list and the stored type
    // use the bare type, the codec is kept in the metadata.
    const mime = sniffed ? normalizeMime(sniffed.mime) : null;
    const detected = sniffed && mime ? { ext: sniffed.ext, mime: mime.type, codecs: mime.codecs } : null;
    const category = rules.category
      ? detected
        ? rules.category(detected)
        : null
      : chooseMediaCategory(detected?.mime, input.category, originalFilename);
    if (!category || !detected) {
      throw new UploadRejectedError('type_not_allowed', `File type not allowed${sniffed ? ` (${sniffed.mime})` : ''}`);
    }
    const dimensions = category === 'image' ? await assertImageSize(head, ended) : null;
    const counter = byteLimit(Math.min(MEDIA_SIZE_LIMITS[category], rules.maxBytes ?? Infinity));
    const counted = pipeline(whole, counter, () => undefined); // errors reach `counter`, hence put()
    body = null;
    const facts = { originalFilename, detected, category, dimensions, extra: rules.metadata ?? {} };
    const media = await storeUpload(deps, actor, input, facts, counted, incomplete);
    return toMediaDto(media);
  } finally {
    if (body) {
      body.destroy();
      input.stream.destroy();
    }
  }
}

interface UploadFacts {
  originalFilename: string;
  detected: { ext: string; mime: string; codecs: string | null };
  category: FileCategory;
  dimensions: { width: number; height: number } | null;
  extra: Record<string, unknown>;
}

/** Streams the accepted upload to storage, then writes its row and queues its processing. */
async function storeUpload(
  deps: Deps,
  actor: Actor,
  input: UploadMediaInput,
  facts: UploadFacts,
  body: Readable,
  clientFault: (err: unknown) => unknown,
): Promise<MediaFile> {
  const { originalFilename, detected, category, dimensions, extra } = facts;
  const now = deps.clock.now();
  const name = `${randomUUID()}.${detected.ext}`;
  const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${name}`;
  let size: number;
  try {
    ({ size } = await deps.storage.put(key, body, { contentType: detected.mime }));
  } catch (err) {
    throw clientFault(err);
  }

  let media: MediaFile;
  try {
    media = await transact(deps, 'catalog.uploadMedia', async (transaction) => {
      const row = await MediaFile.create(
        {
          courseId: input.courseId,
          lessonId: input.lessonId ?? null,
          filename: name,
          originalFilename,
          fileType: detected.mime,
          fileCategory: category,
          fileSize: size,
          // An image is an untrusted original until the worker has re-encoded it.
          status: category === 'image' ? 'processing' : 'ready',
          storageType: deps.storage.driver,
          bucketName: deps.storage.bucket,
          storagePath: key,
          url: '/api/media/pending',
          thumbnailUrl: null,
          duration: null,
          metadata: { ...extra, ext: detected.ext, ...(detected.codecs ? { codecs: detected.codecs } : {}), ...(dimensions ?? {}) },
          uploadedBy: actor.id,
        },
        { transaction },
      );
      await row.update({ url: `/api/media/${row.id}` }, { transaction });
      // The processing job is part of the upload: written with the row, relayed after the commit.
      if (category === 'image') {
        await outboxJob(deps, transaction, 'media', 'process-image', { mediaFileId: row.id }, `process-image-${row.id}`);
      } else if (category === 'audio' || category === 'video') {
        await outboxJob(deps, transaction, 'media', 'probe-media', { mediaFileId: row.id }, `probe-media-${row.id}`);
      }
      if (category === 'video') {
        await outboxJob(deps, transaction, 'media', 'make-renditions', { mediaFileId: row.id }, `make-renditions-${row.id}`);
      }
      return row;
    });
  } catch (err) {
    await deps.storage.delete(key).catch(() => undefined);
    throw err;
  }
  return media;
}

/**
 * A course's media library for its instructor (or an admin): the files uploaded to it, newest
 * first, optionally of one category (the rich-text editor picks images there). Failed files are
 * left out: they are served to no one.
 */
export async function listCourseMedia(actor: Actor, input: CourseMediaListInput): Promise<MediaDto[]> {
  assertAuthor(actor);
  await loadEditableCourse(actor, input.courseId);
  const rows = await MediaFile.findAll({
    where: {
      courseId: input.courseId,
      status: { [Op.ne]: 'failed' },
      ...(input.category ? { fileCategory: input.category } : {}),
    },
    order: [
      ['uploadedAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: input.limit,
  });
  return rows.map(toMediaDto);
}

export interface MediaAccess {
  media: MediaFile;
  /** true: anyone may read it (public course images); false: a personal, private response. */
  isPublic: boolean;
}

/**
 * Who may read a file: its course's instructor, admins and the uploader always. Others only when
 * the course is published, and then: the course's own images and trailer (thumbnail, video, module
 * images) for everyone; anything else is lesson material, for enrolled students only, and only
 * when no lesson using it is unpublished. Unknown and hidden files are both "not found".
 * Then its state: an image the worker has not re-encoded yet is an untrusted original, served to
 * its uploader only (others get CONFLICT `media_processing`, to retry); a file that could not be
 * processed is served to no one (CONFLICT `media_failed`).
 */
export async function authorizeMediaRead(actor: Actor | null, id: number): Promise<MediaAccess> {
  const access = await authorizeByCourse(actor, id);
  const { media } = access;
  if (media.status === 'failed') {
    throw new ConflictError('This file could not be processed', { reason: 'media_failed' });
  }
  if (media.status === 'processing' && media.uploadedBy !== actor?.id) {
    throw new ConflictError('This file is being processed', { reason: 'media_processing' });
  }
  return access;
}

async function authorizeByCourse(actor: Actor | null, id: number): Promise<MediaAccess> {
  const media = await MediaFile.findByPk(id, {
    include: [
      {
        model: Course,
        as: 'course',
        attributes: ['id', 'instructorId', 'isPublished', 'thumbnailUrl', 'videoUrl'],
      },
    ],
  });
  if (!media) throw new NotFoundError('Media', { id });
  const course = media.course;
  if (
    actor &&
    (media.uploadedBy === actor.id || actor.role === 'admin' || (course && course.instructorId === actor.id))
  ) {
    return { media, isPublic: false };
  }
  // Work handed in for an assignment: its author and the graders above, nobody else.
  if (media.metadata?.assignmentLessonId) throw new NotFoundError('Media', { id });
  if (!course || !course.isPublished) throw new NotFoundError('Media', { id });
  const url = `/api/media/${media.id}`;
  const lessonIds = media.lessonId ? [media.lessonId] : [];
  const [usingLessons, moduleImage] = await Promise.all([
    Lesson.findAll({
      attributes: ['id', 'isPublished', 'deletedAt'],
      where: { courseId: course.id, [Op.or]: [{ mediaFileId: media.id }, { id: lessonIds }] },
      paranoid: false,
    }),
    CourseModule.findOne({ attributes: ['id'], where: { courseId: course.id, imageUrl: url } }),
  ]);
  const lessons = usingLessons.filter((l) => !l.deletedAt);
  const courseImage = course.thumbnailUrl === url || course.videoUrl === url || !!moduleImage;
  if (courseImage && lessons.length === 0) return { media, isPublic: true };
  if (lessons.some((l) => !l.isPublished)) throw new NotFoundError('Media', { id });
  if (!actor) throw new UnauthorizedError('Log in to access this file');
  const enrolled = await Enrollment.findOne({
    attributes: ['id'],
    where: { userId: actor.id, courseId: course.id, isActive: true },
  });
  if (!enrolled) throw new ForbiddenError('Enrol in this course to access its files');
  return { media, isPublic: false };
}

export type MediaVariant = 'file' | 'thumbnail' | RenditionKind;

/**
 * The stored object behind a media row and its type: the file itself, its thumbnail once processed,
 * or one of its renditions once made (null when there is none).
 */
export async function mediaStorageKey(
  media: MediaFile,
  variant: MediaVariant,
): Promise<{ key: string; type: string } | null> {
  if (variant === 'file') return { key: media.storagePath, type: media.fileType };
  if (variant === 'thumbnail') {
    const thumb = media.metadata?.thumbnail as { key?: string } | undefined;
    return thumb?.key ? { key: thumb.key, type: 'image/webp' } : null;
  }
  const rendition = await MediaRendition.findOne({
    attributes: ['storagePath', 'fileType'],
    where: { mediaFileId: media.id, kind: variant },
  });
  return rendition ? { key: rendition.storagePath, type: rendition.fileType } : null;
}
