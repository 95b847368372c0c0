import { Category, Course, Lesson, User } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { ValidationError } from '../errors';

export async function assertUsableCategory(categoryId: number, transaction?: Transaction): Promise<void> {
  const category = await Category.findByPk(categoryId, { attributes: ['id', 'isActive'], transaction });
  if (!category) throw new ValidationError('categoryId', 'Unknown category');
  if (!category.isActive) throw new ValidationError('categoryId', 'This category is no longer in use');
}

export async function assertInstructorUser(userId: number): Promise<void> {
  const user = await User.findByPk(userId, { attributes: ['id', 'role', 'isActive'] });
  if (!user || !user.isActive || (user.role !== 'instructor' && user.role !== 'admin')) {
    throw new ValidationError('instructorId', 'Not an active instructor');
  }
}

/**
 * A course may require another existing course, never itself and never one that (through its own
 * prerequisites) requires it back. The chain is walked with locking reads, one row at a time
 * (chains are short): they see the latest committed links and hold them until commit, so two
 * concurrent changes cannot close a cycle between them (InnoDB then reports a deadlock to one of
 * them, which the caller retries and which then sees the cycle). Deleted courses count: their
 * links still exist.
 */
export async function assertValidPrerequisite(
  courseId: number | null,
  prerequisiteId: number,
  transaction?: Transaction,
): Promise<void> {
  const field = 'prerequisiteCourseId';
  if (courseId !== null && prerequisiteId === courseId) {
    throw new ValidationError(field, 'A course cannot be its own prerequisite');
  }
  const lock = transaction ? { transaction, lock: transaction.LOCK.UPDATE } : {};
  const prerequisite = await Course.findByPk(prerequisiteId, {
    attributes: ['id', 'prerequisiteCourseId'],
    ...lock,
  });
  if (!prerequisite) throw new ValidationError(field, 'Unknown prerequisite course');
  if (courseId === null) return; // a new course has no dependents: no cycle possible
  const seen = new Set<number>([prerequisite.id]);
  let next = prerequisite.prerequisiteCourseId;
  while (next !== null && next !== undefined) {
    if (next === courseId)
      throw new ValidationError(field, 'This prerequisite would create a cycle (it requires this course)');
    if (seen.has(next) || seen.size > 200) break; // an older cycle or an absurd chain: not ours to walk
    seen.add(next);
    const row = await Course.findByPk(next, {
      attributes: ['id', 'prerequisiteCourseId'],
      paranoid: false,
      ...lock,
    });
    next = row?.prerequisiteCourseId ?? null;
  }
}

export const PUBLICATION_REQUIREMENTS = ['title', 'description', 'category', 'publishedLesson'] as const;
export type PublicationRequirement = (typeof PUBLICATION_REQUIREMENTS)[number];

/** What a course still lacks before it can be published (empty: ready). */
export async function missingForPublication(
  course: Course,
  transaction?: Transaction,
): Promise<PublicationRequirement[]> {
  const [category, publishedLessons] = await Promise.all([
    Category.findByPk(course.categoryId, { attributes: ['id', 'isActive'], transaction }),
    Lesson.count({ where: { courseId: course.id, isPublished: true }, transaction }),
  ]);
  const missing: PublicationRequirement[] = [];
  if (!course.title || course.title.trim().length < 3) missing.push('title');
  if (!course.description || !course.description.trim()) missing.push('description');
  if (!category || !category.isActive) missing.push('category');
  if (publishedLessons === 0) missing.push('publishedLesson');
  return missing;
}
