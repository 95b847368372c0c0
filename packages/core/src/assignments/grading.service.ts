// The grader's side: the course's queue, grading (which notifies the learner and, at the pass
// mark, completes the lesson through the learning path's own state machine), returning work for
// resubmission, and the list of files for the ZIP export.
import { Assignment, AssignmentGrade, AssignmentSubmission, Course, Enrollment, Lesson, MediaFile, User } from '@mdsc/db';
import type { GradeSubmissionInput, GradingQueueInput, ReturnSubmissionInput } from '@mdsc/validators';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { completeLessonIn, lockLearner, settleEnrollment } from '../learning/completion';
import { Effects, writeEffects } from '../learning/effects';
import { notify } from '../notifications/notify';
import { transact } from '../transaction';
import { assertGrader, loadAssignmentLesson, type AssignmentLesson } from './access';
import { toSubmissionDto, type SubmissionDto } from './dto';
import { submissionIncludes } from './submission.service';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger'> & Partial<CoreDeps>;

export interface QueueItemDto extends SubmissionDto {
  lessonTitle: string;
  learner: { id: number; firstName: string; lastName: string; email: string };
  points: number;
  passMark: number;
}

export interface GradingQueueDto {
  items: QueueItemDto[];
  total: number;
  nextOffset: number | null;
}

/** A course's submissions for its graders, by filter: to grade (oldest first), late, graded, returned. */
export async function gradingQueue(actor: Actor, input: GradingQueueInput): Promise<GradingQueueDto> {
  const course = await Course.findByPk(input.courseId, { attributes: ['id', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { id: input.courseId });
  assertGrader(actor, course);
  const where: WhereOptions<AssignmentSubmission> = { courseId: course.id };
  if (input.filter === 'to_grade') Object.assign(where, { status: 'submitted' });
  if (input.filter === 'late') Object.assign(where, { isLate: true });
  if (input.filter === 'graded') Object.assign(where, { status: 'graded' });
  if (input.filter === 'returned') Object.assign(where, { status: 'returned' });
  const assignmentWhere = input.lessonId ? { lessonId: input.lessonId } : undefined;
  const { rows, count } = await AssignmentSubmission.findAndCountAll({
    where,
    include: [
      ...submissionIncludes(),
      { model: User, as: 'user', attributes: ['id', 'firstName', 'lastName', 'email'] },
      {
        model: Assignment,
        as: 'assignment',
        attributes: ['id', 'lessonId', 'points', 'passMark'],
        where: assignmentWhere,
        include: [{ model: Lesson, as: 'lesson', attributes: ['id', 'title'] }],
      },
    ],
    order: [
      ['submittedAt', input.filter === 'to_grade' || input.filter === 'late' ? 'ASC' : 'DESC'],
      ['id', 'ASC'],
    ],
    limit: input.limit,
    offset: input.offset,
    distinct: true,
  });
  const items = rows.map((s) => ({
    ...toSubmissionDto(s, s.assignment!.lessonId),
    lessonTitle: s.assignment!.lesson?.title ?? '',
    learner: { id: s.user!.id, firstName: s.user!.firstName, lastName: s.user!.lastName, email: s.user!.email },
    points: s.assignment!.points,
    passMark: s.assignment!.passMark,
  }));
  const next = input.offset + rows.length;
  return { items, total: count, nextOffset: next < count ? next : null };
}

interface Loaded {
  submission: AssignmentSubmission;
  assignment: Assignment;
  where: AssignmentLesson;
}

/**
 * Locks, in the order the learner's own requests take them (enrolment, then submission), so that
 * grading and a resubmission never deadlock: the learner's enrolment first (when still active),
 * then the submission row.
 */
async function lockForGrading(actor: Actor, submissionId: number, tx: Transaction) {
  const peek = await AssignmentSubmission.findByPk(submissionId, { attributes: ['id', 'userId', 'courseId', 'assignmentId'], transaction: tx });
  if (!peek) throw new NotFoundError('Submission', { id: submissionId });
  const assignment = await Assignment.findByPk(peek.assignmentId, { transaction: tx });
  if (!assignment) throw new NotFoundError('Submission', { id: submissionId });
  const where = await loadAssignmentLesson(assignment.lessonId, tx);
  assertGrader(actor, where.course);
  const enrolled = await Enrollment.findOne({
    attributes: ['id'],
    where: { userId: peek.userId, courseId: peek.courseId, isActive: true },
    transaction: tx,
  });
  const state = enrolled ? await lockLearner(peek.userId, peek.courseId, tx) : null;
  const submission = await AssignmentSubmission.findByPk(submissionId, { transaction: tx, lock: tx.LOCK.UPDATE });
  if (!submission) throw new NotFoundError('Submission', { id: submissionId });
  const latest = await AssignmentSubmission.findOne({
    attributes: ['id'],
    where: { assignmentId: assignment.id, userId: submission.userId, attempt: { [Op.gt]: submission.attempt } },
    transaction: tx,
  });
  if (latest) throw new ConflictError('A newer attempt replaced this submission', { reason: 'superseded' });
  return { loaded: { submission, assignment, where } satisfies Loaded, state };
}

const notificationData = (l: Loaded) => ({
  courseId: l.where.course.id,
  courseTitle: l.where.course.title,
  courseSlug: l.where.course.slug,
  lessonId: l.where.lesson.id,
  lessonTitle: l.where.lesson.title,
  submissionId: l.submission.id,
});

async function writeGrade(
  submissionId: number,
  values: Pick<AssignmentGrade, 'outcome' | 'score' | 'feedback' | 'graderId' | 'gradedAt'>,
  tx: Transaction,
) {
  const existing = await AssignmentGrade.findOne({ where: { submissionId }, transaction: tx });
  if (existing) await existing.update(values, { transaction: tx });
  else await AssignmentGrade.create({ submissionId, ...values }, { transaction: tx });
}

/** Whether the submission's grade already says `input` (score and feedback). */
async function sameGrade(submissionId: number, input: GradeSubmissionInput, tx: Transaction): Promise<boolean> {
  const g = await AssignmentGrade.findOne({ attributes: ['outcome', 'score', 'feedback'], where: { submissionId }, transaction: tx });
  return g?.outcome === 'graded' && g.score === input.score && (g.feedback ?? null) === (input.feedback ?? null);
}

async function reload(id: number, lessonId: number): Promise<SubmissionDto> {
  const s = await AssignmentSubmission.findByPk(id, { include: submissionIncludes() });
  return toSubmissionDto(s!, lessonId);
}

/**
 * Grades a submission (or corrects a grade): score ≤ the assignment's points, feedback, the learner
 * notified — all in one transaction. A score at the pass mark completes the lesson through the
 * learning path (completeLessonIn is idempotent and the XP event's job id is deterministic, so a
 * regrade never pays twice); a lower regrade does not take a completion back. The same grade sent
 * again changes nothing and notifies nobody.
 */
export async function gradeSubmission(deps: Deps, actor: Actor, input: GradeSubmissionInput): Promise<SubmissionDto> {
  let lessonId = 0;
  await transact(deps, 'assignments.grade', async (tx) => {
    const { loaded, state } = await lockForGrading(actor, input.submissionId, tx);
    const { submission, assignment } = loaded;
    lessonId = assignment.lessonId;
    if (submission.status === 'returned') {
      throw new ConflictError('This submission was returned for resubmission', { reason: 'returned' });
    }
    if (input.score > assignment.points) {
      throw new ValidationError('score', `The score must not exceed ${assignment.points}`);
    }
    if (submission.status === 'graded' && (await sameGrade(submission.id, input, tx))) {
      // The same grade sent again (a retry after a lost answer, a double click): already done,
      // the learner was notified once.
      return;
    }
    const now = deps.clock.now();
    await writeGrade(
      submission.id,
      { outcome: 'graded', score: input.score, feedback: input.feedback ?? null, graderId: actor.id, gradedAt: now },
      tx,
    );
    await submission.update({ status: 'graded' }, { transaction: tx });
    const passed = input.score >= assignment.passMark;
    if (passed && state) {
      const effects = new Effects();
      const before = new Set(state.completed);
      if (await completeLessonIn(deps, state, assignment.lessonId, effects, tx)) {
        await settleEnrollment(deps, state, before, effects, tx);
      }
      await writeEffects(deps, effects, tx);
    }
    await notify(
      deps,
      {
        userId: submission.userId,
        type: 'assignment_graded',
        data: { ...notificationData(loaded), score: input.score, points: assignment.points, passed },
      },
      tx,
    );
  });
  return reload(input.submissionId, lessonId);
}

/** Returns a submission for resubmission, with feedback saying why; the learner is notified. */
export async function returnSubmission(deps: Deps, actor: Actor, input: ReturnSubmissionInput): Promise<SubmissionDto> {
  let lessonId = 0;
  await transact(deps, 'assignments.return', async (tx) => {
    const { loaded } = await lockForGrading(actor, input.submissionId, tx);
    const { submission, assignment } = loaded;
    lessonId = assignment.lessonId;
    if (submission.status !== 'submitted') {
      throw new ConflictError(`This submission is already ${submission.status}`, { reason: `already_${submission.status}` });
    }
    await writeGrade(
      submission.id,
      { outcome: 'returned', score: null, feedback: input.feedback, graderId: actor.id, gradedAt: deps.clock.now() },
      tx,
    );
    await submission.update({ status: 'returned' }, { transaction: tx });
    await notify(deps, { userId: submission.userId, type: 'assignment_returned', data: notificationData(loaded) }, tx);
  });
  return reload(input.submissionId, lessonId);
}

export interface ExportEntry {
  /** Path inside the archive. */
  name: string;
  /** A stored file to copy… */
  storageKey?: string;
  /** …or text written as a file. */
  text?: string;
  date: Date;
}

/** Safe for a path segment in a ZIP on any system. */
const segment = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80) || 'x';

/**
 * Everything handed in for a course's assignments, as archive entries (graders only): one folder per
 * lesson, one per learner, each attempt's file and text. Read in pages so a large course is not
 * loaded at once.
 */
export async function courseSubmissionEntries(actor: Actor, courseId: number): Promise<AsyncGenerator<ExportEntry>> {
  // Judged before the first byte of the answer is sent.
  const course = await Course.findByPk(courseId, { attributes: ['id', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  assertGrader(actor, course);
  return exportEntries(courseId);
}

async function* exportEntries(courseId: number): AsyncGenerator<ExportEntry> {
  const PAGE = 200;
  for (let lastId = 0; ; ) {
    const rows = await AssignmentSubmission.findAll({
      where: { courseId, id: { [Op.gt]: lastId } },
      include: [
        { model: MediaFile, as: 'mediaFile', attributes: ['id', 'originalFilename', 'storagePath'] },
        { model: User, as: 'user', attributes: ['id', 'firstName', 'lastName'] },
        {
          model: Assignment,
          as: 'assignment',
          attributes: ['id', 'lessonId'],
          include: [{ model: Lesson, as: 'lesson', attributes: ['id', 'title'] }],
        },
      ],
      order: [['id', 'ASC']],
      limit: PAGE,
    });
    for (const s of rows) {
      const lesson = s.assignment?.lesson;
      const dir = `${lesson ? `${lesson.id}-${segment(lesson.title)}` : 'lesson'}/${segment(
        `${s.user?.lastName ?? ''}-${s.user?.firstName ?? ''}`,
      )}-${s.userId}/attempt-${s.attempt}`;
      const date = new Date(s.submittedAt);
      if (s.mediaFile) {
        yield { name: `${dir}/${segment(s.mediaFile.originalFilename)}`, storageKey: s.mediaFile.storagePath, date };
      }
      if (s.textContent) yield { name: `${dir}/answer.txt`, text: s.textContent, date };
    }
    if (rows.length < PAGE) return;
    lastId = rows[rows.length - 1].id;
  }
}
