import { listCourseMedia } from '@mdsc/core';
import { courseMediaListInput } from '@mdsc/validators';
import { instructorProcedure, router } from '../trpc';

// Uploads and reads are plain HTTP routes (apps/api/src/routes/media.routes.ts); the library's
// listing is here.
export const mediaRouter = router({
  /** A course's files for its instructor (the rich-text editor's image picker). */
  list: instructorProcedure
    .input(courseMediaListInput)
    .query(({ ctx, input }) => listCourseMedia(ctx.actor, input)),
});
