// SCORM and H5P lessons: installing an uploaded package (safe extraction, manifest, storage),
// who may read its files, what the player needs to launch it, and the learner's CMI data.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Course, Enrollment, Lesson, LessonPackage, User, type PackageKind } from '@mdsc/db';
import type { Actor, CoreDeps } from '../deps';
import { isOwnerOrAdmin } from '../catalog/access';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';
import { transact } from '../transaction';
import { parsePackage, type ParsedPackage } from './manifest';
import { DEFAULT_ZIP_LIMITS, extractZipSafely, PackageRejectedError, type ZipLimits } from './safe-zip';
import { packageContentType, packageFileKey } from './storage-keys';

export interface PackageDto {
  id: number;
  lessonId: number;
  kind: PackageKind;
  version: string | null;
  title: string | null;
  masteryScore: number | null;
  fileCount: number;
  totalSize: number;
  /** Where the package's files are served (same origin), ending with "/". */
  baseUrl: string;
  /** The file the player opens (SCORM: the SCO; H5P: baseUrl itself). */
  launchUrl: string;
  updatedAt: string;
}

const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
const folderOf = (prefix: string) => prefix.slice(prefix.indexOf('/') + 1);
/** Each path segment URL-encoded; the query (SCORM parameters) kept as it is. */
const encodePath = (p: string) => {
  const q = p.indexOf('?');
  const file = q < 0 ? p : p.slice(0, q);
  return file.split('/').map(encodeURIComponent).join('/') + (q < 0 ? '' : p.slice(q));
};

export function toPackageDto(p: LessonPackage): PackageDto {
  const baseUrl = `/api/packages/${folderOf(p.storagePrefix)}/`;
  return {
    id: p.id,
    lessonId: p.lessonId,
    kind: p.kind,
    version: p.version,
    title: p.title,
    masteryScore: num(p.masteryScore),
    fileCount: p.fileCount,
    totalSize: Number(p.totalSize),
    baseUrl,
    launchUrl: p.kind === 'h5p' ? baseUrl : baseUrl + encodePath(p.launchPath),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

/** Which package kinds a lesson of each content type takes. */
const KINDS_OF: Record<string, readonly PackageKind[]> = { scorm: ['scorm12', 'scorm2004'], h5p: ['h5p'] };

async function editableLesson(actor: Actor, lessonId: number): Promise<Lesson> {
  const lesson = await Lesson.findByPk(lessonId, {
    attributes: ['id', 'courseId', 'contentType'],
    include: [{ model: Course, attributes: ['id', 'instructorId'] }],
  });
  if (!lesson?.course) throw new NotFoundError('Lesson', { id: lessonId });
  if (!isOwnerOrAdmin(actor, lesson.course.instructorId))
    throw new ForbiddenError('You may not modify this course');
  if (!KINDS_OF[lesson.contentType]) {
    throw new PackageRejectedError('wrong_kind', 'Only SCORM and H5P lessons take a package');
  }
  return lesson;
}

/** Stores the extracted files under `prefix`; on failure removes what it stored. */
async function storeFiles(
  deps: Pick<CoreDeps, 'storage'>,
  dir: string,
  prefix: string,
  files: { path: string }[],
): Promise<void> {
  const stored: string[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const f = files[next++];
        const key = packageFileKey(prefix, f.path);
        if (key.length > 400)
          throw new PackageRejectedError('invalid_path', `Path too long to store: "${f.path.slice(0, 80)}"`);
        stored.push(key);
        await deps.storage.put(key, createReadStream(path.join(dir, f.path)), {
          contentType: packageContentType(f.path),
        });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  } catch (err) {
    await Promise.all(stored.map((k) => deps.storage.delete(k).catch(() => undefined)));
    throw err;
  }
}

async function deleteStored(
  deps: Pick<CoreDeps, 'storage' | 'logger'>,
  p: Pick<LessonPackage, 'storagePrefix' | 'files'>,
) {
  try {
    for (const f of p.files) await deps.storage.delete(packageFileKey(p.storagePrefix, f.path));
  } catch (err) {
    deps.logger.warn({ err, prefix: p.storagePrefix }, 'could not delete the files of a replaced package');
  }
}

export interface InstallResult {
  package: PackageDto;
  manifest: Pick<ParsedPackage, 'organizations' | 'resources'>;
}

/**
 * Installs the zip at `zipPath` as the package of an SCORM/H5P lesson: extracted safely into a
 * temporary folder, manifest checked, files stored under a new folder; the lesson's row then
 * points at that folder (one UPDATE: learners see the old package or the new one, never a mix)
 * and the old folder's files are deleted. Refusals throw PackageRejectedError and leave nothing.
 */
export async function installPackage(
  deps: Pick<CoreDeps, 'db' | 'storage' | 'logger'>,
  actor: Actor,
  input: { lessonId: number; zipPath: string; limits?: ZipLimits },
): Promise<InstallResult> {
  const lesson = await editableLesson(actor, input.lessonId);
  const extracted = await extractZipSafely(input.zipPath, input.limits ?? DEFAULT_ZIP_LIMITS);
  const prefix = `packages/${randomUUID().replace(/-/g, '')}`;
  try {
    const parsed = await parsePackage(extracted.dir, extracted.files);
    if (!KINDS_OF[lesson.contentType].includes(parsed.kind)) {
      throw new PackageRejectedError(
        'wrong_kind',
        lesson.contentType === 'h5p'
          ? 'This is a SCORM package; the lesson expects an H5P package'
          : 'This is an H5P package; the lesson expects a SCORM package',
      );
    }
    await storeFiles(deps, extracted.dir, prefix, extracted.files);
    const values = {
      kind: parsed.kind,
      storagePrefix: prefix,
      launchPath: parsed.launchPath,
      version: parsed.version?.slice(0, 50) ?? null,
      title: parsed.title?.slice(0, 255) ?? null,
      masteryScore: parsed.masteryScore,
      fileCount: extracted.files.length,
      totalSize: extracted.totalSize,
      files: extracted.files,
      uploadedBy: actor.id,
    };
    let previous: Pick<LessonPackage, 'storagePrefix' | 'files'> | null = null;
    let row: LessonPackage;
    try {
      row = await transact(deps, 'packages.install', async (tx) => {
        const existing = await LessonPackage.findOne({
          where: { lessonId: lesson.id },
          lock: tx.LOCK.UPDATE,
          transaction: tx,
        });
        if (existing) {
          previous = { storagePrefix: existing.storagePrefix, files: existing.files };
          return existing.update(values, { transaction: tx });
        }
        return LessonPackage.create({ lessonId: lesson.id, ...values }, { transaction: tx });
      });
    } catch (err) {
      await deleteStored(deps, { storagePrefix: prefix, files: extracted.files });
      throw err;
    }
    if (previous) await deleteStored(deps, previous);
    return {
      package: toPackageDto(row),
      manifest: { organizations: parsed.organizations, resources: parsed.resources },
    };
  } finally {
    await rm(extracted.dir, { recursive: true, force: true });
  }
}

/** The lesson's package for its editor (instructor or admin), null when none was uploaded yet. */
export async function packageForEditor(actor: Actor, lessonId: number): Promise<PackageDto | null> {
  await editableLesson(actor, lessonId);
  const p = await LessonPackage.findOne({ where: { lessonId } });
  return p ? toPackageDto(p) : null;
}

export interface PackageFileAccess {
  key: string;
  contentType: string;
}

/**
 * A package file, for its course's active learners (published lesson), its instructor and
 * admins. `folder` is the package's storage folder named in the URL.
 */
export async function authorizePackageFile(
  actor: Actor | null,
  folder: string,
  filePath: string,
): Promise<PackageFileAccess> {
  if (!actor) throw new UnauthorizedError();
  if (!/^[a-f0-9]{32}$/.test(folder)) throw new NotFoundError('Package file');
  const p = await LessonPackage.findOne({
    attributes: ['id', 'storagePrefix', 'lessonId'],
    where: { storagePrefix: `packages/${folder}` },
    include: [
      {
        model: Lesson,
        attributes: ['id', 'courseId', 'isPublished'],
        include: [{ model: Course, attributes: ['id', 'instructorId'] }],
      },
    ],
  });
  const course = p?.lesson?.course;
  if (!p || !course) throw new NotFoundError('Package file');
  if (!isOwnerOrAdmin(actor, course.instructorId)) {
    const enrolled = await Enrollment.findOne({
      attributes: ['id'],
      where: { userId: actor.id, courseId: course.id, isActive: true },
    });
    if (!enrolled || !p.lesson?.isPublished)
      throw new ForbiddenError('Enrol in this course first', { reason: 'not_enrolled' });
  }
  const segments = filePath.split('/');
  if (!filePath || segments.some((s) => s === '' || s === '.' || s === '..'))
    throw new NotFoundError('Package file');
  return { key: packageFileKey(p.storagePrefix, filePath), contentType: packageContentType(filePath) };
}

/** The learner's name as SCORM wants it ("Last, First"), for cmi.core.student_name / cmi.learner_name. */
export async function learnerName(userId: number): Promise<string> {
  const u = await User.findByPk(userId, { attributes: ['id', 'firstName', 'lastName'] });
  return u ? `${u.lastName}, ${u.firstName}` : '';
}
