// Media over plain HTTP (not tRPC): multipart uploads streamed to storage, and file reads with
// HTTP Range support (video seeking) behind the same access rules as the course pages.
import multipart from '@fastify/multipart';
import {
  authorizeMediaRead,
  DomainError,
  MediaTooLargeError,
  mediaStorageKey,
  uploadDiscussionFile,
  uploadMedia,
  type Actor,
  type CoreDeps,
  type MediaVariant,
} from '@mdsc/core';
import { RENDITION_KINDS } from '@mdsc/validators';
import { StorageNotFoundError, StorageRangeError } from '@mdsc/storage';
import { MEDIA_SIZE_LIMITS, mediaUploadQuery } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendDomainError, sendError } from './http-status';

/** What the route needs to know about the caller (built by server.ts from the session). */
export interface MediaRequestContext {
  actor: Actor | null;
  req: { cookieSession?: boolean; originTrusted?: boolean };
}

export interface MediaRoutesOptions {
  deps: CoreDeps;
  resolveContext(req: FastifyRequest, reply: FastifyReply): Promise<MediaRequestContext>;
}




/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range; anything else is ignored: the whole file is sent). */
export function parseRangeHeader(
  header: string | undefined,
): { start: number; end?: number } | { suffix: number } | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') return { suffix: Number(m[2]) };
  return { start: Number(m[1]), end: m[2] === '' ? undefined : Number(m[2]) };
}

const MAX_UPLOAD = Math.max(...Object.values(MEDIA_SIZE_LIMITS));

export async function mediaRoutes(app: FastifyInstance, opts: MediaRoutesOptions): Promise<void> {
  const { deps } = opts;
  // One file per request; one byte over the largest category limit, so that our own per-category
  // counter (in uploadMedia) is what refuses an oversized file, never a silent truncation.
  await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: MAX_UPLOAD + 1 } });

  app.post('/api/media', async (req, reply) => {
    const ctx = await opts.resolveContext(req, reply);
    if (!ctx.actor) return sendError(reply, 401, 'Authentication required');
    // Same CSRF rule as tRPC mutations: a cookie-authenticated write must come from our origin.
    if (ctx.req.cookieSession && !ctx.req.originTrusted) return sendError(reply, 403, 'cross_site_request');
    const query = mediaUploadQuery.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      return sendError(reply, 400, issue.message, String(issue.path[0] ?? ''));
    }
    if (!req.isMultipart()) return sendError(reply, 415, 'Expected multipart/form-data', 'file');
    const part = await req.file();
    if (!part) return sendError(reply, 400, 'No file in the request', 'file');
    try {
      const { purpose, ...target } = query.data;
      const file = { filename: part.filename, stream: part.file };
      const media =
        purpose === 'discussion'
          ? await uploadDiscussionFile(deps, ctx.actor, { courseId: target.courseId, ...file })
          : await uploadMedia(deps, ctx.actor, { ...target, ...file });
      return reply.code(201).send(media);
    } catch (err) {
      // Stop reading the upload: busboy ends the request, the client gets our answer.
      part.file.destroy();
      reply.header('connection', 'close');
      if (err instanceof MediaTooLargeError) return sendError(reply, 413, err.message, 'file', 'file_too_large');
      if (err instanceof DomainError) return sendDomainError(reply, err);
      req.log.error({ err }, 'upload failed');
      return sendError(reply, 500, 'Upload failed');
    }
  });

  const serve = (fixed?: 'file' | 'thumbnail') => async (req: FastifyRequest, reply: FastifyReply) => {
    const params = req.params as { id: string; kind?: string };
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0) return sendError(reply, 404, 'Not found');
    const variant: MediaVariant | undefined = fixed ?? RENDITION_KINDS.find((k) => k === params.kind);
    if (!variant) return sendError(reply, 404, 'Not found');
    const ctx = await opts.resolveContext(req, reply);
    const authorize = async () => {
      try {
        return await authorizeMediaRead(ctx.actor, id);
      } catch (err) {
        if (err instanceof DomainError) return err;
        throw err;
      }
    };
    let access = await authorize();
    if (access instanceof DomainError) return sendDomainError(reply, access);
    let range = parseRangeHeader(req.headers.range);
    // Two tries: the worker may switch the row to its re-encoded file and delete the original
    // between our reading the row and opening the file; the row read again names the new one.
    for (let attempt = 0; ; attempt++) {
      const { media, isPublic } = access;
      const stored = await mediaStorageKey(media, variant);
      if (!stored) return sendError(reply, 404, 'Not found');
      const { key, type } = stored;
      try {
        if (range && 'suffix' in range) {
          const s = await deps.storage.stat(key);
          if (!s) throw new StorageNotFoundError(key);
          if (range.suffix === 0) throw new StorageRangeError(s.size);
          range = { start: Math.max(0, s.size - range.suffix) };
        }
        const got = await deps.storage.get(key, { range: range ?? undefined });
        reply
          .header('content-type', type)
          .header('accept-ranges', 'bytes')
          .header('content-length', String(got.contentLength))
          .header(
            'cache-control',
            // An original awaiting re-encoding (its uploader's view) must not be cached.
            media.status !== 'ready' ? 'private, no-store' : isPublic ? 'public, max-age=3600' : 'private, max-age=300',
          )
          .header(
            'content-disposition',
            `inline; filename*=UTF-8''${encodeURIComponent(media.originalFilename)}`,
          );
        if (got.range) {
          reply.code(206).header('content-range', `bytes ${got.range.start}-${got.range.end}/${got.size}`);
        }
        return reply.send(got.stream);
      } catch (err) {
        if (err instanceof StorageRangeError) {
          return reply.code(416).header('content-range', `bytes */${err.size}`).send();
        }
        if (!(err instanceof StorageNotFoundError)) throw err;
        if (attempt > 0) return sendError(reply, 404, 'Not found');
        const again = await authorize();
        if (again instanceof DomainError) return sendDomainError(reply, again);
        if ((await mediaStorageKey(again.media, variant))?.key === key) return sendError(reply, 404, 'Not found');
        access = again;
      }
    }
  };
  app.get('/api/media/:id', serve('file'));
  app.get('/api/media/:id/thumbnail', serve('thumbnail'));
  // Low-data mode: the worker's lighter versions of a video (`video_low`, `audio`), same access rules.
  app.get('/api/media/:id/renditions/:kind', serve());
}
