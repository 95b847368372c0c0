import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { appRouter, createHttpContext, guardTrpcRequest, type Context } from '@mdsc/api';
import { checkHealth, DomainError } from '@mdsc/core';
import { TRPC_MAX_BATCH_SIZE } from '@mdsc/validators';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { badgeRoutes } from './routes/badge.routes';
import { certificateRoutes } from './routes/certificates.routes';
import { credentialRoutes } from './routes/credentials.routes';
import { analyticsRoutes } from './routes/analytics.routes';
import { mediaRoutes } from './routes/media.routes';
import { assignmentRoutes } from './routes/assignments.routes';
import { paymentRoutes } from './routes/payments.routes';
import { packageRoutes } from './routes/packages.routes';
import { firstScreenPayload, htmlWithFirstScreen, routePreloads, type ViteManifest } from './first-screen';
import type { Runtime } from './runtime';

/**
 * The tRPC context of a request: actor from the session cookie or bearer token, and a cookie
 * writer for login/logout. Also usable by plain Fastify routes (uploads) that need the actor.
 */
export function httpContext(rt: Runtime, req: FastifyRequest, reply: FastifyReply): Promise<Context> {
  return createHttpContext({
    deps: rt.deps,
    redis: rt.redis,
    trustedOrigins: rt.env.corsOrigins,
    secureCookies: rt.env.COOKIE_SECURE ?? rt.env.NODE_ENV === 'production',
    request: { ip: req.ip, headers: req.headers, cookies: req.cookies },
    setCookie: (c) => void reply.setCookie(c.name, c.value, c.attributes),
  });
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
  await app.register(cookie);

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      // Larger batches get 400 before anything runs; each call in a batch counts on its own.
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      createContext: async ({ req, res, info }) => {
        // The raw body (tRPC's JSON parser hands it over as a string), for the malformed-body check.
        const body: unknown = req.body;
        await guardTrpcRequest(info, {
          method: req.method,
          hasBody: typeof body === 'string' ? body.trim() !== '' : body !== undefined && body !== null,
        });
        return httpContext(rt, req, res);
      },
      // 429 answers say when to come back (rate limits on login, register, reset, resend).
      responseMeta: ({ errors }) => {
        const retry = errors
          .map((e) => (e.cause instanceof DomainError ? e.cause.details?.retryAfterSeconds : undefined))
          .find((v): v is number => typeof v === 'number');
        return retry ? { headers: { 'retry-after': String(retry) } } : {};
      },
    },
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>);

  await app.register(mediaRoutes, { deps: rt.deps, resolveContext: (req, reply) => httpContext(rt, req, reply) });
  await app.register(assignmentRoutes, { deps: rt.deps, resolveContext: (req, reply) => httpContext(rt, req, reply) });
  await app.register(packageRoutes, { deps: rt.deps, resolveContext: (req, reply) => httpContext(rt, req, reply) });
  await app.register(analyticsRoutes, {
    deps: rt.deps,
    resolveActor: async (req, reply) => (await httpContext(rt, req, reply)).actor,
  });
  await app.register(certificateRoutes, { deps: rt.deps, resolveContext: (req, reply) => httpContext(rt, req, reply) });
  await app.register(credentialRoutes, { deps: rt.deps });
  await app.register(paymentRoutes, { deps: rt.deps, resolveContext: (req, reply) => httpContext(rt, req, reply) });
  await app.register(badgeRoutes, {
    deps: rt.deps,
    resolveActor: async (req, reply) => (await httpContext(rt, req, reply)).actor,
  });

  app.get('/healthz', async (_req, reply) => {
    const health = await checkHealth(rt.deps, rt.redis);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });

  // The built web app, when present: static assets, and index.html for client-side routes.
  const indexHtml = path.join(rt.env.WEB_DIST, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: rt.env.WEB_DIST,
      wildcard: false,
      index: false,
      // The build writes .br/.gz beside each text file (apps/web/build/precompress.ts).
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        // Vite's hashed file names change with their content; anything else (favicon, service
        // worker, manifest) is revalidated on every use.
        const hashed = file.startsWith(path.join(rt.env.WEB_DIST, 'assets') + path.sep);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Whether the .br or .gz copy went out depends on Accept-Encoding: say so to shared caches.
    app.addHook('onRequest', async (req, reply) => {
      if (!/^\/(trpc|api)\//.test(req.url)) reply.header('vary', [reply.getHeader('vary'), 'Accept-Encoding'].filter(Boolean).join(', '));
    });
    const html = fs.readFileSync(indexHtml, 'utf8');
    const manifestFile = path.join(rt.env.WEB_DIST, '.vite/manifest.json');
    const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as ViteManifest) : null;
    app.setNotFoundHandler(async (req, reply) => {
      const url = req.url.split('?')[0]!;
      if (req.method !== 'GET' || url.startsWith('/trpc') || url.startsWith('/api/')) {
        return reply.code(404).send({ error: 'Not found' });
      }
      const file = path.join(rt.env.WEB_DIST, url);
      if (url !== '/' && file.startsWith(rt.env.WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(url.slice(1));
      }
      reply.type('text/html; charset=utf-8');
      if (!rt.env.WEB_INLINE_FIRST_SCREEN) return sendHtml(req, reply.header('cache-control', 'no-cache'), html);
      let page = html;
      try {
        const payload = await firstScreenPayload(req.url, await httpContext(rt, req, reply));
        page = htmlWithFirstScreen(html, payload, routePreloads(manifest, req.url));
      } catch (err) {
        req.log.warn({ err }, 'first screen not inlined'); // the web app asks the API itself
      }
      // The page carries this reader's data: never stored by a shared cache.
      return sendHtml(req, reply.header('cache-control', 'private, no-cache').header('vary', 'Cookie, Accept-Encoding'), page);
    });
  }
  return app;
}

/** An HTML page, compressed when the browser accepts it (the static files have .br/.gz copies). */
function sendHtml(req: FastifyRequest, reply: FastifyReply, html: string) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts)) {
    const body = zlib.brotliCompressSync(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
    return reply.header('content-encoding', 'br').send(body);
  }
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(html));
  return reply.send(html);
}
