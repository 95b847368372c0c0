import { Category, Course, CourseModule, Lesson, Quiz, User } from '@mdsc/db';
import { lessonContentIssues } from '@mdsc/validators';
import { literal, type Transaction } from 'sequelize';
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

/**
 * Everything that keeps a course from being published, most general first. Course-level codes
 * (title, description, category, publishedLesson) carry no ids; the others name the module, lesson
 * or quiz to fix, so that the builder can link to it.
 */
export const PUBLICATION_PROBLEM_CODES = [
  'title',
  'description',
  'category',
  'publishedLesson',
  'emptyModule',
  'lessonWithoutContent',
  'lessonWithoutMedia',
  'quizLessonWithoutQuiz',
  'quizLessonQuizUnpublished',
  'quizWithoutQuestions',
  'finalQuizWithoutQuestions',
] as const;
export type PublicationProblemCode = (typeof PUBLICATION_PROBLEM_CODES)[number];

export interface PublicationProblem {
  code: PublicationProblemCode;
  /** i18n key of the web app (`authoring.problem.<code>`); `message` is the English text. */
  key: `authoring.problem.${PublicationProblemCode}`;
  message: string;
  moduleId: number | null;
  lessonId: number | null;
  quizId: number | null;
  /** Title of the module, lesson or quiz concerned, to name it in the message. */
  title: string | null;
}

const MESSAGES: Record<PublicationProblemCode, string> = {
  title: 'The course needs a title of at least 3 characters',
  description: 'The course needs a description',
  category: 'The course needs an active category',
  publishedLesson: 'The course needs at least one published lesson',
  emptyModule: 'This module has no published lesson',
  lessonWithoutContent: 'This published lesson has no text',
  lessonWithoutMedia: 'This published lesson has no file or link',
  quizLessonWithoutQuiz: 'This published quiz lesson has no quiz',
  quizLessonQuizUnpublished: 'The quiz of this published lesson is not published',
  quizWithoutQuestions: 'The quiz of this published lesson has no questions',
  finalQuizWithoutQuestions: 'The final quiz has no questions',
};

function problem(
  code: PublicationProblemCode,
  at: {
    moduleId?: number | null;
    lessonId?: number | null;
    quizId?: number | null;
    title?: string | null;
  } = {},
): PublicationProblem {
  return {
    code,
    key: `authoring.problem.${code}`,
    message: MESSAGES[code],
    moduleId: at.moduleId ?? null,
    lessonId: at.lessonId ?? null,
    quizId: at.quizId ?? null,
    title: at.title ?? null,
  };
}

/** Active questions of each quiz, counted in the same query as the quizzes. */ const questionCount = literal(
  '(SELECT COUNT(*) FROM quiz_questions qq WHERE qq.quiz_id = `Quiz`.`id` AND qq.is_active = TRUE)',
);

const MEDIA_TYPES = new Set(['video', 'audio', 'document', 'presentation', 'h5p']);

/**
 * What a course still lacks before it can be published (empty: ready). Only what learners would
 * meet counts: draft lessons and unpublished final quizzes are the author's business. Four queries
 * whatever the size of the course.
 */
export async function publicationProblems(
  course: Course,
  transaction?: Transaction,
): Promise<PublicationProblem[]> {
  const [category, modules, lessons, quizzes] = await Promise.all([
    Category.findByPk(course.categoryId, { attributes: ['id', 'isActive'], transaction }),
    CourseModule.findAll({
      attributes: ['id', 'title', 'orderIndex'],
      where: { courseId: course.id },
      order: [
        ['orderIndex', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction,
    }),
    Lesson.findAll({
      attributes: [
        'id',
        'moduleId',
        'title',
        'contentType',
        'mediaFileId',
        'contentUrl',
        'contentText',
        'videoUrl',
        'isPublished',
        'orderIndex',
      ],
      where: { courseId: course.id },
      order: [
        ['orderIndex', 'ASC'],
        ['id', 'ASC'],
      ],
      transaction,
    }),
    Quiz.findAll({
      attributes: ['id', 'lessonId', 'title', 'isFinal', 'isPublished', [questionCount, 'questionCount']],
      where: { courseId: course.id },
      transaction,
    }),
  ]);
  const problems: PublicationProblem[] = [];
  if (!course.title || course.title.trim().length < 3) problems.push(problem('title'));
  if (!course.description || !course.description.trim()) problems.push(problem('description'));
  if (!category || !category.isActive) problems.push(problem('category'));
  const published = lessons.filter((l) => l.isPublished);
  if (published.length === 0) problems.push(problem('publishedLesson'));

  for (const m of modules) {
    if (!published.some((l) => l.moduleId === m.id))
      problems.push(problem('emptyModule', { moduleId: m.id, title: m.title }));
  }
  const quizByLesson = new Map(quizzes.filter((q) => q.lessonId !== null).map((q) => [q.lessonId!, q]));
  const count = (q: Quiz) => Number(q.get('questionCount'));
  // Modules in their order, then the course's own lessons: the list reads like the outline.
  const rank = new Map(modules.map((m, i) => [m.id, i]));
  const inOrder = [...published].sort(
    (a, b) => (rank.get(a.moduleId ?? -1) ?? modules.length) - (rank.get(b.moduleId ?? -1) ?? modules.length),
  );
  for (const l of inOrder) {
    const at = { moduleId: l.moduleId, lessonId: l.id, title: l.title };
    if (l.contentType === 'quiz') {
      const quiz = quizByLesson.get(l.id);
      if (!quiz) problems.push(problem('quizLessonWithoutQuiz', at));
      else if (!quiz.isPublished)
        problems.push(problem('quizLessonQuizUnpublished', { ...at, quizId: quiz.id }));
      else if (count(quiz) === 0) problems.push(problem('quizWithoutQuestions', { ...at, quizId: quiz.id }));
    } else if (lessonContentIssues(l).length > 0) {
      problems.push(
        problem(MEDIA_TYPES.has(l.contentType) ? 'lessonWithoutMedia' : 'lessonWithoutContent', at),
      );
    }
  }
  const final = quizzes.find((q) => q.isFinal && q.isPublished);
  if (final && count(final) === 0)
    problems.push(problem('finalQuizWithoutQuestions', { quizId: final.id, title: final.title }));
  return problems;
}
