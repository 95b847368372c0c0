import fs from 'node:fs';
import path from 'node:path';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { appRouter, type Context } from '@mdsc/api';
import { checkHealth } from '@mdsc/core';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Runtime } from './runtime';

function requestMeta(req: FastifyRequest): Context['req'] {
  return {
    ip: req.ip,
    origin: req.headers.origin ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
}

export async function buildServer(rt: Runtime): Promise<FastifyInstance> {
  const app = Fastify({
    logger: rt.env.LOG_LEVEL === 'silent' ? false : { level: rt.env.LOG_LEVEL },
    bodyLimit: 1024 * 1024,
    trustProxy: rt.env.NODE_ENV === 'production',
    routerOptions: { maxParamLength: 5000 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cors, { origin: rt.env.corsOrigins, credentials: true });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }): Context => ({ deps: rt.deps, redis: rt.redis, req: requestMeta(req), actor: null }),
    },
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>);

  app.get('/healthz', async (_req, reply) => {
    const health = await checkHealth(rt.deps, rt.redis);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });

  // The built web app, when present: static assets, and index.html for client-side routes.
  const indexHtml = path.join(rt.env.WEB_DIST, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: rt.env.WEB_DIST, wildcard: false, index: false });
    const html = fs.readFileSync(indexHtml);
    app.setNotFoundHandler((req, reply) => {
      const url = req.url.split('?')[0];
      if (req.method !== 'GET' || url.startsWith('/trpc') || url.startsWith('/api/')) {
        return reply.code(404).send({ error: 'Not found' });
      }
      const file = path.join(rt.env.WEB_DIST, url);
      if (url !== '/' && file.startsWith(rt.env.WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(url.slice(1));
      }
      return reply.type('text/html').header('cache-control', 'no-cache').send(html);
    });
  }
  return app;
}
