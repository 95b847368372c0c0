import { commitScorm, launchPackage, packageForEditor, recordH5pStatement, restartPackage } from '@mdsc/core';
import { h5pStatementInput, packageLessonInput, scormCommitInput } from '@mdsc/validators';
import { authedProcedure, instructorProcedure, router } from '../trpc';

// SCORM and H5P lessons. The upload itself is a multipart HTTP route (apps/api packages.routes.ts).
export const packageRouter = router({
  /** The lesson's package for its editor; null before the first upload. */
  forLesson: instructorProcedure
    .input(packageLessonInput)
    .query(({ ctx, input }) => packageForEditor(ctx.actor, input.lessonId)),
  /** What the player needs: package URLs, the learner, the current attempt's CMI data. */
  launch: authedProcedure
    .input(packageLessonInput)
    .query(({ ctx, input }) => launchPackage(ctx.actor, input.lessonId)),
  /** A SCO's commit: CMI data stored, the lesson completed when the data says so. */
  commit: authedProcedure
    .input(scormCommitInput)
    .mutation(({ ctx, input }) => commitScorm(ctx.deps, ctx.actor, input)),
  /** An H5P xAPI statement (completed / answered) with its result. */
  h5pStatement: authedProcedure
    .input(h5pStatementInput)
    .mutation(({ ctx, input }) => recordH5pStatement(ctx.deps, ctx.actor, input)),
  /** A new attempt after a completed one. */
  restart: authedProcedure
    .input(packageLessonInput)
    .mutation(({ ctx, input }) => restartPackage(ctx.deps, ctx.actor, input.lessonId)),
});
