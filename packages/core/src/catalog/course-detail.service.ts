import { Category, Course, CourseModule, Lesson, User } from '@mdsc/db';
import { DEFAULT_LOCALE, type Locale } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError } from '../errors';
import { translator } from '../i18n/content-translations';
import { assertAuthor, canSeeLessonContent, isOwnerOrAdmin, loadEditableCourse } from './access';
import { toCourseDto, type CourseDto } from './course-dto';
import { publicationProblems, type PublicationProblem } from './course-rules';
import { buildOutline, lessonMediaInclude, type LessonOutlineDto, type ModuleDto } from './curriculum-dto';

type Deps = Pick<CoreDeps, 'db'>;

export interface CourseDetailDto {
  course: CourseDto;
  instructor: { id: number; name: string; avatarUrl: string | null; organization: string | null };
  category: { id: number; name: string; color: string | null };
  prerequisite: { id: number; slug: string; title: string } | null;
  modules: (ModuleDto & { lessons: LessonOutlineDto[] })[];
  /** Lessons attached to the course itself rather than to a module. */
  courseLessons: LessonOutlineDto[];
  viewer: { isOwner: boolean; isEnrolled: boolean; canSeeContent: boolean };
}

const LESSON_OUTLINE_ATTRS = [
  'id',
  'courseId',
  'moduleId',
  'title',
  'description',
  'contentType',
  'durationMinutes',
  'orderIndex',
  'isRequired',
  'isPublished',
] as const;

/**
 * The course page. Unpublished courses exist only for their instructor and admins. Everyone sees
 * the outline (titles, types, durations); lesson content goes only to enrolled students, the
 * instructor and admins. A fixed number of statements: course+joins, enrolment, modules, lessons
 * (and the category's name outside French).
 */
export async function getCourseBySlug(
  _deps: Deps,
  actor: Actor | null,
  slug: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CourseDetailDto> {
  const course = await Course.findOne({
    where: { slug },
    include: [
      {
        model: User,
        as: 'instructor',
        attributes: ['id', 'firstName', 'lastName', 'avatarUrl', 'organization'],
      },
      { model: Category, as: 'category', attributes: ['id', 'name', 'color'] },
      { model: Course, as: 'prerequisite', attributes: ['id', 'slug', 'title', 'isPublished'] },
    ],
  });
  if (!course || (!course.isPublished && !isOwnerOrAdmin(actor, course.instructorId))) {
    throw new NotFoundError('Course', { slug });
  }
  const viewer = await canSeeLessonContent(actor, course);
  const [modules, lessons, categoryName] = await Promise.all([
    CourseModule.findAll({ where: { courseId: course.id } }),
    Lesson.findAll({
      where: viewer.isOwner ? { courseId: course.id } : { courseId: course.id, isPublished: true },
      attributes: viewer.canSeeContent ? undefined : [...LESSON_OUTLINE_ATTRS],
      include: viewer.canSeeContent ? [lessonMediaInclude] : [],
    }),
    translator('category', [course.category!.id], locale),
  ]);
  const prerequisite = course.prerequisite;
  const showPrerequisite = prerequisite && (prerequisite.isPublished || viewer.isOwner);
  return {
    course: toCourseDto(course),
    instructor: {
      id: course.instructor!.id,
      name: `${course.instructor!.firstName} ${course.instructor!.lastName}`.trim(),
      avatarUrl: course.instructor!.avatarUrl ?? null,
      organization: course.instructor!.organization ?? null,
    },
    category: {
      id: course.category!.id,
      name: categoryName(course.category!.id, 'name', course.category!.name),
      color: course.category!.color ?? null,
    },
    prerequisite: showPrerequisite
      ? { id: prerequisite.id, slug: prerequisite.slug, title: prerequisite.title }
      : null,
    ...buildOutline(modules, lessons, viewer.canSeeContent),
    viewer,
  };
}

export interface CourseEditorDto {
  course: CourseDto;
  modules: (ModuleDto & { lessons: LessonOutlineDto[] })[];
  courseLessons: LessonOutlineDto[];
  /** What publication still needs, one entry per thing to fix; empty when the course can be published. */
  problems: PublicationProblem[];
}

/** Everything the course builder needs, drafts and content included: instructor and admins only. */
export async function getCourseForEdit(_deps: Deps, actor: Actor, id: number): Promise<CourseEditorDto> {
  assertAuthor(actor);
  const course = await loadEditableCourse(actor, id);
  const [modules, lessons, problems] = await Promise.all([
    CourseModule.findAll({ where: { courseId: id } }),
    Lesson.findAll({ where: { courseId: id }, include: [lessonMediaInclude] }),
    publicationProblems(course),
  ]);
  return { course: toCourseDto(course), ...buildOutline(modules, lessons, true), problems };
}
