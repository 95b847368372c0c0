// The learner's state machine, run inside one transaction that holds the enrolment row's lock:
// lesson completed → percentage and status recomputed → modules unlocked → course completed →
// certificate issued. Every path that changes progress (lessons, quizzes) goes through here.
import { Course, Enrollment, Progress, QuizAttempt, sqlRows, sqlRun, type SqlParam } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { issueCertificate } from '../certificates/issue';
import type { CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';
import { notify } from '../notifications/notify';
import type { Effects } from './effects';
import { computeAccess, loadStructure, type CourseStructure } from './structure';

export type CourseRef = Pick<Course, 'id' | 'title' | 'slug' | 'categoryId' | 'instructorId'> & Partial<Pick<Course, 'structureVersion'>>;

export interface LearnerState {
  enrollment: Enrollment;
  course: CourseRef;
  structure: CourseStructure;
  /** Completed lesson ids of this enrolment. */
  completed: Set<number>;
  finalPassed: boolean;
}

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'>;

/**
 * Locks the user's enrolment (SELECT … FOR UPDATE) and loads everything the rules need. The lock
 * serialises a learner's concurrent requests on one course: recomputations, quiz attempts.
 */
export function lockLearner(userId: number, courseId: number, transaction: Transaction): Promise<LearnerState> {
  return loadLearner(userId, courseId, transaction, true);
}

/** The active enrolment, locked FOR UPDATE when asked (inside a transaction). */
export async function findEnrollment(
  userId: number,
  courseId: number,
  transaction?: Transaction,
  lock = false,
): Promise<Enrollment> {
  const enrollment = await Enrollment.findOne({
    where: { userId, courseId },
    ...(lock && transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    transaction,
  });
  if (!enrollment || !enrollment.isActive) {
    throw new ForbiddenError('Enrol in this course first', { reason: 'not_enrolled', courseId });
  }
  return enrollment;
}

/** Same as lockLearner, for reads: no lock unless asked. */
export async function loadLearner(
  userId: number,
  courseId: number,
  transaction?: Transaction,
  lock = false,
): Promise<LearnerState> {
  const enrollment = await findEnrollment(userId, courseId, transaction, lock);
  const course = await Course.findByPk(courseId, {
    attributes: ['id', 'title', 'slug', 'categoryId', 'instructorId', 'structureVersion'],
    transaction,
  });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  return learnerState(enrollment, course, transaction);
}

/** The rest of the learner's state, for an enrolment already loaded (and locked). */
export async function learnerState(
  enrollment: Enrollment,
  course: CourseRef,
  transaction?: Transaction,
  known: { finalPassed?: boolean } = {},
): Promise<LearnerState> {
  const structure = await loadStructure(course.id, transaction, course.structureVersion);
  const [done, passed] = await Promise.all([
    sqlRows<{ lesson_id: number }>(
      { sequelize: Enrollment.sequelize! },
      "SELECT lesson_id FROM progress WHERE enrollment_id = ? AND status = 'completed'",
      [enrollment.id],
      transaction,
    ),
    // Known by the caller (it has just graded a passing attempt at the final quiz): no query.
    known.finalPassed !== undefined
      ? known.finalPassed
      : structure.finalQuiz
      ? QuizAttempt.findOne({
          attributes: ['id'],
          where: { userId: enrollment.userId, quizId: structure.finalQuiz.id, isPassed: true, status: 'graded' },
          transaction,
        })
      : null,
  ]);
  return {
    enrollment,
    course,
    structure,
    completed: new Set(done.map((p) => Number(p.lesson_id))),
    finalPassed: !!passed,
  };
}

/** Marks a lesson completed (idempotent). Returns false when it already was. */
export async function completeLessonIn(
  deps: Deps,
  state: LearnerState,
  lessonId: number,
  effects: Effects,
  transaction: Transaction,
): Promise<boolean> {
  if (state.completed.has(lessonId)) return false;
  const now = deps.clock.now();
  const [row] = await Progress.findOrCreate({
    where: { enrollmentId: state.enrollment.id, lessonId },
    defaults: { enrollmentId: state.enrollment.id, lessonId, status: 'in_progress', completedAt: null },
    transaction,
  });
  await row.update({ status: 'completed', completionPercentage: 100, completedAt: now }, { transaction });
  state.completed.add(lessonId);
  effects.event({
    userId: state.enrollment.userId,
    type: 'lesson_completed',
    sourceId: lessonId,
    courseId: state.course.id,
    categoryId: state.course.categoryId,
    occurredAt: now,
  });
  return true;
}

type EnrollmentChanges = Partial<Pick<Enrollment, 'progressPercentage' | 'lastAccessedAt' | 'startedAt' | 'status' | 'completedAt'>>;
const ENROLLMENT_COLUMNS: Record<keyof EnrollmentChanges, string> = {
  progressPercentage: 'progress_percentage',
  lastAccessedAt: 'last_accessed_at',
  startedAt: 'started_at',
  status: 'status',
  completedAt: 'completed_at',
};

/**
 * The enrolment's new values in one plain UPDATE (it runs on every completion, quiz submissions
 * included: no instance save), then the same values on the in-memory row, which stays unchanged
 * for Sequelize (a later `update` by the caller does not write them again).
 */
async function writeEnrollment(enrollment: Enrollment, changes: EnrollmentChanges, transaction: Transaction): Promise<void> {
  const keys = Object.keys(changes) as (keyof EnrollmentChanges)[];
  await sqlRun(
    { sequelize: Enrollment.sequelize! },
    `UPDATE enrollments SET ${keys.map((k) => `${ENROLLMENT_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`,
    [...keys.map((k) => changes[k] as SqlParam), enrollment.id],
    transaction,
  );
  for (const k of keys) {
    enrollment.setDataValue(k, changes[k] as never);
    enrollment.changed(k, false);
  }
}

/**
 * Recomputes the enrolment after a change: percentage, status (enrolled → in_progress →
 * completed), modules completed and unlocked, and, once every required lesson is completed and the
 * final quiz (if any) passed, completion and the certificate row.
 */
export async function settleEnrollment(
  deps: Deps,
  state: LearnerState,
  completedBefore: ReadonlySet<number>,
  effects: Effects,
  transaction: Transaction,
): Promise<void> {
  const { enrollment, course, structure } = state;
  const now = deps.clock.now();
  const before = computeAccess(structure, completedBefore);
  const after = computeAccess(structure, state.completed);
  const base = { userId: enrollment.userId, courseId: course.id, categoryId: course.categoryId, occurredAt: now };

  for (const m of structure.modules) {
    if (after.doneModuleIds.has(m.id) && !before.doneModuleIds.has(m.id) && m.lessons.some((l) => l.isRequired)) {
      effects.event({ ...base, type: 'module_completed', sourceId: m.id });
    }
    if (before.lockedModuleIds.has(m.id) && !after.lockedModuleIds.has(m.id)) {
      const first = m.lessons[0];
      await notify(
        deps,
        {
          userId: enrollment.userId,
          type: 'lesson_unlocked',
          data: {
            courseId: course.id,
            courseTitle: course.title,
            courseSlug: course.slug,
            moduleId: m.id,
            moduleTitle: m.title,
            ...(first ? { lessonId: first.id, lessonTitle: first.title } : {}),
          },
        },
        transaction,
      );
    }
  }

  const changes: EnrollmentChanges = { progressPercentage: after.percentage, lastAccessedAt: now };
  if (!enrollment.startedAt) changes.startedAt = now;
  if (enrollment.status === 'enrolled') changes.status = 'in_progress';

  const hasSomethingToComplete = after.requiredTotal > 0 || structure.finalQuiz !== null;
  const done = hasSomethingToComplete && after.allRequiredDone && (!structure.finalQuiz || state.finalPassed);
  const completing = done && (enrollment.status === 'enrolled' || enrollment.status === 'in_progress');
  if (completing) {
    changes.status = 'completed';
    changes.completedAt = now;
    if (after.requiredTotal === 0) changes.progressPercentage = 100;
    effects.event({ ...base, type: 'course_completed', sourceId: course.id });
  }
  await writeEnrollment(enrollment, changes, transaction);
  if (completing) {
    // Last statement before the commit: the year's counter row stays locked as briefly as possible.
    const { certificate, created } = await issueCertificate(deps, enrollment.userId, course.id, transaction);
    if (created) effects.event({ ...base, type: 'certificate_earned', sourceId: certificate.id });
    if (!certificate.pdfUrl) effects.renderCertificate(certificate.id);
  }
}
