// Enrolment: who may join a course, exactly once, with courses.enrollment_count kept equal to the
// number of active enrolments under any concurrency.
import { Certificate, Course, Enrollment, User } from '@mdsc/db';
import type { EnrollmentStatus } from '@mdsc/validators';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { notify } from '../notifications/notify';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'>;

export type EnrollBlocker = 'not_verified' | 'not_published' | 'deadline_passed' | 'prerequisite_missing' | 'already_enrolled';

export interface EnrollmentDto {
  id: number;
  courseId: number;
  status: EnrollmentStatus;
  progressPercentage: number;
  enrolledAt: string;
  startedAt: string | null;
  completedAt: string | null;
  lastAccessedAt: string | null;
  isActive: boolean;
}

export function toEnrollmentDto(e: Enrollment): EnrollmentDto {
  return {
    id: e.id,
    courseId: e.courseId,
    status: e.status,
    progressPercentage: Number(e.progressPercentage),
    enrolledAt: toIso(e.enrolledAt)!,
    startedAt: toIso(e.startedAt),
    completedAt: toIso(e.completedAt),
    lastAccessedAt: toIso(e.lastAccessedAt),
    isActive: !!e.isActive,
  };
}

const requireVerified = (deps: Deps) => deps.config.requireVerifiedEmailToEnroll !== false;

/** The first rule that stops `actor` from enrolling, or null. Shared by `enroll` and the course view. */
export async function enrollBlocker(
  deps: Deps,
  actor: Actor,
  course: Pick<Course, 'id' | 'isPublished' | 'enrollmentDeadline' | 'prerequisiteCourseId'>,
  transaction?: Transaction,
): Promise<EnrollBlocker | null> {
  if (!course.isPublished) return 'not_published';
  if (requireVerified(deps) && !actor.emailVerified) return 'not_verified';
  if (course.enrollmentDeadline && new Date(course.enrollmentDeadline).getTime() < deps.clock.now().getTime()) {
    return 'deadline_passed';
  }
  if (course.prerequisiteCourseId) {
    const done = await Enrollment.findOne({
      attributes: ['id'],
      where: { userId: actor.id, courseId: course.prerequisiteCourseId, status: ['completed', 'certified'] },
      transaction,
    });
    if (!done) return 'prerequisite_missing';
  }
  return null;
}

const BLOCKER_MESSAGES: Record<Exclude<EnrollBlocker, 'already_enrolled' | 'not_published'>, string> = {
  not_verified: 'Verify your e-mail address before enrolling',
  deadline_passed: 'The enrolment deadline has passed',
  prerequisite_missing: 'Complete the prerequisite course first',
};

/**
 * Enrols the actor. The course row is locked first (UPDATE … enrollment_count + 1), then the
 * enrolment inserted: taking the course lock before the insert's foreign-key check avoids the
 * shared-then-exclusive deadlock between concurrent enrolments, and the unique key
 * (user_id, course_id) turns a second enrolment into a rollback of the whole transaction, counter
 * included. A previously deactivated enrolment is reactivated, progress intact.
 */
export async function enroll(deps: Deps, actor: Actor, courseId: number): Promise<EnrollmentDto> {
  const course = await Course.findByPk(courseId, {
    attributes: ['id', 'title', 'slug', 'isPublished', 'enrollmentDeadline', 'prerequisiteCourseId'],
  });
  if (!course || !course.isPublished) throw new NotFoundError('Course', { id: courseId });
  const blocker = await enrollBlocker(deps, actor, course);
  if (blocker && blocker !== 'not_published' && blocker !== 'already_enrolled') {
    throw new ForbiddenError(BLOCKER_MESSAGES[blocker], { reason: blocker });
  }
  try {
    const enrollment = await transact(deps, 'learning.enroll', async (transaction) => {
      const existing = await Enrollment.findOne({ where: { userId: actor.id, courseId }, transaction });
      if (existing?.isActive) throw new ConflictError('Already enrolled in this course', { reason: 'already_enrolled' });
      let row: Enrollment;
      if (existing) {
        // Conditional update: of two concurrent re-enrolments only one flips the flag and counts.
        const [flipped] = await Enrollment.update(
          { isActive: true, lastAccessedAt: deps.clock.now() },
          { where: { id: existing.id, isActive: false }, transaction },
        );
        if (flipped !== 1) throw new ConflictError('Already enrolled in this course', { reason: 'already_enrolled' });
        await Course.increment('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
        row = (await Enrollment.findByPk(existing.id, { transaction }))!;
      } else {
        await Course.increment('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
        row = await Enrollment.create(
          { userId: actor.id, courseId, enrolledAt: deps.clock.now(), startedAt: null, completedAt: null, lastAccessedAt: null },
          { transaction },
        );
      }
      await notify(
        deps,
        { userId: actor.id, type: 'enrolment', data: { courseId, courseTitle: course.title, courseSlug: course.slug } },
        transaction,
      );
      return row;
    });
    return toEnrollmentDto(enrollment);
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      throw new ConflictError('Already enrolled in this course', { reason: 'already_enrolled' });
    }
    throw err;
  }
}

/** Leaves a course: the enrolment is deactivated (progress, attempts and certificate are kept). */
export async function unenroll(deps: Deps, actor: Actor, courseId: number): Promise<EnrollmentDto> {
  return transact(deps, 'learning.unenroll', async (transaction) => {
    const existing = await Enrollment.findOne({ where: { userId: actor.id, courseId }, transaction });
    if (!existing || !existing.isActive) throw new NotFoundError('Enrollment', { courseId });
    const [flipped] = await Enrollment.update(
      { isActive: false },
      { where: { id: existing.id, isActive: true }, transaction },
    );
    if (flipped === 1) {
      await Course.decrement('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
    }
    return toEnrollmentDto((await Enrollment.findByPk(existing.id, { transaction }))!);
  });
}

export interface MyEnrollmentDto {
  enrollment: EnrollmentDto;
  course: {
    id: number;
    slug: string;
    title: string;
    shortDescription: string | null;
    thumbnailUrl: string | null;
    instructorName: string;
  };
  /** Where "continue" leads: the last lesson opened (the course view refines it). */
  lastLessonId: number | null;
  certificate: { code: string; number: string | null; ready: boolean } | null;
}

/** My courses (active enrolments), most recently used first, with progress: two queries. */
export async function listMyEnrollments(_deps: Deps, actor: Actor): Promise<MyEnrollmentDto[]> {
  const rows = await Enrollment.findAll({
    where: { userId: actor.id, isActive: true },
    include: [
      {
        model: Course,
        as: 'course',
        attributes: ['id', 'slug', 'title', 'shortDescription', 'thumbnailUrl'],
        include: [{ model: User, as: 'instructor', attributes: ['firstName', 'lastName'] }],
      },
    ],
    order: [['lastAccessedAt', 'DESC'], ['enrolledAt', 'DESC'], ['id', 'DESC']],
  });
  const live = rows.filter((r) => r.course); // a soft-deleted course drops out of the list
  const certificates = live.length
    ? await Certificate.findAll({
        attributes: ['courseId', 'certificateCode', 'certificateNumber', 'pdfUrl', 'isValid'],
        where: { userId: actor.id, courseId: live.map((r) => r.courseId) },
      })
    : [];
  const certByCourse = new Map(certificates.map((c) => [c.courseId, c]));
  return live.map((r) => {
    const c = r.course!;
    const cert = certByCourse.get(r.courseId);
    return {
      enrollment: toEnrollmentDto(r),
      course: {
        id: c.id,
        slug: c.slug,
        title: c.title,
        shortDescription: c.shortDescription ?? null,
        thumbnailUrl: c.thumbnailUrl ?? null,
        instructorName: `${c.instructor?.firstName ?? ''} ${c.instructor?.lastName ?? ''}`.trim(),
      },
      lastLessonId: r.lastLessonId ?? null,
      certificate:
        cert && cert.isValid
          ? { code: cert.certificateCode, number: cert.certificateNumber ?? null, ready: !!cert.pdfUrl }
          : null,
    };
  });
}
