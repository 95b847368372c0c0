// Assignments over plain HTTP: a learner's file for an assignment lesson (multipart, streamed through
// the media pipeline with the assignment's own type and size rules), and a course's submissions as
// one ZIP, streamed as it is built (graders only).
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  courseSubmissionEntries,
  DomainError,
  MediaTooLargeError,
  uploadAssignmentFile,
  type Actor,
  type CoreDeps,
  type ExportEntry,
} from '@mdsc/core';
import { StorageNotFoundError } from '@mdsc/storage';
import { ASSIGNMENT_MAX_FILE_MB } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import yazl from 'yazl';
import { sendDomainError, sendError } from './http-status';

export interface AssignmentRoutesOptions {
  deps: CoreDeps;
  resolveContext(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ actor: Actor | null; req: { cookieSession?: boolean; originTrusted?: boolean } }>;
}



const positiveId = (v: string) => (/^\d{1,10}$/.test(v) && Number(v) > 0 ? Number(v) : null);

export async function assignmentRoutes(app: FastifyInstance, opts: AssignmentRoutesOptions): Promise<void> {
  const { deps } = opts;
  // One byte over the largest limit an assignment may set: the pipeline's own counter refuses first.
  await app.register(multipart, {
    limits: { files: 1, fields: 2, parts: 3, fileSize: ASSIGNMENT_MAX_FILE_MB * 1024 * 1024 + 1 },
  });

  app.post('/api/assignments/:lessonId/file', async (req, reply) => {
    const lessonId = positiveId((req.params as { lessonId: string }).lessonId);
    if (!lessonId) return sendError(reply, 404, 'Not found');
    const ctx = await opts.resolveContext(req, reply);
    if (!ctx.actor) return sendError(reply, 401, 'Authentication required');
    if (ctx.req.cookieSession && !ctx.req.originTrusted) return sendError(reply, 403, 'cross_site_request');
    if (!req.isMultipart()) return sendError(reply, 415, 'Expected multipart/form-data', 'file');
    const part = await req.file();
    if (!part) return sendError(reply, 400, 'No file in the request', 'file');
    try {
      const media = await uploadAssignmentFile(deps, ctx.actor, { lessonId, filename: part.filename, stream: part.file });
      return reply.code(201).send(media);
    } catch (err) {
      part.file.destroy();
      reply.header('connection', 'close');
      if (err instanceof MediaTooLargeError) return sendError(reply, 413, err.message, 'file', 'file_too_large');
      if (err instanceof DomainError) return sendDomainError(reply, err);
      req.log.error({ err }, 'assignment upload failed');
      return sendError(reply, 500, 'Upload failed');
    }
  });

  app.get('/api/courses/:courseId/assignment-submissions.zip', async (req, reply) => {
    const courseId = positiveId((req.params as { courseId: string }).courseId);
    if (!courseId) return sendError(reply, 404, 'Not found');
    const { actor } = await opts.resolveContext(req, reply);
    if (!actor) return sendError(reply, 401, 'Authentication required');
    let entries: AsyncGenerator<ExportEntry>;
    try {
      entries = await courseSubmissionEntries(actor, courseId);
    } catch (err) {
      if (err instanceof DomainError) return sendDomainError(reply, err);
      throw err;
    }
    const zip = new yazl.ZipFile();
    // Entries are added as the database pages come; each file is opened only when the archive
    // reaches it (addReadStreamLazy), so memory stays flat whatever the course's size.
    void (async () => {
      try {
        for await (const e of entries) {
          if (e.text !== undefined) {
            zip.addBuffer(Buffer.from(e.text, 'utf8'), e.name, { mtime: e.date });
            continue;
          }
          const key = e.storageKey!;
          zip.addReadStreamLazy(e.name, { mtime: e.date }, (cb) => {
            deps.storage.get(key).then(
              (got) => cb(null, got.stream),
              (err: unknown) => {
                // A file gone from storage: say so in its place rather than break the archive.
                if (err instanceof StorageNotFoundError) cb(null, Readable.from([Buffer.from('(file missing from storage)\n')]));
                else cb(err as Error, null as unknown as Readable);
              },
            );
          });
        }
        zip.end();
      } catch (err) {
        req.log.error({ err, courseId }, 'assignment export failed');
        (zip.outputStream as Readable).destroy(err as Error);
      }
    })();
    return reply
      .header('content-type', 'application/zip')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="course-${courseId}-submissions.zip"`)
      .send(zip.outputStream);
  });
}
