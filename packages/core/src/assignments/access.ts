// Who may do what with an assignment, and the rules of handing in (shared by upload and submit).
import { Assignment, AssignmentSubmission, Course, Lesson } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { isOwnerOrAdmin } from '../catalog/access';
import type { Actor } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { computeAccess, isLessonOpen } from '../learning/structure';
import type { LearnerState } from '../learning/completion';

export type AssignmentCourse = Pick<Course, 'id' | 'title' | 'slug' | 'instructorId' | 'categoryId' | 'isPublished'>;

export interface AssignmentLesson {
  lesson: Pick<Lesson, 'id' | 'title' | 'courseId' | 'contentType' | 'isPublished'>;
  course: AssignmentCourse;
}

/** An assignment lesson and its course; anything else is "not found". */
export async function loadAssignmentLesson(lessonId: number, transaction?: Transaction): Promise<AssignmentLesson> {
  const lesson = await Lesson.findByPk(lessonId, {
    attributes: ['id', 'title', 'courseId', 'contentType', 'isPublished'],
    include: [
      { model: Course, as: 'course', attributes: ['id', 'title', 'slug', 'instructorId', 'categoryId', 'isPublished'] },
    ],
    transaction,
  });
  if (!lesson || lesson.contentType !== 'assignment' || !lesson.course) {
    throw new NotFoundError('Assignment', { lessonId });
  }
  return { lesson, course: lesson.course };
}

export const canGrade = (actor: Actor | null, course: Pick<Course, 'instructorId'>) =>
  isOwnerOrAdmin(actor, course.instructorId);

export function assertGrader(actor: Actor, course: Pick<Course, 'instructorId'>): void {
  if (!canGrade(actor, course)) throw new ForbiddenError('Only the course’s instructor may grade', { reason: 'not_grader' });
}

/** The lesson is published, in the learner's path and open to them. */
export function assertLessonOpen(state: LearnerState, lesson: AssignmentLesson['lesson']): void {
  const node = state.structure.ordered.find((l) => l.id === lesson.id);
  if (!lesson.isPublished || !node) throw new NotFoundError('Assignment', { lessonId: lesson.id });
  if (!isLessonOpen(computeAccess(state.structure, state.completed), node)) {
    throw new ForbiddenError('This lesson is locked', { reason: 'lesson_locked' });
  }
}

export interface Eligibility {
  /** The learner's latest attempt, if any. */
  latest: AssignmentSubmission | null;
  pastDue: boolean;
  /** A submission now would be marked late. */
  late: boolean;
}

/**
 * May the learner hand in now? Not after a grade (the grade is final); after the due date only if
 * the late policy accepts it, or if the instructor returned the work for resubmission (they asked).
 * Late: past the due date under `accept_flag` or a returned work under `refuse`; `accept` treats the
 * due date as indicative and flags nothing.
 */
export async function checkEligibility(
  assignment: Assignment,
  userId: number,
  now: Date,
  transaction?: Transaction,
): Promise<Eligibility> {
  const latest = await AssignmentSubmission.findOne({
    where: { assignmentId: assignment.id, userId },
    order: [['attempt', 'DESC']],
    transaction,
  });
  if (latest?.status === 'graded') {
    throw new ConflictError('This assignment has been graded', { reason: 'already_graded' });
  }
  const pastDue = !!assignment.dueAt && now.getTime() > new Date(assignment.dueAt).getTime();
  if (pastDue && assignment.latePolicy === 'refuse' && latest?.status !== 'returned') {
    throw new ConflictError('The due date has passed', { reason: 'past_due' });
  }
  return { latest, pastDue, late: pastDue && assignment.latePolicy !== 'accept' };
}

export async function loadSettings(lessonId: number, transaction?: Transaction): Promise<Assignment> {
  const a = await Assignment.findOne({ where: { lessonId }, transaction });
  if (!a) throw new ConflictError('This assignment is not open yet', { reason: 'assignment_not_ready' });
  return a;
}
