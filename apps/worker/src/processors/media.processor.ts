import { makeRenditions, probeMedia, processImage, type CoreDeps } from '@mdsc/core';
import { parsePayload, type JobContext } from '@mdsc/jobs';

/** Queue `media`: WebP re-encoding and thumbnails of images, duration of audio and video, low-data
 * renditions of video. */
export function mediaProcessor(deps: CoreDeps) {
  return async (job: JobContext) => {
    const { mediaFileId } = parsePayload('media', job.name, job.data) as { mediaFileId: number };
    switch (job.name) {
      case 'process-image':
        return processImage(deps, mediaFileId);
      case 'probe-media':
        return probeMedia(deps, mediaFileId);
      case 'make-renditions':
        return makeRenditions(deps, mediaFileId);
      default:
        throw new Error(`media: no handler for job ${job.name}`);
    }
  };
}
