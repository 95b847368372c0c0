import { Course } from '@mdsc/db';
import { courseRuleIssues, type CourseCreateInput, type CourseUpdateInput } from '@mdsc/validators';
import { literal } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, PreconditionError, ValidationError } from '../errors';
import { assertAuthor, loadEditableCourse } from './access';
import { toCourseDto, type CourseDto } from './course-dto';
import {
  assertInstructorUser,
  assertUsableCategory,
  assertValidPrerequisite,
  publicationProblems,
  type PublicationProblem,
} from './course-rules';
import { reindexCourse } from './search-index';
import { uniqueSlug } from './slug';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

const isUniqueViolation = (err: unknown) => (err as Error).name === 'SequelizeUniqueConstraintError';
const asDate = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);

function throwFirstIssue(issues: { field: string; message: string }[]): void {
  if (issues.length) throw new ValidationError(issues[0].field, issues[0].message);
}

export async function createCourse(deps: Deps, actor: Actor, input: CourseCreateInput): Promise<CourseDto> {
  assertAuthor(actor);
  let instructorId = actor.id;
  if (input.instructorId !== undefined && input.instructorId !== actor.id) {
    if (actor.role !== 'admin') throw new ForbiddenError('Only admins create courses for someone else');
    await assertInstructorUser(input.instructorId);
    instructorId = input.instructorId;
  }
  await assertUsableCategory(input.categoryId);
  if (input.prerequisiteCourseId) await assertValidPrerequisite(null, input.prerequisiteCourseId);
  const { instructorId: _ignored, enrollmentDeadline, courseStartDate, courseEndDate, ...fields } = input;
  // Two authors creating "Introduction" at the same moment: the loser of the unique index retries.
  for (let attempt = 0; ; attempt++) {
    try {
      const slug = await uniqueSlug(input.title);
      // The search index is written with the course: both or neither.
      const course = await transact(deps, 'catalog.createCourse', async (transaction) => {
        const created = await Course.create(
          {
            ...fields,
            instructorId,
            slug,
            enrollmentDeadline: asDate(enrollmentDeadline) ?? null,
            courseStartDate: asDate(courseStartDate) ?? null,
            courseEndDate: asDate(courseEndDate) ?? null,
            isPublished: false,
            isFeatured: false,
          },
          { transaction },
        );
        await reindexCourse(deps, created, transaction, { fresh: true });
        return created;
      });
      return toCourseDto(course);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export async function updateCourse(deps: Deps, actor: Actor, input: CourseUpdateInput): Promise<CourseDto> {
  assertAuthor(actor);
  const { id, enrollmentDeadline, courseStartDate, courseEndDate, ...fields } = input;
  const changes: Partial<Course> = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  );
  for (const [key, value] of Object.entries({ enrollmentDeadline, courseStartDate, courseEndDate })) {
    if (value !== undefined) (changes as Record<string, unknown>)[key] = asDate(value);
  }
  // A deadlock can only come from two prerequisite changes racing (see assertValidPrerequisite):
  // the retry then sees the other's committed link.
  return transact(deps, 'catalog.updateCourse', async (transaction) => {
    const course = await loadEditableCourse(actor, id, transaction);
    const merged = { ...course.get(), ...changes };
    throwFirstIssue(courseRuleIssues(merged));
    if (changes.categoryId !== undefined && changes.categoryId !== course.categoryId) {
      await assertUsableCategory(changes.categoryId, transaction);
    }
    if (changes.prerequisiteCourseId && changes.prerequisiteCourseId !== course.prerequisiteCourseId) {
      await assertValidPrerequisite(course.id, changes.prerequisiteCourseId, transaction);
    }
    // The slug follows the title until the course is first published; after that links must last.
    if (changes.title && changes.title !== course.title && !course.isPublished && !course.publishedAt) {
      changes.slug = await uniqueSlug(changes.title, course.id);
    }
    const reindex =
      (changes.title !== undefined && changes.title !== course.title) ||
      (changes.shortDescription !== undefined && changes.shortDescription !== course.shortDescription);
    await course.update(changes, { transaction });
    if (reindex) await reindexCourse(deps, course, transaction);
    return toCourseDto(course);
  });
}

/** Soft delete (paranoid): the row stays, hidden from the catalog; its slug stays reserved. */
export async function deleteCourse(deps: Deps, actor: Actor, id: number): Promise<{ id: number }> {
  assertAuthor(actor);
  await transact(deps, 'catalog.deleteCourse', async (transaction) => {
    const course = await loadEditableCourse(actor, id, transaction);
    await course.destroy({ transaction });
  });
  return { id };
}

export interface PublishResult {
  course: CourseDto;
  published: true;
}

/**
 * Publishes a complete course. An incomplete one is refused with PRECONDITION_FAILED, every
 * problem listed in the error's `problems` (code, i18n key, message, module/lesson/quiz to fix):
 * an author never gets a 200 for a course that was not published.
 */
export async function publishCourse(deps: Deps, actor: Actor, id: number): Promise<PublishResult> {
  assertAuthor(actor);
  return transact(deps, 'catalog.publishCourse', async (transaction) => {
    const course = await loadEditableCourse(actor, id, transaction);
    const problems: PublicationProblem[] = await publicationProblems(course, transaction);
    if (problems.length > 0) {
      throw new PreconditionError(
        `The course cannot be published yet: ${problems.map((p) => p.code).join(', ')}`,
        { reason: 'publication_incomplete', problems },
      );
    }
    if (!course.isPublished) {
      await course.update(
        { isPublished: true, publishedAt: course.publishedAt ?? deps.clock.now() },
        { transaction },
      );
    }
    return { course: toCourseDto(course), published: true };
  });
}

export async function unpublishCourse(deps: Deps, actor: Actor, id: number): Promise<CourseDto> {
  assertAuthor(actor);
  return transact(deps, 'catalog.unpublishCourse', async (transaction) => {
    const course = await loadEditableCourse(actor, id, transaction);
    await course.update({ isPublished: false, isFeatured: false }, { transaction });
    return toCourseDto(course);
  });
}

/** Featured courses are an editorial choice: admins only, and only published courses. */
export async function setCourseFeatured(
  deps: Deps,
  actor: Actor,
  input: { id: number; featured: boolean },
): Promise<CourseDto> {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
  return transact(deps, 'catalog.setCourseFeatured', async (transaction) => {
    const course = await loadEditableCourse(actor, input.id, transaction);
    if (input.featured && !course.isPublished)
      throw new ValidationError('featured', 'Only published courses can be featured');
    await course.update({ isFeatured: input.featured }, { transaction });
    return toCourseDto(course);
  });
}

export interface MyCourseDto extends CourseDto {
  moduleCount: number;
  lessonCount: number;
  publishedLessonCount: number;
}

/** The instructor's dashboard: own courses, drafts included, newest first, in one query. */
export async function listMyCourses(_deps: Deps, actor: Actor): Promise<MyCourseDto[]> {
  assertAuthor(actor);
  const count = (table: string, extra = '') =>
    literal(
      `(SELECT COUNT(*) FROM ${table} x WHERE x.course_id = \`Course\`.\`id\` AND x.deleted_at IS NULL${extra})`,
    );
  const rows = await Course.findAll({
    where: { instructorId: actor.id },
    attributes: {
      include: [
        [count('modules'), 'moduleCount'],
        [count('lessons'), 'lessonCount'],
        [count('lessons', ' AND x.is_published = TRUE'), 'publishedLessonCount'],
      ],
    },
    order: [
      ['updatedAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: 500,
  });
  return rows.map((c) => ({
    ...toCourseDto(c),
    moduleCount: Number(c.get('moduleCount')),
    lessonCount: Number(c.get('lessonCount')),
    publishedLessonCount: Number(c.get('publishedLessonCount')),
  }));
}
