// Enrolment: who may join a course, exactly once, with courses.enrollment_count kept equal to the
// number of active enrolments under any concurrency.
import { Certificate, Course, Enrollment, Order, User } from '@mdsc/db';
import type { EnrollmentStatus } from '@mdsc/validators';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { notify, type NotifyDeps } from '../notifications/notify';
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
 * Enrols the actor in a free course, or in a priced one they have a paid order for (see
 * `activateEnrollment` for how concurrency is handled).
 */
export async function enroll(deps: Deps, actor: Actor, courseId: number): Promise<EnrollmentDto> {
  const course = await Course.findByPk(courseId, {
    attributes: ['id', 'title', 'slug', 'isPublished', 'enrollmentDeadline', 'prerequisiteCourseId', 'price', 'currency'],
  });
  if (!course || !course.isPublished) throw new NotFoundError('Course', { id: courseId });
  const blocker = await enrollBlocker(deps, actor, course);
  if (blocker && blocker !== 'not_published' && blocker !== 'already_enrolled') {
    throw new ForbiddenError(BLOCKER_MESSAGES[blocker], { reason: blocker });
  }
  if (Number(course.price) > 0) {
    // A priced course is joined by paying for it: the payment's transaction enrols (payments/).
    const paid = await Order.findOne({ attributes: ['id'], where: { userId: actor.id, courseId, status: 'paid' } });
    if (!paid) {
      throw new ForbiddenError('This course is paid: buy it first (payments.checkout); enrolment follows the payment', {
        reason: 'payment_required',
        price: Number(course.price),
        currency: course.currency,
      });
    }
  }
  try {
    const enrollment = await transact(deps, 'learning.enroll', async (transaction) => {
      const { enrollment: row, activated } = await activateEnrollment(deps, actor.id, course, transaction);
      if (!activated) throw new ConflictError('Already enrolled in this course', { reason: 'already_enrolled' });
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

/**
 * The enrolment itself, in the caller's transaction: used by `enroll` and by a payment becoming paid
 * (same transaction as the payment). Idempotent: an active enrolment is returned as it is
 * (`activated` false). The course row is locked first (UPDATE … enrollment_count + 1), then the
 * enrolment inserted: taking the course lock before the insert's foreign-key check avoids the
 * shared-then-exclusive deadlock between concurrent enrolments, and the unique key
 * (user_id, course_id) turns a second enrolment into a rollback of the whole transaction, counter
 * included. A previously deactivated enrolment is reactivated, progress intact.
 */
export async function activateEnrollment(
  deps: Pick<CoreDeps, 'clock'> & NotifyDeps,
  userId: number,
  course: Pick<Course, 'id' | 'title' | 'slug'>,
  transaction: Transaction,
): Promise<{ enrollment: Enrollment; activated: boolean }> {
  const courseId = course.id;
  const existing = await Enrollment.findOne({ where: { userId, courseId }, transaction });
  if (existing?.isActive) return { enrollment: existing, activated: false };
  let row: Enrollment;
  if (existing) {
    // Conditional update: of two concurrent re-enrolments only one flips the flag and counts.
    const [flipped] = await Enrollment.update(
      { isActive: true, lastAccessedAt: deps.clock.now() },
      { where: { id: existing.id, isActive: false }, transaction },
    );
    if (flipped !== 1) return { enrollment: (await Enrollment.findByPk(existing.id, { transaction }))!, activated: false };
    await Course.increment('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
    row = (await Enrollment.findByPk(existing.id, { transaction }))!;
  } else {
    await Course.increment('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
    row = await Enrollment.create(
      { userId, courseId, enrolledAt: deps.clock.now(), startedAt: null, completedAt: null, lastAccessedAt: null },
      { transaction },
    );
  }
  await notify(
    deps,
    { userId, type: 'enrolment', data: { courseId, courseTitle: course.title, courseSlug: course.slug } },
    transaction,
  );
  return { enrollment: row, activated: true };
}

/** Ends an enrolment in the caller's transaction (a refund): deactivated, the counter kept exact. */
export async function deactivateEnrollment(userId: number, courseId: number, transaction: Transaction): Promise<boolean> {
  const [flipped] = await Enrollment.update({ isActive: false }, { where: { userId, courseId, isActive: true }, transaction });
  if (flipped === 1) {
    await Course.decrement('enrollmentCount', { by: 1, where: { id: courseId }, transaction, silent: true });
  }
  return flipped === 1;
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
