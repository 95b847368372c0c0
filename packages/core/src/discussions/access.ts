// Who may see and act in a course's discussions: learners with an active enrolment, the course's
// instructor and admins. Everyone else gets FORBIDDEN (the course's existence is public anyway).
// Moderators are the course's instructor and admins.
import { Course, Enrollment } from '@mdsc/db';
import type { Actor } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';

export interface DiscussionAccess {
  course: { id: number; title: string; slug: string; instructorId: number };
  isModerator: boolean;
}

export async function loadDiscussionAccess(actor: Actor, courseId: number): Promise<DiscussionAccess> {
  const course = await Course.findByPk(courseId, { attributes: ['id', 'title', 'slug', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { field: 'courseId', id: courseId });
  const ref = { id: course.id, title: course.title, slug: course.slug, instructorId: course.instructorId };
  if (actor.role === 'admin' || course.instructorId === actor.id) return { course: ref, isModerator: true };
  const enrolled = await Enrollment.findOne({
    attributes: ['id'],
    where: { userId: actor.id, courseId, isActive: true },
  });
  if (!enrolled) {
    throw new ForbiddenError('Course discussions are for enrolled learners and the instructor', {
      reason: 'not_enrolled',
    });
  }
  return { course: ref, isModerator: false };
}

/** For moderation actions: FORBIDDEN unless the course's instructor or an admin. */
export async function assertModerator(actor: Actor, courseId: number): Promise<DiscussionAccess> {
  if (actor.role === 'student') throw new ForbiddenError('Moderators only');
  const access = await loadDiscussionAccess(actor, courseId);
  if (!access.isModerator) throw new ForbiddenError("You may only moderate your own courses' discussions");
  return access;
}
