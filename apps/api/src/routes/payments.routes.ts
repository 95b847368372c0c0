// Payments over plain HTTP:
// - POST /api/payments/fedapay/webhook: FedaPay's event notifications. The signature is computed
//   over the raw body, so this plugin keeps JSON bodies as the exact string received. A forged or
//   missing signature gets 401 before anything is written.
// - GET /api/payments/receipts/<order id>.pdf: the receipt of a paid order, to its buyer or an admin.
import { DomainError, handleFedaPayWebhook, renderReceipt, WebhookSignatureError, type Actor, type CoreDeps } from '@mdsc/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOMAIN_ERROR_STATUS } from './http-status';

export interface PaymentRoutesOptions {
  deps: CoreDeps;
  resolveContext(req: FastifyRequest, reply: FastifyReply): Promise<{ actor: Actor | null }>;
}

export async function paymentRoutes(app: FastifyInstance, opts: PaymentRoutesOptions): Promise<void> {
  // Encapsulated: only this plugin's routes see JSON as a raw string.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));

  app.post('/api/payments/fedapay/webhook', async (req, reply) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const header = req.headers['x-fedapay-signature'];
    try {
      const result = await handleFedaPayWebhook(opts.deps, raw, Array.isArray(header) ? header[0] : header);
      return reply.code(200).send({ received: true, result });
    } catch (err) {
      if (err instanceof WebhookSignatureError) {
        req.log.warn({ reason: err.message }, 'payments: webhook refused (signature)');
        return reply.code(401).send({ error: { message: 'Invalid signature', field: null } });
      }
      throw err;
    }
  });

  app.get('/api/payments/receipts/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const m = /^([1-9][0-9]{0,9})\.pdf$/.exec(file);
    if (!m) return reply.code(404).send({ error: { message: 'Not found', field: null } });
    const { actor } = await opts.resolveContext(req, reply);
    try {
      const { pdf, filename } = await renderReceipt(opts.deps, actor, Number(m[1]));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-length', String(pdf.length))
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(pdf);
    } catch (err) {
      if (err instanceof DomainError) {
        return reply.code(DOMAIN_ERROR_STATUS[err.code]).send({ error: { message: err.message, field: null } });
      }
      throw err;
    }
  });
}
