// Uploads (streamed, checked by content, size-limited per category) and access-checked reads.
import { randomUUID } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { Course, CourseModule, Enrollment, Lesson, MediaFile } from '@mdsc/db';
import { MEDIA_SIZE_LIMITS, type FileCategory } from '@mdsc/validators';
import * as fileType from 'file-type';
import { Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { outboxJob } from '../outbox/writer';
import { assertAuthor, loadEditableCourse } from './access';
import { toMediaRef, type MediaRefDto } from './curriculum-dto';
import { chooseMediaCategory, safeOriginalName } from './media-rules';

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'jobs' | 'clock' | 'logger'>;

// Node resolves file-type's "node" export (Node streams); TypeScript's bundler resolution sees the
// browser typings, hence this signature, copied from file-type's index.d.ts.
const fileTypeStream = fileType.fileTypeStream as unknown as (
  stream: Readable,
  options?: { sampleSize?: number },
) => Promise<Readable & { readonly fileType?: { ext: string; mime: string } }>;

/** Sniffing needs the start of the file; Office formats are zips whose telling entry may be a
 * few KB in, hence more than file-type's 4 KB default. */
const SNIFF_BYTES = 64 * 1024;

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
  metadata: Record<string, unknown> | null;
}

export function toMediaDto(m: MediaFile): MediaDto {
  return {
    ...toMediaRef(m)!,
    courseId: m.courseId ?? null,
    lessonId: m.lessonId ?? null,
    fileSize: Number(m.fileSize),
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

/**
 * Stores an uploaded file. Checks, in order: the actor may edit the course, the content's magic
 * bytes match an allowed type, the size stays under the category's limit while streaming. A
 * refused upload leaves no object and no row. Images and audio/video are then processed by the
 * worker (WebP re-encoding and thumbnail; duration).
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
  const originalFilename = safeOriginalName(input.filename);
  const sniffed = await fileTypeStream(input.stream, { sampleSize: SNIFF_BYTES });
  const detected = sniffed.fileType;
  const category = chooseMediaCategory(detected?.mime, input.category, originalFilename);
  if (!category || !detected) {
    sniffed.destroy();
    throw new ValidationError('file', `File type not allowed${detected ? ` (${detected.mime})` : ''}`);
  }
  const limit = MEDIA_SIZE_LIMITS[category];
  const counter = byteLimit(limit);
  const body = pipeline(sniffed, counter, () => undefined); // errors reach `counter`, hence put()
  const now = deps.clock.now();
  const name = `${randomUUID()}.${detected.ext}`;
  const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${name}`;
  const { size } = await deps.storage.put(key, body, { contentType: detected.mime });

  let media: MediaFile;
  try {
    media = await deps.db.sequelize.transaction(async (transaction) => {
      const row = await MediaFile.create(
        {
          courseId: input.courseId,
          lessonId: input.lessonId ?? null,
          filename: name,
          originalFilename,
          fileType: detected.mime,
          fileCategory: category,
          fileSize: size,
          storageType: deps.storage.driver,
          bucketName: deps.storage.bucket,
          storagePath: key,
          url: '/api/media/pending',
          thumbnailUrl: null,
          duration: null,
          metadata: { ext: detected.ext },
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
      return row;
    });
  } catch (err) {
    await deps.storage.delete(key).catch(() => undefined);
    throw err;
  }
  return toMediaDto(media);
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
 */
export async function authorizeMediaRead(actor: Actor | null, id: number): Promise<MediaAccess> {
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

/** The stored object behind a media row: the file itself, or its thumbnail once processed. */
export function mediaStorageKey(media: MediaFile, variant: 'file' | 'thumbnail'): string | null {
  if (variant === 'file') return media.storagePath;
  const thumb = media.metadata?.thumbnail as { key?: string } | undefined;
  return thumb?.key ?? null;
}
