// The learner's side: the assignment as they see it, a file handed in through the media pipeline,
// a submission (or a resubmission), and reading one submission (its author and the graders only).
import type { Readable } from 'node:stream';
import { Assignment, AssignmentGrade, AssignmentSubmission, Enrollment, MediaFile, User } from '@mdsc/db';
import { ASSIGNMENT_FILE_TYPES, type AssignmentFileType, type AssignmentSubmitInput } from '@mdsc/validators';
import { receiveUpload, type MediaDto } from '../catalog/media.service';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { loadLearner, lockLearner } from '../learning/completion';
import { transact } from '../transaction';
import {
  assertLessonOpen,
  canGrade,
  checkEligibility,
  loadAssignmentLesson,
  loadSettings,
} from './access';
import { fileTypesOf, toSettingsDto, toSubmissionDto, type AssignmentSettingsDto, type SubmissionDto } from './dto';

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'jobs' | 'clock' | 'logger'>;

/** Submissions with their file and grade (and the grader's name), for DTOs. */
export const submissionIncludes = () => [
  { model: MediaFile, as: 'mediaFile', attributes: ['id', 'originalFilename', 'fileType', 'fileSize'] },
  {
    model: AssignmentGrade,
    as: 'grade',
    include: [{ model: User, as: 'grader', attributes: ['id', 'firstName', 'lastName'] }],
  },
];

export interface AssignmentViewDto {
  lessonId: number;
  courseId: number;
  /** null while the instructor has not set the assignment up. */
  settings: AssignmentSettingsDto | null;
  /** My attempts, newest first (empty for graders). */
  submissions: SubmissionDto[];
  isPastDue: boolean;
  /** May I hand in (or replace my work) now? */
  canSubmit: boolean;
  /** Why not, when I may not: already_graded, past_due, assignment_not_ready, not_enrolled. */
  blockedReason: string | null;
  canGrade: boolean;
}

/** The assignment on its lesson page: settings, my attempts, and whether I may hand in now. */
export async function assignmentView(deps: Pick<CoreDeps, 'clock'>, actor: Actor, lessonId: number): Promise<AssignmentViewDto> {
  const { lesson, course } = await loadAssignmentLesson(lessonId);
  const settings = await Assignment.findOne({ where: { lessonId } });
  const grader = canGrade(actor, course);
  const now = deps.clock.now();
  const base = {
    lessonId,
    courseId: course.id,
    settings: settings ? toSettingsDto(settings) : null,
    isPastDue: !!settings?.dueAt && now > new Date(settings.dueAt),
    canGrade: grader,
  };
  if (grader) return { ...base, submissions: [], canSubmit: false, blockedReason: null };
  const state = await loadLearner(actor.id, course.id);
  assertLessonOpen(state, lesson);
  const rows = settings
    ? await AssignmentSubmission.findAll({
        where: { userId: actor.id, assignmentId: settings.id },
        include: submissionIncludes(),
        order: [['attempt', 'DESC']],
      })
    : [];
  let blockedReason: string | null = settings ? null : 'assignment_not_ready';
  if (settings) {
    try {
      await checkEligibility(settings, actor.id, now);
    } catch (err) {
      blockedReason = (err as { details?: { reason?: string } }).details?.reason ?? 'blocked';
    }
  }
  return {
    ...base,
    submissions: rows.map((s) => toSubmissionDto(s, lessonId)),
    canSubmit: blockedReason === null,
    blockedReason,
  };
}

export interface AssignmentUploadInput {
  lessonId: number;
  filename: string | undefined;
  stream: Readable;
}

/**
 * A learner's file for an assignment, through the media pipeline (content sniffing, streamed size
 * limit, storage) with the assignment's own rules: only its allowed types, at most its size. The
 * learner needs no author rights: they must be enrolled, the lesson open to them and the
 * assignment still accepting their work. The row is marked as handed-in work, which only its
 * author and the course's graders may read (see authorizeMediaRead).
 */
export async function uploadAssignmentFile(deps: Deps, actor: Actor, input: AssignmentUploadInput): Promise<MediaDto> {
  const { lesson, course } = await loadAssignmentLesson(input.lessonId);
  const settings = await loadSettings(lesson.id);
  const state = await loadLearner(actor.id, course.id);
  assertLessonOpen(state, lesson);
  if (settings.submissionType === 'text') throw new ValidationError('file', 'This assignment takes text only');
  await checkEligibility(settings, actor.id, deps.clock.now());
  const allowed = new Set(fileTypesOf(settings));
  return receiveUpload(
    deps,
    actor,
    { courseId: course.id, lessonId: lesson.id, filename: input.filename, stream: input.stream },
    {
      category: (d) => (allowed.has(d.ext as AssignmentFileType) ? ASSIGNMENT_FILE_TYPES[d.ext as AssignmentFileType] : null),
      maxBytes: settings.maxFileSizeMb * 1024 * 1024,
      metadata: { assignmentLessonId: lesson.id },
    },
  );
}

/**
 * Hands in (or replaces) my work. While it is not graded, a new submission replaces the content of
 * the current attempt; after a return it opens the next attempt. Runs under the enrolment's lock,
 * so two clicks cannot open two attempts.
 */
export async function submitAssignment(deps: Deps, actor: Actor, input: AssignmentSubmitInput): Promise<SubmissionDto> {
  const { lesson, course } = await loadAssignmentLesson(input.lessonId);
  const id = await transact(deps, 'assignments.submit', async (tx) => {
    const state = await lockLearner(actor.id, course.id, tx);
    assertLessonOpen(state, lesson);
    const settings = await loadSettings(lesson.id, tx);
    const now = deps.clock.now();
    const { latest, late } = await checkEligibility(settings, actor.id, now, tx);
    const text = input.text ?? null;
    if (settings.submissionType === 'text' && input.mediaFileId) {
      throw new ValidationError('mediaFileId', 'This assignment takes text only');
    }
    if (settings.submissionType === 'file' && text) throw new ValidationError('text', 'This assignment takes a file only');
    if (settings.submissionType === 'file' && !input.mediaFileId) throw new ValidationError('file', 'Attach your file');
    if (settings.submissionType === 'text' && !text) throw new ValidationError('text', 'Write your answer');
    if (!text && !input.mediaFileId) throw new ValidationError('text', 'Write your answer or attach a file');
    if (input.mediaFileId) {
      const media = await MediaFile.findByPk(input.mediaFileId, { attributes: ['id', 'uploadedBy', 'metadata', 'status'], transaction: tx });
      if (!media || media.uploadedBy !== actor.id || media.metadata?.assignmentLessonId !== lesson.id || media.status === 'failed') {
        throw new ValidationError('mediaFileId', 'Not a file you uploaded for this assignment');
      }
    }
    const content = { textContent: text, mediaFileId: input.mediaFileId, submittedAt: now, isLate: late };
    if (latest?.status === 'submitted') {
      await latest.update(content, { transaction: tx });
      return latest.id;
    }
    const row = await AssignmentSubmission.create(
      {
        assignmentId: settings.id,
        courseId: course.id,
        userId: actor.id,
        attempt: (latest?.attempt ?? 0) + 1,
        status: 'submitted',
        ...content,
      },
      { transaction: tx },
    );
    return row.id;
  });
  const fresh = await AssignmentSubmission.findByPk(id, { include: submissionIncludes() });
  return toSubmissionDto(fresh!, lesson.id);
}

/** One submission: its author, the course's instructor and admins; anyone else is FORBIDDEN. */
export async function submissionById(actor: Actor, submissionId: number): Promise<SubmissionDto> {
  const s = await AssignmentSubmission.findByPk(submissionId, {
    include: [...submissionIncludes(), { model: Assignment, as: 'assignment', attributes: ['id', 'lessonId'] }],
  });
  if (!s || !s.assignment) throw new NotFoundError('Submission', { id: submissionId });
  if (s.userId !== actor.id) {
    const { course } = await loadAssignmentLesson(s.assignment.lessonId);
    if (!canGrade(actor, course)) {
      throw new ForbiddenError('This submission is not yours', { reason: 'not_your_submission' });
    }
  }
  return toSubmissionDto(s, s.assignment.lessonId);
}

/** Whether the learner is (still) enrolled: completion on a passing grade needs an active enrolment. */
export async function activeEnrollment(userId: number, courseId: number): Promise<boolean> {
  return !!(await Enrollment.findOne({ attributes: ['id'], where: { userId, courseId, isActive: true } }));
}
