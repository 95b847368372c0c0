import { Category, Course, Lesson, User } from '@mdsc/db';
import { QueryTypes, type Transaction } from 'sequelize';
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
 * prerequisites) requires it back. The chain is walked in one recursive query; deleted courses
 * are included, since their links still exist.
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
  const prerequisite = await Course.findByPk(prerequisiteId, { attributes: ['id'], transaction });
  if (!prerequisite) throw new ValidationError(field, 'Unknown prerequisite course');
  if (courseId === null) return; // a new course has no dependents: no cycle possible
  const chain = await Course.sequelize!.query<{ id: number }>(
    `WITH RECURSIVE chain (id, prereq, depth) AS (
       SELECT id, prerequisite_course_id, 0 FROM courses WHERE id = :start
       UNION ALL
       SELECT c.id, c.prerequisite_course_id, chain.depth + 1
       FROM courses c JOIN chain ON c.id = chain.prereq
       WHERE chain.depth < 200
     )
     SELECT id FROM chain`,
    { replacements: { start: prerequisiteId }, type: QueryTypes.SELECT, transaction },
  );
  if (chain.some((r) => Number(r.id) === courseId)) {
    throw new ValidationError(field, 'This prerequisite would create a cycle (it requires this course)');
  }
}

export const PUBLICATION_REQUIREMENTS = ['title', 'description', 'category', 'publishedLesson'] as const;
export type PublicationRequirement = (typeof PUBLICATION_REQUIREMENTS)[number];

/** What a course still lacks before it can be published (empty: ready). */
export async function missingForPublication(course: Course, transaction?: Transaction): Promise<PublicationRequirement[]> {
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
