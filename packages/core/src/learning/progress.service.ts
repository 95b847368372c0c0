// Following a course: open a lesson, report time and player position, complete it. Each change
// runs in one transaction holding the enrolment's lock and recomputes the enrolment in it.
import { Lesson, MediaFile, Progress } from '@mdsc/db';
import { DEFAULT_VIDEO_COMPLETION_SHARE, type HeartbeatInput } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { completeLessonIn, lockLearner, settleEnrollment, type LearnerState } from './completion';
import { Effects, writeEffects } from './effects';
import { toEnrollmentDto, type EnrollmentDto } from './enrollment.service';
import { computeAccess, isLessonOpen, type LessonNode } from './structure';
import { transact } from '../transaction';

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
      defaults: { enrollmentId: state.enrollment.id, lessonId: node.id, status: 'in_progress', completedAt: null },
      transaction: tx,
    });
    if (row.status === 'not_started') await row.update({ status: 'in_progress' }, { transaction: tx });
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
 * Time spent and player position. For video and audio the watched share only grows; reaching the
 * configured share (90 % by default) completes the lesson.
 */
export async function heartbeat(deps: Deps, actor: Actor, input: HeartbeatInput): Promise<HeartbeatResult> {
  return withLearner(deps, actor, input.lessonId, async (state, node, effects, tx) => {
    const [row] = await Progress.findOrCreate({
      where: { enrollmentId: state.enrollment.id, lessonId: node.id },
      defaults: { enrollmentId: state.enrollment.id, lessonId: node.id, status: 'in_progress', completedAt: null },
      transaction: tx,
    });
    const changes: Partial<Progress> = { timeSpent: (row.timeSpent ?? 0) + input.seconds };
    if (row.status === 'not_started') changes.status = 'in_progress';
    let reached = false;
    if (isPlayable(node.contentType) && input.positionSeconds != null) {
      changes.lastPositionSeconds = Math.floor(input.positionSeconds);
      if (input.durationSeconds) {
        const watched = Math.min(100, Math.floor((input.positionSeconds / input.durationSeconds) * 100));
        changes.completionPercentage = Math.max(row.completionPercentage ?? 0, watched);
        reached = changes.completionPercentage >= videoShare(deps) * 100;
      }
    }
    await row.update(changes, { transaction: tx });
    await state.enrollment.update({ lastAccessedAt: deps.clock.now(), lastLessonId: node.id }, { transaction: tx });
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

export interface CompleteLessonResult {
  progress: LessonProgressDto;
  enrollment: EnrollmentDto;
  /** The next lesson in reading order (null at the end). */
  nextLessonId: number | null;
  courseCompleted: boolean;
}

/**
 * Marks a lesson completed. Quiz lessons complete by passing their quiz, and a video or audio with a
 * known duration by being watched far enough (external links, which report no position, may be
 * completed by hand).
 */
export async function completeLesson(deps: Deps, actor: Actor, lessonId: number): Promise<CompleteLessonResult> {
  return withLearner(deps, actor, lessonId, async (state, node, effects, tx) => {
    if (!state.completed.has(node.id)) {
      if (node.quizId !== null) throw new ForbiddenError('Pass the quiz to complete this lesson', { reason: 'quiz_required' });
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

async function assertWatched(deps: Deps, state: LearnerState, node: LessonNode, tx: Transaction): Promise<void> {
  const lesson = await Lesson.findByPk(node.id, {
    attributes: ['id', 'mediaFileId'],
    include: [{ model: MediaFile, as: 'mediaFile', attributes: ['id', 'duration'] }],
    transaction: tx,
  });
  if (!lesson?.mediaFile?.duration) return;
  const row = await Progress.findOne({ where: { enrollmentId: state.enrollment.id, lessonId: node.id }, transaction: tx });
  const share = videoShare(deps);
  if ((row?.completionPercentage ?? 0) < share * 100) {
    throw new ValidationError('lessonId', `Watch at least ${Math.round(share * 100)} % of the ${node.contentType} first`);
  }
}
