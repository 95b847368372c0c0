// Following a course: open a lesson, report time and player position, complete it. Each change
// runs in one transaction holding the enrolment's lock and recomputes the enrolment in it.
import { Lesson, MediaFile, Progress } from '@mdsc/db';
import { DEFAULT_VIDEO_COMPLETION_SHARE, type HeartbeatInput } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { completeLessonIn, lockLearner, settleEnrollment, type LearnerState } from './completion';
import { Effects, writeEffects } from './effects';
import { toEnrollmentDto, type EnrollmentDto } from './enrollment.service';
import { computeAccess, isLessonOpen, type LessonNode } from './structure';
import { transact } from '../transaction';
import { creditTime, watchedPercentage } from './watch-rule';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger'>;

export interface LessonProgressDto {
  lessonId: number;
  status: 'not_started' | 'in_progress' | 'completed';
  completionPercentage: number;
  timeSpent: number;
  lastPositionSeconds: number | null;
  completedAt: string | null;
}

export function toProgressDto(p: Progress | null, lessonId: number): LessonProgressDto {
  return {
    lessonId,
    status: p?.status ?? 'not_started',
    completionPercentage: p?.completionPercentage ?? 0,
    timeSpent: p?.timeSpent ?? 0,
    lastPositionSeconds: p?.lastPositionSeconds ?? null,
    completedAt: p?.completedAt ? new Date(p.completedAt).toISOString() : null,
  };
}

export const videoShare = (deps: Pick<CoreDeps, 'config'>) =>
  deps.config.videoCompletionShare ?? DEFAULT_VIDEO_COMPLETION_SHARE;

const isPlayable = (t: string) => t === 'video' || t === 'audio';

/** The lesson's course id (published lessons only), to know which enrolment to lock. */
async function lessonCourseId(lessonId: number): Promise<number> {
  const lesson = await Lesson.findOne({ attributes: ['id', 'courseId'], where: { id: lessonId, isPublished: true } });
  if (!lesson) throw new NotFoundError('Lesson', { id: lessonId });
  return lesson.courseId;
}

/** The lesson in the learner's path, open to them; throws otherwise. */
function openLesson(state: LearnerState, lessonId: number): LessonNode {
  const node = state.structure.ordered.find((l) => l.id === lessonId);
  if (!node) throw new NotFoundError('Lesson', { id: lessonId });
  const access = computeAccess(state.structure, state.completed);
  if (!isLessonOpen(access, node)) throw new ForbiddenError('This lesson is locked', { reason: 'lesson_locked' });
  return node;
}

async function withLearner<T>(
  deps: Deps,
  actor: Actor,
  lessonId: number,
  fn: (state: LearnerState, node: LessonNode, effects: Effects, tx: Transaction) => Promise<T>,
): Promise<T> {
  const courseId = await lessonCourseId(lessonId);
  return transact(deps, 'learning.progress', async (tx) => {
    // Per attempt of the transaction: a retried transaction starts with no effects.
    const effects = new Effects();
    const state = await lockLearner(actor.id, courseId, tx);
    const result = await fn(state, openLesson(state, lessonId), effects, tx);
    await writeEffects(deps, effects, tx);
    return result;
  });
}

/** Opening a lesson: progress in_progress, enrolment started, "resume here" remembered. */
export async function startLesson(deps: Deps, actor: Actor, lessonId: number): Promise<LessonProgressDto> {
  return withLearner(deps, actor, lessonId, async (state, node, _effects, tx) => {
    const now = deps.clock.now();
    const [row] = await Progress.findOrCreate({
      where: { enrollmentId: state.enrollment.id, lessonId: node.id },
      defaults: { enrollmentId: state.enrollment.id, lessonId: node.id, status: 'in_progress', completedAt: null, lastHeartbeatAt: now },
      transaction: tx,
    });
    // Opening the lesson starts the clock that caps the time the next heartbeat may credit.
    await row.update({ lastHeartbeatAt: now, ...(row.status === 'not_started' ? { status: 'in_progress' as const } : {}) }, { transaction: tx });
    const e = state.enrollment;
    await e.update(
      {
        lastLessonId: node.id,
        lastAccessedAt: now,
        ...(e.startedAt ? {} : { startedAt: now }),
        ...(e.status === 'enrolled' ? { status: 'in_progress' as const } : {}),
      },
      { transaction: tx },
    );
    return toProgressDto(row, node.id);
  });
}

export interface HeartbeatResult {
  progress: LessonProgressDto;
  /** True when this heartbeat completed the lesson (a video watched far enough). */
  completedNow: boolean;
  enrollment: EnrollmentDto;
}

/**
 * Time spent and player position, judged by the server (see watch-rule.ts): the time credited is
 * capped by the time elapsed since the server last heard about this lesson (under the enrolment's
 * row lock, so parallel heartbeats share one budget); for video and audio the watched share is
 * measured against the duration the server knows (never the player's), only grows, and reaching
 * the configured share (90 % by default) completes the lesson.
 */
export async function heartbeat(deps: Deps, actor: Actor, input: HeartbeatInput): Promise<HeartbeatResult> {
  return withLearner(deps, actor, input.lessonId, async (state, node, effects, tx) => {
    const now = deps.clock.now();
    const [row] = await Progress.findOrCreate({
      where: { enrollmentId: state.enrollment.id, lessonId: node.id },
      defaults: { enrollmentId: state.enrollment.id, lessonId: node.id, status: 'in_progress', completedAt: null },
      transaction: tx,
    });
    const { credited, mark } = creditTime(input.seconds, row.lastHeartbeatAt ?? null, now);
    const timeSpent = (row.timeSpent ?? 0) + credited;
    const changes: Partial<Progress> = { timeSpent, lastHeartbeatAt: mark };
    if (row.status === 'not_started') changes.status = 'in_progress';
    let reached = false;
    if (isPlayable(node.contentType)) {
      const { seconds: duration } = await knownDuration(node.id, tx);
      if (input.positionSeconds != null) {
        const position = duration ? Math.min(input.positionSeconds, duration) : input.positionSeconds;
        changes.lastPositionSeconds = Math.floor(position);
      }
      const position = changes.lastPositionSeconds ?? row.lastPositionSeconds;
      // No known duration (nothing probed, no duration on the lesson): nothing to judge against.
      if (duration && position != null) {
        const watched = watchedPercentage(position, timeSpent, duration);
        changes.completionPercentage = Math.max(row.completionPercentage ?? 0, watched);
        reached = changes.completionPercentage >= videoShare(deps) * 100;
      }
    }
    await row.update(changes, { transaction: tx });
    await state.enrollment.update({ lastAccessedAt: now, lastLessonId: node.id }, { transaction: tx });
    let completedNow = false;
    if (reached && node.quizId === null) {
      const before = new Set(state.completed);
      completedNow = await completeLessonIn(deps, state, node.id, effects, tx);
      if (completedNow) await settleEnrollment(deps, state, before, effects, tx);
    }
    const fresh = await Progress.findByPk(row.id, { transaction: tx });
    return { progress: toProgressDto(fresh, node.id), completedNow, enrollment: toEnrollmentDto(state.enrollment) };
  });
}

interface KnownDuration {
  /** The duration the server knows, in seconds: the uploaded file's as probed by the worker, else
   * the lesson's declared duration; null when neither exists. */
  seconds: number | null;
  /** The lesson plays a file uploaded here (not an external link). */
  uploaded: boolean;
  /** Its file still waits for the worker's probe. */
  probePending: boolean;
}

/** What the server knows of a video or audio lesson's length (one query). */
async function knownDuration(lessonId: number, tx: Transaction): Promise<KnownDuration> {
  const lesson = await Lesson.findByPk(lessonId, {
    attributes: ['id', 'mediaFileId', 'durationMinutes'],
    include: [{ model: MediaFile, as: 'mediaFile', attributes: ['id', 'duration', 'status', 'metadata'] }],
    transaction: tx,
  });
  const media = lesson?.mediaFile ?? null;
  const declared = lesson?.durationMinutes ? lesson.durationMinutes * 60 : null;
  return {
    seconds: media?.duration ? media.duration : declared,
    uploaded: !!media,
    probePending: !!media && !media.duration && !media.metadata?.probed && media.status !== 'failed',
  };
}

export interface CompleteLessonResult {
  progress: LessonProgressDto;
  enrollment: EnrollmentDto;
  /** The next lesson in reading order (null at the end). */
  nextLessonId: number | null;
  courseCompleted: boolean;
}

/**
 * Marks a lesson completed. Quiz lessons complete by passing their quiz, and a video or audio file
 * uploaded here by being watched far enough (see assertWatched).
 */
export async function completeLesson(deps: Deps, actor: Actor, lessonId: number): Promise<CompleteLessonResult> {
  return withLearner(deps, actor, lessonId, async (state, node, effects, tx) => {
    if (!state.completed.has(node.id)) {
      if (node.quizId !== null) throw new ForbiddenError('Pass the quiz to complete this lesson', { reason: 'quiz_required' });
      if (node.contentType === 'assignment') {
        throw new ForbiddenError('An assignment completes when it is graded', { reason: 'assignment_grade_required' });
      }
      // SCORM and H5P lessons complete from what the package reports (packages/runtime.service.ts).
      if (node.contentType === 'scorm' || node.contentType === 'h5p') {
        throw new ForbiddenError('The activity completes this lesson when you finish it', { reason: 'package_required' });
      }
      if (isPlayable(node.contentType)) await assertWatched(deps, state, node, tx);
    }
    const before = new Set(state.completed);
    if (await completeLessonIn(deps, state, node.id, effects, tx)) {
      await settleEnrollment(deps, state, before, effects, tx);
    }
    const row = await Progress.findOne({ where: { enrollmentId: state.enrollment.id, lessonId: node.id }, transaction: tx });
    const index = state.structure.ordered.findIndex((l) => l.id === node.id);
    return {
      progress: toProgressDto(row, node.id),
      enrollment: toEnrollmentDto(state.enrollment),
      nextLessonId: state.structure.ordered[index + 1]?.id ?? null,
      courseCompleted: state.enrollment.status === 'completed' || state.enrollment.status === 'certified',
    };
  });
}

/**
 * Completing a video or audio by hand. A file uploaded here must have been watched far enough, as
 * judged by heartbeats against its known duration; while the worker has not probed it (and the
 * lesson declares no duration) there is nothing to judge against yet. External links, which the
 * server cannot measure, and files whose duration could not be read may be completed by hand.
 */
async function assertWatched(deps: Deps, state: LearnerState, node: LessonNode, tx: Transaction): Promise<void> {
  const known = await knownDuration(node.id, tx);
  if (!known.uploaded) return;
  if (!known.seconds) {
    if (known.probePending) throw new ConflictError('The media is still being processed', { reason: 'media_processing' });
    return;
  }
  const row = await Progress.findOne({ where: { enrollmentId: state.enrollment.id, lessonId: node.id }, transaction: tx });
  const share = videoShare(deps);
  if ((row?.completionPercentage ?? 0) < share * 100) {
    throw new ValidationError('lessonId', `Watch at least ${Math.round(share * 100)} % of the ${node.contentType} first`);
  }
}
