import {
  addQuestion,
  createQuiz,
  deleteQuestion,
  deleteQuiz,
  duplicateQuestion,
  exportGift,
  importGift,
  getAttemptResult,
  getQuizForEdit,
  getQuizOverview,
  listCourseQuizzes,
  listMyAttempts,
  previewQuiz,
  reorderQuestions,
  startAttempt,
  submitAttempt,
  updateQuestion,
  updateQuiz,
} from '@mdsc/core';
import {
  attemptIdInput,
  giftExportInput,
  giftImportInput,
  questionCreateInput,
  questionIdInput,
  questionReorderInput,
  questionUpdateInput,
  quizCourseInput,
  quizCreateInput,
  quizIdInput,
  quizPreviewInput,
  quizUpdateInput,
  submitAttemptInput,
} from '@mdsc/validators';
import { z } from 'zod';
import { authedProcedure, instructorProcedure, router } from '../trpc';

const quizId = z.object({ id: z.number().int().positive() });

export const quizRouter = router({
  // Authoring: the course's instructor and admins.
  create: instructorProcedure.input(quizCreateInput).mutation(({ ctx, input }) => createQuiz(ctx.deps, ctx.actor, input)),
  update: instructorProcedure.input(quizUpdateInput).mutation(({ ctx, input }) => updateQuiz(ctx.deps, ctx.actor, input)),
  delete: instructorProcedure.input(quizId).mutation(({ ctx, input }) => deleteQuiz(ctx.deps, ctx.actor, input.id)),
  /** A quiz with its questions and their answers (authors only). */
  editor: instructorProcedure.input(quizId).query(({ ctx, input }) => getQuizForEdit(ctx.deps, ctx.actor, input.id)),
  listForCourse: instructorProcedure
    .input(quizCourseInput)
    .query(({ ctx, input }) => listCourseQuizzes(ctx.deps, ctx.actor, input.courseId)),
  addQuestion: instructorProcedure
    .input(questionCreateInput)
    .mutation(({ ctx, input }) => addQuestion(ctx.deps, ctx.actor, input)),
  updateQuestion: instructorProcedure
    .input(questionUpdateInput)
    .mutation(({ ctx, input }) => updateQuestion(ctx.deps, ctx.actor, input)),
  deleteQuestion: instructorProcedure
    .input(questionIdInput)
    .mutation(({ ctx, input }) => deleteQuestion(ctx.deps, ctx.actor, input.id)),
  /** Moodle GIFT: adds every question of the file, or none (each problem named with its line). */
  importGift: instructorProcedure
    .input(giftImportInput)
    .mutation(({ ctx, input }) => importGift(ctx.deps, ctx.actor, input)),
  exportGift: instructorProcedure
    .input(giftExportInput)
    .query(({ ctx, input }) => exportGift(ctx.deps, ctx.actor, input.quizId)),
  /** A copy of the question, placed right after it. */
  duplicateQuestion: instructorProcedure
    .input(questionIdInput)
    .mutation(({ ctx, input }) => duplicateQuestion(ctx.deps, ctx.actor, input.id)),
  /** "Preview as a student": graded like an attempt, answers revealed, nothing recorded. */
  preview: instructorProcedure
    .input(quizPreviewInput)
    .mutation(({ ctx, input }) => previewQuiz(ctx.deps, ctx.actor, input)),
  reorderQuestions: instructorProcedure
    .input(questionReorderInput)
    .mutation(({ ctx, input }) => reorderQuestions(ctx.deps, ctx.actor, input)),

  // Taking a quiz: enrolled learners.
  overview: authedProcedure.input(quizIdInput).query(({ ctx, input }) => getQuizOverview(ctx.deps, ctx.actor, input.quizId)),
  /** Questions without any correctness data; resumes the attempt in progress if there is one. */
  startAttempt: authedProcedure
    .input(quizIdInput)
    .mutation(({ ctx, input }) => startAttempt(ctx.deps, ctx.actor, input.quizId)),
  /** Graded on the server; late answers (after the time limit) are not counted. */
  submitAttempt: authedProcedure
    .input(submitAttemptInput)
    .mutation(({ ctx, input }) => submitAttempt(ctx.deps, ctx.actor, input)),
  /** My submitted attempts with per-question feedback. */
  attempts: authedProcedure.input(quizIdInput).query(({ ctx, input }) => listMyAttempts(ctx.deps, ctx.actor, input.quizId)),
  attempt: authedProcedure
    .input(attemptIdInput)
    .query(({ ctx, input }) => getAttemptResult(ctx.deps, ctx.actor, input.attemptId)),
});
