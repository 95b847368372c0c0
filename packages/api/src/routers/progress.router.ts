import { completeLesson, getCourseLearning, getLessonForLearner, heartbeat, startLesson } from '@mdsc/core';
import { heartbeatInput, learningCourseInput, learningLessonInput } from '@mdsc/validators';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const progressRouter = router({
  /** A course's path for the viewer: lessons with status and locks, final quiz, resume point. */
  course: publicProcedure
    .input(learningCourseInput)
    .query(({ ctx, input }) => getCourseLearning(ctx.deps, ctx.actor, input.slug)),
  /** One lesson with its content, previous/next, and my progress on it. */
  lesson: authedProcedure
    .input(learningLessonInput)
    .query(({ ctx, input }) => getLessonForLearner(ctx.deps, ctx.actor, input.lessonId)),
  start: authedProcedure.input(learningLessonInput).mutation(({ ctx, input }) => startLesson(ctx.deps, ctx.actor, input.lessonId)),
  /** Time spent and player position; a video watched far enough completes its lesson. */
  heartbeat: authedProcedure.input(heartbeatInput).mutation(({ ctx, input }) => heartbeat(ctx.deps, ctx.actor, input)),
  completeLesson: authedProcedure
    .input(learningLessonInput)
    .mutation(({ ctx, input }) => completeLesson(ctx.deps, ctx.actor, input.lessonId)),
});
