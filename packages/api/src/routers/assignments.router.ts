import {
  assignmentView,
  gradeSubmission,
  gradingQueue,
  returnSubmission,
  saveAssignmentSettings,
  submissionById,
  submitAssignment,
} from '@mdsc/core';
import {
  assignmentLessonInput,
  assignmentSettingsInput,
  assignmentSubmitInput,
  gradeSubmissionInput,
  gradingQueueInput,
  returnSubmissionInput,
  submissionIdInput,
} from '@mdsc/validators';
import { authedProcedure, instructorProcedure, router } from '../trpc';

// Files are uploaded by POST /api/assignments/:lessonId/file and exported by
// GET /api/courses/:courseId/assignment-submissions.zip (apps/api, plain HTTP).
export const assignmentsRouter = router({
  /** The assignment on its lesson page: settings, my attempts, whether I may hand in now. */
  forLesson: authedProcedure
    .input(assignmentLessonInput)
    .query(({ ctx, input }) => assignmentView(ctx.deps, ctx.actor, input.lessonId)),
  /** Creates or replaces an assignment lesson's settings (its instructor or an admin). */
  saveSettings: instructorProcedure
    .input(assignmentSettingsInput)
    .mutation(({ ctx, input }) => saveAssignmentSettings(ctx.deps, ctx.actor, input)),
  /** Hands in (or replaces, until graded) my work: text and/or a file uploaded beforehand. */
  submit: authedProcedure
    .input(assignmentSubmitInput)
    .mutation(({ ctx, input }) => submitAssignment(ctx.deps, ctx.actor, input)),
  /** One submission: its author and the course's graders only. */
  submission: authedProcedure
    .input(submissionIdInput)
    .query(({ ctx, input }) => submissionById(ctx.actor, input.submissionId)),
  /** A course's grading queue (to grade, late, graded, returned). */
  queue: instructorProcedure.input(gradingQueueInput).query(({ ctx, input }) => gradingQueue(ctx.actor, input)),
  grade: instructorProcedure
    .input(gradeSubmissionInput)
    .mutation(({ ctx, input }) => gradeSubmission(ctx.deps, ctx.actor, input)),
  /** Back to the learner for resubmission, with feedback. */
  returnForResubmission: instructorProcedure
    .input(returnSubmissionInput)
    .mutation(({ ctx, input }) => returnSubmission(ctx.deps, ctx.actor, input)),
});
