// CSV export of a course's dashboard over plain HTTP, so that a link (or curl with a bearer token)
// downloads a file: GET /api/analytics/:courseId.csv?days=30&granularity=day&locale=fr.
import { courseAnalyticsCsv, DomainError, getCourseAnalytics, type Actor, type CoreDeps } from '@mdsc/core';
import { courseAnalyticsInput, LOCALES, type Locale } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DOMAIN_ERROR_STATUS } from './http-status';

export interface AnalyticsRoutesOptions {
  deps: CoreDeps;
  resolveActor(req: FastifyRequest, reply: FastifyReply): Promise<Actor | null>;
}


const query = z.object({
  days: z.coerce.number().optional(),
  granularity: z.string().optional(),
  locale: z.enum(LOCALES).optional(),
});

export async function analyticsRoutes(app: FastifyInstance, opts: AnalyticsRoutesOptions): Promise<void> {
  app.get<{ Params: { courseId: string } }>('/api/analytics/:courseId.csv', async (req, reply) => {
    const actor = await opts.resolveActor(req, reply);
    if (!actor) return reply.code(401).send({ error: { message: 'Authentication required', field: null } });
    if (actor.role !== 'instructor' && actor.role !== 'admin') {
      return reply.code(403).send({ error: { message: 'Instructors only', field: null } });
    }
    const q = query.safeParse(req.query);
    const input = courseAnalyticsInput.safeParse({
      courseId: Number(req.params.courseId),
      ...(q.success ? { days: q.data.days, granularity: q.data.granularity } : {}),
    });
    if (!q.success || !input.success) {
      const issue = (q.success ? input.error : q.error)?.issues[0];
      return reply
        .code(400)
        .send({ error: { message: issue?.message ?? 'invalid', field: String(issue?.path[0] ?? '') } });
    }
    try {
      const data = await getCourseAnalytics(opts.deps, actor, input.data);
      const locale: Locale = (q.data.locale ?? actor.locale) as Locale;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="analytics-${data.course.slug}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(courseAnalyticsCsv(data, locale));
    } catch (err) {
      if (err instanceof DomainError) {
        return reply
          .code(DOMAIN_ERROR_STATUS[err.code])
          .send({ error: { message: err.message, field: err.details?.field ?? null } });
      }
      throw err;
    }
  });
}
