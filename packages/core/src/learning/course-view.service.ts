// What the learner sees: a course's path with locks and progress, and one lesson with its content.
import { Certificate, Course, Enrollment, Lesson, Progress, QuizAttempt, User } from '@mdsc/db';
import { Op } from 'sequelize';
import { isOwnerOrAdmin } from '../catalog/access';
import { lessonMediaInclude, toLessonDto, type LessonOutlineDto } from '../catalog/curriculum-dto';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';
import { enrollBlocker, toEnrollmentDto, type EnrollBlocker, type EnrollmentDto } from './enrollment.service';
import { toProgressDto, videoShare, type LessonProgressDto } from './progress.service';
import { computeAccess, isLessonOpen, loadStructure, resumeLesson, type LessonNode } from './structure';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'>;
type ProgressStatus = LessonProgressDto['status'];

export interface LearnerLessonDto extends LessonNode {
  status: ProgressStatus;
  locked: boolean;
}

export interface LearnerModuleDto {
  id: number;
  title: string;
  description: string | null;
  locked: boolean;
  done: boolean;
  lessons: LearnerLessonDto[];
}

export interface CourseLearningDto {
  course: {
    id: number;
    slug: string;
    title: string;
    shortDescription: string | null;
    thumbnailUrl: string | null;
    instructorName: string;
    rating: number;
    enrollmentCount: number;
    prerequisite: { slug: string; title: string } | null;
  };
  enrollment: EnrollmentDto | null;
  /** Whether the viewer may enrol now, and if not why (null reason when already enrolled). */
  canEnroll: { ok: boolean; reason: EnrollBlocker | 'login_required' | null };
  courseLessons: LearnerLessonDto[];
  modules: LearnerModuleDto[];
  finalQuiz: {
    id: number;
    title: string;
    locked: boolean;
    passed: boolean;
    attemptsUsed: number;
    maxAttempts: number;
    passingScore: number;
    timeLimitMinutes: number | null;
  } | null;
  resumeLessonId: number | null;
  certificate: { code: string; number: string | null; ready: boolean; issuedAt: string } | null;
  isOwner: boolean;
}

/** The course's learning path for the viewer: a fixed number of queries whatever its size. */
export async function getCourseLearning(deps: Deps, actor: Actor | null, slug: string): Promise<CourseLearningDto> {
  const course = await Course.findOne({
    where: { slug },
    include: [
      { model: User, as: 'instructor', attributes: ['firstName', 'lastName'] },
      { model: Course, as: 'prerequisite', attributes: ['slug', 'title', 'isPublished'] },
    ],
  });
  const isOwner = !!course && isOwnerOrAdmin(actor, course.instructorId);
  if (!course || (!course.isPublished && !isOwner)) throw new NotFoundError('Course', { slug });
  const structure = await loadStructure(course.id, undefined, course.structureVersion);
  const enrollment = actor
    ? await Enrollment.findOne({ where: { userId: actor.id, courseId: course.id } })
    : null;
  const active = enrollment?.isActive ? enrollment : null;
  const [progressRows, finalAttempts, certificate] = await Promise.all([
    enrollment ? Progress.findAll({ where: { enrollmentId: enrollment.id } }) : [],
    actor && structure.finalQuiz
      ? QuizAttempt.findAll({
          attributes: ['id', 'isPassed', 'status'],
          where: { userId: actor.id, quizId: structure.finalQuiz.id },
        })
      : [],
    actor ? Certificate.findOne({ where: { userId: actor.id, courseId: course.id, isValid: true } }) : null,
  ]);
  const statusOf = new Map(progressRows.map((p) => [p.lessonId, p.status]));
  const completed = new Set(progressRows.filter((p) => p.status === 'completed').map((p) => p.lessonId));
  const access = computeAccess(structure, completed);
  const lessonDto = (l: LessonNode): LearnerLessonDto => ({
    ...l,
    status: statusOf.get(l.id) ?? 'not_started',
    locked: !isLessonOpen(access, l),
  });
  let canEnroll: CourseLearningDto['canEnroll'];
  if (!actor) canEnroll = { ok: false, reason: 'login_required' };
  else if (active) canEnroll = { ok: false, reason: null };
  else {
    const reason = await enrollBlocker(deps, actor, course);
    canEnroll = { ok: reason === null, reason };
  }
  const final = structure.finalQuiz;
  const prerequisite = course.prerequisite?.isPublished ? course.prerequisite : null;
  return {
    course: {
      id: course.id,
      slug: course.slug,
      title: course.title,
      shortDescription: course.shortDescription ?? null,
      thumbnailUrl: course.thumbnailUrl ?? null,
      instructorName: `${course.instructor?.firstName ?? ''} ${course.instructor?.lastName ?? ''}`.trim(),
      rating: Number(course.rating ?? 0),
      enrollmentCount: course.enrollmentCount ?? 0,
      prerequisite: prerequisite ? { slug: prerequisite.slug, title: prerequisite.title } : null,
    },
    enrollment: active ? toEnrollmentDto(active) : null,
    canEnroll,
    courseLessons: structure.courseLessons.map(lessonDto),
    modules: structure.modules.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      locked: access.lockedModuleIds.has(m.id),
      done: access.doneModuleIds.has(m.id),
      lessons: m.lessons.map(lessonDto),
    })),
    finalQuiz: final
      ? {
          id: final.id,
          title: final.title,
          locked: !access.allRequiredDone,
          passed: finalAttempts.some((a) => a.isPassed && a.status === 'graded'),
          attemptsUsed: finalAttempts.filter((a) => a.status !== 'in_progress').length,
          maxAttempts: final.maxAttempts,
          passingScore: final.passingScore,
          timeLimitMinutes: final.timeLimitMinutes,
        }
      : null,
    resumeLessonId: active ? resumeLesson(structure, access, completed, active.lastLessonId ?? null) : null,
    certificate: certificate
      ? {
          code: certificate.certificateCode,
          number: certificate.certificateNumber ?? null,
          ready: !!certificate.pdfUrl,
          issuedAt: new Date(certificate.issuedAt).toISOString(),
        }
      : null,
    isOwner,
  };
}

export interface LearnerLessonViewDto {
  lesson: LessonOutlineDto;
  course: { id: number; slug: string; title: string };
  moduleTitle: string | null;
  progress: LessonProgressDto | null;
  previousLessonId: number | null;
  nextLessonId: number | null;
  /** The next lesson exists but is locked until this module is completed. */
  nextLocked: boolean;
  quiz: { id: number; passed: boolean } | null;
  /** Video/audio: share to watch before the lesson completes (0–1). */
  completionShare: number;
}

/**
 * One lesson with its content, for an enrolled learner whose module is open (or, as a preview
 * without progress, for the course's instructor and admins).
 */
export async function getLessonForLearner(deps: Deps, actor: Actor, lessonId: number): Promise<LearnerLessonViewDto> {
  const lesson = await Lesson.findByPk(lessonId, { include: [lessonMediaInclude] });
  if (!lesson) throw new NotFoundError('Lesson', { id: lessonId });
  const course = await Course.findByPk(lesson.courseId, { attributes: ['id', 'slug', 'title', 'instructorId', 'isPublished', 'structureVersion'] });
  if (!course) throw new NotFoundError('Lesson', { id: lessonId });
  const isOwner = isOwnerOrAdmin(actor, course.instructorId);
  if (!isOwner && (!lesson.isPublished || !course.isPublished)) throw new NotFoundError('Lesson', { id: lessonId });
  const structure = await loadStructure(course.id, undefined, course.structureVersion);
  const enrollment = await Enrollment.findOne({ where: { userId: actor.id, courseId: course.id, isActive: true } });
  if (!enrollment && !isOwner) throw new ForbiddenError('Enrol in the course to follow its lessons', { reason: 'not_enrolled' });
  const progressRows = enrollment
    ? await Progress.findAll({ where: { enrollmentId: enrollment.id } })
    : [];
  const completed = new Set(progressRows.filter((p) => p.status === 'completed').map((p) => p.lessonId));
  const access = computeAccess(structure, completed);
  const index = structure.ordered.findIndex((l) => l.id === lesson.id);
  const node = structure.ordered[index];
  if (!isOwner && (!node || !isLessonOpen(access, node))) {
    throw new ForbiddenError('This lesson is locked', { reason: 'lesson_locked' });
  }
  const prev = index > 0 ? structure.ordered[index - 1] : null;
  const next = index >= 0 ? (structure.ordered[index + 1] ?? null) : null;
  const quizId = node?.quizId ?? null;
  const passed = quizId
    ? !!(await QuizAttempt.findOne({
        attributes: ['id'],
        where: { userId: actor.id, quizId, isPassed: true, status: { [Op.eq]: 'graded' } },
      }))
    : false;
  const mod = node?.moduleId ? structure.modules.find((m) => m.id === node.moduleId) : null;
  return {
    lesson: toLessonDto(lesson, true),
    course: { id: course.id, slug: course.slug, title: course.title },
    moduleTitle: mod?.title ?? null,
    progress: enrollment ? toProgressDto(progressRows.find((p) => p.lessonId === lesson.id) ?? null, lesson.id) : null,
    previousLessonId: prev?.id ?? null,
    nextLessonId: next?.id ?? null,
    nextLocked: !!next && !isLessonOpen(access, next),
    quiz: quizId ? { id: quizId, passed } : null,
    completionShare: videoShare(deps),
  };
}
