// SCORM and H5P packages over plain HTTP: the upload (multipart, streamed to a temporary file,
// then extracted safely and stored by installPackage) and the package files, served from our own
// origin to the course's learners and instructor with their content type and a CSP that lets a
// package run its scripts in the player's sandboxed iframe and nothing else.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { authorizePackageFile, DomainError, installPackage, type Actor, type CoreDeps } from '@mdsc/core';
import { StorageNotFoundError, StorageRangeError } from '@mdsc/storage';
import { PACKAGE_UPLOAD_MAX_BYTES } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendDomainError, sendError } from './http-status';
import { parseRangeHeader } from './media.routes';

export interface PackageRoutesOptions {
  deps: CoreDeps;
  resolveContext(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ actor: Actor | null; req: { cookieSession?: boolean; originTrusted?: boolean } }>;
}

/** What a package page may do: run its own scripts and styles (inline ones too: authoring tools
 * write them), load its files and talk to our origin; no plugins, no other origin, framed by us only. */
export const PACKAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const H5P_PLAYER_HTML = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>H5P</title><style>html,body{margin:0;padding:0}</style></head>
<body><div id="h5p"></div>
<script src="/h5p-player/main.bundle.js"></script>
<script>
(function () {
  var params = new URLSearchParams(location.hash.slice(1));
  var base = params.get('base') || '';
  if (!/^\\/api\\/packages\\/[a-f0-9]{32}$/.test(base)) return;
  var tell = function (message) { if (parent !== window) parent.postMessage(message, location.origin); };
  new H5PStandalone.H5P(document.getElementById('h5p'), {
    id: params.get('id') || 'h5p',
    h5pJsonPath: base,
    frameJs: '/h5p-player/frame.bundle.js',
    frameCss: '/h5p-player/styles/h5p.css',
    embedType: 'div',
    frame: false,
    icon: false
    // No \`user\`: H5P core would then fetch the learner's saved state from an endpoint we do not
    // have (results go to the lesson page through xAPI instead).
  }).then(function () {
    tell({ type: 'mdsc-h5p', event: 'ready' });
    H5P.externalDispatcher.on('xAPI', function (event) {
      tell({ type: 'mdsc-h5p', event: 'xapi', statement: event.data.statement });
    });
  }, function () { tell({ type: 'mdsc-h5p', event: 'error' }); });
})();
</script></body></html>`;



export async function packageRoutes(app: FastifyInstance, opts: PackageRoutesOptions): Promise<void> {
  const { deps } = opts;
  await app.register(multipart, {
    limits: { files: 1, fields: 2, parts: 3, fileSize: PACKAGE_UPLOAD_MAX_BYTES + 1 },
  });

  app.post('/api/lessons/:lessonId/package', async (req, reply) => {
    const lessonId = Number((req.params as { lessonId: string }).lessonId);
    if (!Number.isInteger(lessonId) || lessonId <= 0) return sendError(reply, 404, 'Not found');
    const ctx = await opts.resolveContext(req, reply);
    if (!ctx.actor) return sendError(reply, 401, 'Authentication required');
    if (ctx.req.cookieSession && !ctx.req.originTrusted) return sendError(reply, 403, 'cross_site_request');
    if (!req.isMultipart()) return sendError(reply, 415, 'Expected multipart/form-data', 'file');
    const part = await req.file();
    if (!part) return sendError(reply, 400, 'No file in the request', 'file');
    const dir = await mkdtemp(path.join(tmpdir(), 'mdsc-upload-'));
    try {
      const zipPath = path.join(dir, 'package.zip');
      await pipeline(part.file, createWriteStream(zipPath));
      if (part.file.truncated) {
        return sendError(
          reply,
          413,
          `The package is larger than ${Math.round(PACKAGE_UPLOAD_MAX_BYTES / 1048576)} MB`,
          'file',
          'file_too_large',
        );
      }
      const result = await installPackage(deps, ctx.actor, { lessonId, zipPath });
      return reply.code(201).send(result);
    } catch (err) {
      part.file.destroy();
      if (err instanceof DomainError) return sendDomainError(reply, err);
      req.log.error({ err }, 'package upload failed');
      return sendError(reply, 500, 'Upload failed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // The H5P player page, framed (sandboxed) by the lesson page: h5p-standalone writes inline
  // scripts, which the app's own CSP forbids, so it runs here under the packages' CSP. It plays the
  // package named in the fragment and passes the activity's xAPI statements to the lesson page.
  app.get('/api/h5p-player.html', async (_req, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PACKAGE_CSP)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-cache')
      .send(H5P_PLAYER_HTML),
  );

  app.get('/api/packages/:folder/*', async (req, reply) => {
    const params = req.params as { folder: string; '*': string };
    const ctx = await opts.resolveContext(req, reply);
    try {
      const file = await authorizePackageFile(ctx.actor, params.folder, params['*'] ?? '');
      let range = parseRangeHeader(req.headers.range);
      if (range && 'suffix' in range) {
        const s = await deps.storage.stat(file.key);
        if (!s) throw new StorageNotFoundError(file.key);
        range = { start: Math.max(0, s.size - range.suffix) };
      }
      const got = await deps.storage.get(file.key, { range: range ?? undefined });
      reply
        .header('content-type', file.contentType)
        .header('content-length', String(got.contentLength))
        .header('accept-ranges', 'bytes')
        .header('content-security-policy', PACKAGE_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        // A package folder never changes (a new upload gets a new folder); access is per user.
        .header('cache-control', 'private, max-age=3600');
      if (got.range)
        reply.code(206).header('content-range', `bytes ${got.range.start}-${got.range.end}/${got.size}`);
      return reply.send(got.stream);
    } catch (err) {
      if (err instanceof StorageRangeError)
        return reply.code(416).header('content-range', `bytes */${err.size}`).send();
      if (err instanceof StorageNotFoundError) return sendError(reply, 404, 'Not found');
      if (err instanceof DomainError) return sendDomainError(reply, err);
      throw err;
    }
  });
}
