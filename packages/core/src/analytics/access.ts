import { Course } from '@mdsc/db';
import type { Actor } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';

export interface AnalyticsCourseRef {
  id: number;
  title: string;
  slug: string;
  isPublished: boolean;
  instructorId: number;
}

/** The course, if `actor` may see its analytics: its instructor or an admin (FORBIDDEN otherwise). */
export async function loadCourseForAnalytics(actor: Actor, courseId: number): Promise<AnalyticsCourseRef> {
  const c = await Course.findByPk(courseId, {
    attributes: ['id', 'title', 'slug', 'isPublished', 'instructorId'],
  });
  if (!c) throw new NotFoundError('Course', { field: 'courseId', id: courseId });
  if (actor.role !== 'admin' && c.instructorId !== actor.id) {
    throw new ForbiddenError("You may only see your own courses' analytics");
  }
  return {
    id: c.id,
    title: c.title,
    slug: c.slug,
    isPublished: !!c.isPublished,
    instructorId: c.instructorId,
  };
}
