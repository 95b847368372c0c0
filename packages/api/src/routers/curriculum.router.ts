import {
  createLesson,
  createModule,
  deleteLesson,
  deleteModule,
  moveLesson,
  reorderLessons,
  reorderModules,
  updateLesson,
  updateModule,
} from '@mdsc/core';
import {
  lessonCreateInput,
  lessonIdInput,
  lessonMoveInput,
  lessonReorderInput,
  lessonUpdateInput,
  moduleCreateInput,
  moduleReorderInput,
  moduleUpdateInput,
} from '@mdsc/validators';
import { z } from 'zod';
import { instructorProcedure, router } from '../trpc';

const moduleIdInput = z.object({ id: z.number().int().positive() });

export const moduleRouter = router({
  create: instructorProcedure
    .input(moduleCreateInput)
    .mutation(({ ctx, input }) => createModule(ctx.deps, ctx.actor, input)),
  update: instructorProcedure
    .input(moduleUpdateInput)
    .mutation(({ ctx, input }) => updateModule(ctx.deps, ctx.actor, input)),
  delete: instructorProcedure
    .input(moduleIdInput)
    .mutation(({ ctx, input }) => deleteModule(ctx.deps, ctx.actor, input.id)),
  /** The complete new order of a course's modules. */
  reorder: instructorProcedure
    .input(moduleReorderInput)
    .mutation(({ ctx, input }) => reorderModules(ctx.deps, ctx.actor, input)),
});

export const lessonRouter = router({
  create: instructorProcedure
    .input(lessonCreateInput)
    .mutation(({ ctx, input }) => createLesson(ctx.deps, ctx.actor, input)),
  update: instructorProcedure
    .input(lessonUpdateInput)
    .mutation(({ ctx, input }) => updateLesson(ctx.deps, ctx.actor, input)),
  delete: instructorProcedure
    .input(lessonIdInput)
    .mutation(({ ctx, input }) => deleteLesson(ctx.deps, ctx.actor, input.id)),
  /** The complete new order of one module's lessons (moduleId null: the course's own lessons). */
  reorder: instructorProcedure
    .input(lessonReorderInput)
    .mutation(({ ctx, input }) => reorderLessons(ctx.deps, ctx.actor, input)),
  move: instructorProcedure
    .input(lessonMoveInput)
    .mutation(({ ctx, input }) => moveLesson(ctx.deps, ctx.actor, input)),
});
