// A holder's badge PDF over plain HTTP (a download, not JSON): /api/badges/:userBadgeId/pdf.
import { DomainError, openBadgePdf, type Actor, type CoreDeps } from '@mdsc/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOMAIN_ERROR_STATUS } from './http-status';

export interface BadgeRoutesOptions {
  deps: CoreDeps;
  resolveActor(req: FastifyRequest, reply: FastifyReply): Promise<Actor | null>;
}


export async function badgeRoutes(app: FastifyInstance, opts: BadgeRoutesOptions): Promise<void> {
  app.get('/api/badges/:id/pdf', async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isInteger(id) || id <= 0) return reply.code(404).send({ error: { message: 'Not found' } });
    const actor = await opts.resolveActor(req, reply);
    if (!actor) return reply.code(401).send({ error: { message: 'Authentication required' } });
    try {
      const { key, filename } = await openBadgePdf(opts.deps, actor, id);
      const file = await opts.deps.storage.get(key);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-length', String(file.contentLength))
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file.stream);
    } catch (err) {
      if (err instanceof DomainError) return reply.code(DOMAIN_ERROR_STATUS[err.code]).send({ error: { message: err.message } });
      throw err;
    }
  });
}
