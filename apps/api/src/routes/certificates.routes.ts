// Certificate PDFs over plain HTTP: GET /api/certificates/<code>.pdf streams the stored file to its
// holder or an admin (others get 404, so codes cannot be probed); 409 while it is being rendered.
import { authorizeCertificateDownload, DomainError, type Actor, type CoreDeps } from '@mdsc/core';
import { StorageNotFoundError } from '@mdsc/storage';
import { certificateCodeSchema } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOMAIN_ERROR_STATUS } from './http-status';

export interface CertificateRoutesOptions {
  deps: CoreDeps;
  resolveContext(req: FastifyRequest, reply: FastifyReply): Promise<{ actor: Actor | null }>;
}


export async function certificateRoutes(app: FastifyInstance, opts: CertificateRoutesOptions): Promise<void> {
  app.get('/api/certificates/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const code = certificateCodeSchema.safeParse(file.endsWith('.pdf') ? file.slice(0, -4) : '');
    if (!code.success) return reply.code(404).send({ error: { message: 'Not found', field: null } });
    const { actor } = await opts.resolveContext(req, reply);
    try {
      const { key, filename } = await authorizeCertificateDownload(opts.deps, actor, code.data);
      const got = await opts.deps.storage.get(key);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-length', String(got.contentLength))
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(got.stream);
    } catch (err) {
      if (err instanceof DomainError) {
        if (err.code === 'CONFLICT') reply.header('retry-after', '5');
        return reply.code(DOMAIN_ERROR_STATUS[err.code]).send({ error: { message: err.message, field: null } });
      }
      if (err instanceof StorageNotFoundError) return reply.code(404).send({ error: { message: 'Not found', field: null } });
      throw err;
    }
  });
}
