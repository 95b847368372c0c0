// The learner's side of a package lesson: launching it (with the CMI data of the current attempt,
// so that the SCO resumes), committing CMI data, and H5P xAPI results. The server is the judge of
// completion: it stores what the package reported and completes the lesson only when the stored
// data says so (SCORM 1.2 passed/completed — against the mastery score when there is a score;
// SCORM 2004 completed and not failed; H5P completed and not failed). XP follows the lesson's
// completion event, which completeLessonIn emits once.
import { Lesson, LessonPackage, PackageAttempt } from '@mdsc/db';
import { durationSeconds, type H5pStatementInput, type ScormCommitInput } from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import { isOwnerOrAdmin } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import {
  completeLessonIn,
  lockLearner,
  loadLearner,
  settleEnrollment,
  type LearnerState,
} from '../learning/completion';
import { Effects, writeEffects } from '../learning/effects';
import { computeAccess, isLessonOpen } from '../learning/structure';
import { transact } from '../transaction';
import { learnerName, toPackageDto, type PackageDto } from './package.service';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger'>;

export interface AttemptDto {
  attempt: number;
  suspendData: string | null;
  location: string | null;
  lessonStatus: string | null;
  completionStatus: string | null;
  successStatus: string | null;
  scoreRaw: number | null;
  scoreMax: number | null;
  totalTimeSeconds: number;
  completedAt: string | null;
}

export interface LaunchDto {
  package: PackageDto;
  /** 'normal' for an enrolled learner (data is kept), 'preview' for the instructor (nothing kept). */
  mode: 'normal' | 'preview';
  learner: { id: string; name: string };
  attempt: AttemptDto;
  lessonCompleted: boolean;
}

const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

function toAttemptDto(a: PackageAttempt | null, attempt = 1): AttemptDto {
  return {
    attempt: a?.attempt ?? attempt,
    suspendData: a?.suspendData ?? null,
    location: a?.location ?? null,
    lessonStatus: a?.lessonStatus ?? null,
    completionStatus: a?.completionStatus ?? null,
    successStatus: a?.successStatus ?? null,
    scoreRaw: num(a?.scoreRaw),
    scoreMax: num(a?.scoreMax),
    totalTimeSeconds: a?.totalTimeSeconds ?? 0,
    completedAt: a?.completedAt ? new Date(a.completedAt).toISOString() : null,
  };
}

/** The package lesson (published, with its package) or NotFound. */
async function packageLesson(lessonId: number) {
  const lesson = await Lesson.findOne({
    attributes: ['id', 'courseId', 'contentType', 'isPublished'],
    where: { id: lessonId },
    include: [{ association: 'course', attributes: ['id', 'instructorId'] }],
  });
  if (!lesson?.course || (lesson.contentType !== 'scorm' && lesson.contentType !== 'h5p'))
    throw new NotFoundError('Lesson', { id: lessonId });
  const pkg = await LessonPackage.findOne({ where: { lessonId } });
  if (!pkg) throw new NotFoundError('Package', { lessonId, reason: 'package_missing' });
  return { lesson, pkg, course: lesson.course };
}

const latestAttempt = (userId: number, lessonId: number, transaction?: Transaction) =>
  PackageAttempt.findOne({ where: { userId, lessonId }, order: [['attempt', 'DESC']], transaction });

function assertOpen(state: LearnerState, lessonId: number) {
  const node = state.structure.ordered.find((l) => l.id === lessonId);
  if (!node) throw new NotFoundError('Lesson', { id: lessonId });
  if (!isLessonOpen(computeAccess(state.structure, state.completed), node)) {
    throw new ForbiddenError('This lesson is locked', { reason: 'lesson_locked' });
  }
}

/** What the player needs: the package, the learner, and the current attempt's CMI data. */
export async function launchPackage(actor: Actor, lessonId: number): Promise<LaunchDto> {
  const { lesson, pkg, course } = await packageLesson(lessonId);
  const name = await learnerName(actor.id);
  const learner = { id: String(actor.id), name };
  if (isOwnerOrAdmin(actor, course.instructorId)) {
    return {
      package: toPackageDto(pkg),
      mode: 'preview',
      learner,
      attempt: toAttemptDto(null),
      lessonCompleted: false,
    };
  }
  if (!lesson.isPublished) throw new NotFoundError('Lesson', { id: lessonId });
  const state = await loadLearner(actor.id, course.id);
  assertOpen(state, lessonId);
  const attempt = await latestAttempt(actor.id, lessonId);
  return {
    package: toPackageDto(pkg),
    mode: 'normal',
    learner,
    attempt: toAttemptDto(attempt),
    lessonCompleted: state.completed.has(lessonId),
  };
}

export interface CommitResult {
  attempt: AttemptDto;
  /** The stored data says the lesson is done (now or earlier). */
  lessonCompleted: boolean;
  /** This commit completed the lesson. */
  completedNow: boolean;
}

function scorePercent(raw: number | null, max: number | null): number | null {
  if (raw === null) return null;
  return max && max > 0 ? (raw / max) * 100 : raw;
}

/** Does the stored attempt complete the lesson? (see the file's header) */
export function attemptCompletes(
  kind: LessonPackage['kind'],
  a: AttemptDto,
  masteryScore: number | null,
): boolean {
  if (kind === 'scorm12') {
    const pct = scorePercent(a.scoreRaw, a.scoreMax);
    if (
      masteryScore !== null &&
      pct !== null &&
      (a.lessonStatus === 'passed' || a.lessonStatus === 'completed' || a.lessonStatus === 'failed')
    ) {
      // SCORM 1.2 (RTE 3.4.2.1.2): with a mastery score and a score, the LMS judges passed/failed.
      return pct >= masteryScore;
    }
    return a.lessonStatus === 'passed' || a.lessonStatus === 'completed';
  }
  return a.completionStatus === 'completed' && a.successStatus !== 'failed';
}

type AttemptChanges = Partial<
  Pick<
    PackageAttempt,
    | 'suspendData'
    | 'location'
    | 'lessonStatus'
    | 'completionStatus'
    | 'successStatus'
    | 'scoreRaw'
    | 'scoreMax'
    | 'totalTimeSeconds'
  >
>;

/** Stores `changes` in the learner's attempt and completes the lesson when the data says so. */
async function recordAttempt(
  deps: Deps,
  actor: Actor,
  lessonId: number,
  expectKinds: readonly LessonPackage['kind'][],
  attemptNo: number | null,
  changes: AttemptChanges,
): Promise<CommitResult> {
  const { lesson, pkg, course } = await packageLesson(lessonId);
  if (!expectKinds.includes(pkg.kind))
    throw new ValidationError('lessonId', 'This lesson does not play that kind of package');
  if (isOwnerOrAdmin(actor, course.instructorId)) {
    throw new ForbiddenError('Previews are not recorded', { reason: 'preview' });
  }
  if (!lesson.isPublished) throw new NotFoundError('Lesson', { id: lessonId });
  return transact(deps, 'packages.record', async (tx) => {
    const effects = new Effects();
    const state = await lockLearner(actor.id, course.id, tx);
    assertOpen(state, lessonId);
    const latest = await latestAttempt(actor.id, lessonId, tx);
    const current = latest?.attempt ?? 1;
    if (attemptNo !== null && attemptNo !== current) {
      throw new ConflictError('This attempt is over; reload the lesson', {
        field: 'attempt',
        reason: 'stale_attempt',
      });
    }
    const row =
      latest ??
      (await PackageAttempt.create({ userId: actor.id, lessonId, attempt: 1 }, { transaction: tx }));
    await row.update(changes, { transaction: tx });
    const dto = toAttemptDto(row);
    const completes = attemptCompletes(pkg.kind, dto, num(pkg.masteryScore));
    let completedNow = false;
    if (completes) {
      const before = new Set(state.completed);
      completedNow = await completeLessonIn(deps, state, lessonId, effects, tx);
      if (!row.completedAt) await row.update({ completedAt: deps.clock.now() }, { transaction: tx });
      if (completedNow) await settleEnrollment(deps, state, before, effects, tx);
    }
    await writeEffects(deps, effects, tx);
    return { attempt: toAttemptDto(row), lessonCompleted: state.completed.has(lessonId), completedNow };
  });
}

/** A SCO's commit (LMSCommit / Commit / Terminate), validated by scormCommitInput. */
export function commitScorm(deps: Deps, actor: Actor, input: ScormCommitInput): Promise<CommitResult> {
  const c = input.cmi;
  const changes: AttemptChanges = {};
  if (c.suspendData !== undefined) changes.suspendData = c.suspendData;
  if (c.location !== undefined) changes.location = c.location;
  if (c.lessonStatus !== undefined) changes.lessonStatus = c.lessonStatus;
  if (c.completionStatus !== undefined) changes.completionStatus = c.completionStatus;
  if (c.successStatus !== undefined) changes.successStatus = c.successStatus;
  if (c.scoreRaw !== undefined) changes.scoreRaw = c.scoreRaw;
  if (c.scoreMax !== undefined) changes.scoreMax = c.scoreMax;
  if (c.totalTime)
    changes.totalTimeSeconds = Math.min(Math.round(durationSeconds(c.totalTime)), 2_000_000_000);
  return recordAttempt(deps, actor, input.lessonId, ['scorm12', 'scorm2004'], input.attempt, changes);
}

/** An H5P xAPI statement: 'completed', or 'answered' with result.completion, ends the activity. */
export function recordH5pStatement(
  deps: Deps,
  actor: Actor,
  input: H5pStatementInput,
): Promise<CommitResult> {
  const r = input.result;
  const changes: AttemptChanges = {};
  const finished = input.verb !== 'answered' || r?.completion === true;
  if (finished) changes.completionStatus = 'completed';
  if (r?.success === true || input.verb === 'passed') changes.successStatus = 'passed';
  if (r?.success === false || input.verb === 'failed') changes.successStatus = 'failed';
  if (r?.score?.raw !== undefined && r.score.raw !== null) {
    changes.scoreRaw = r.score.raw;
    changes.scoreMax = r.score.max ?? null;
  }
  return recordAttempt(deps, actor, input.lessonId, ['h5p'], null, changes);
}

/** Starts a new attempt after a completed one (the SCO then starts from the beginning). */
export async function restartPackage(deps: Deps, actor: Actor, lessonId: number): Promise<AttemptDto> {
  const { course } = await packageLesson(lessonId);
  return transact(deps, 'packages.restart', async (tx) => {
    const state = await lockLearner(actor.id, course.id, tx);
    assertOpen(state, lessonId);
    const latest = await latestAttempt(actor.id, lessonId, tx);
    if (!latest?.completedAt)
      throw new ConflictError('Finish this attempt first', { reason: 'attempt_open' });
    const row = await PackageAttempt.create(
      { userId: actor.id, lessonId, attempt: latest.attempt + 1 },
      { transaction: tx },
    );
    return toAttemptDto(row);
  });
}
