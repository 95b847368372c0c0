import { Course, Enrollment } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { assertOwnerOrAdmin } from '../authz';
import type { Actor } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';

export function assertAuthor(actor: Actor): void {
  if (actor.role !== 'instructor' && actor.role !== 'admin') throw new ForbiddenError('Instructors only');
}

/**
 * The course, if `actor` may edit it (its instructor or an admin). With a transaction the row is
 * locked FOR UPDATE: every change to a course's curriculum goes through this lock, so two
 * reorders (or a reorder and an insert) of the same course run one after the other.
 */
export async function loadEditableCourse(
  actor: Actor,
  courseId: number,
  transaction?: Transaction,
): Promise<Course> {
  const course = await Course.findByPk(
    courseId,
    transaction ? { transaction, lock: transaction.LOCK.UPDATE } : {},
  );
  if (!course) throw new NotFoundError('Course', { id: courseId });
  assertOwnerOrAdmin(actor, course.instructorId, 'this course');
  return course;
}

export function isOwnerOrAdmin(actor: Actor | null, instructorId: number): boolean {
  return !!actor && (actor.role === 'admin' || actor.id === instructorId);
}

/** Lesson content (text, files, URLs) is for enrolled students, the course's instructor and admins. */
export async function canSeeLessonContent(actor: Actor | null, course: { id: number; instructorId: number }) {
  if (!actor) return { isOwner: false, isEnrolled: false, canSeeContent: false };
  const isOwner = isOwnerOrAdmin(actor, course.instructorId);
  const isEnrolled = !!(await Enrollment.findOne({
    attributes: ['id'],
    where: { userId: actor.id, courseId: course.id, isActive: true },
  }));
  return { isOwner, isEnrolled, canSeeContent: isOwner || isEnrolled };
}

/** ISO 8601 from a model Date or a raw SQLite/MySQL value. */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // SQLite raw rows: "2026-11-23 10:15:00.123 +00:00"; MySQL raw strings: "2026-11-23 10:15:00".
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: ?([+-]\d{2}:\d{2}|Z))?$/.exec(value);
  const d = m ? new Date(`${m[1]}T${m[2]}${m[3] && m[3] !== '+00:00' ? m[3] : 'Z'}`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
