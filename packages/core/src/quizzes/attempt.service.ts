// Taking a quiz: start an attempt (questions without answers), submit it (graded here, on the
// server, against a deadline fixed at start), read the history with feedback. Starting and
// submitting hold the learner's enrolment lock (SELECT … FOR UPDATE), so max_attempts holds
// whatever the number of concurrent requests.
import { Course, Enrollment, Quiz, QuizAttempt, QuizQuestion, sqlInsert, sqlRows, sqlRun, type QuizAnswers } from '@mdsc/db';
import type { NotificationData, NotificationDto, SubmitAttemptInput } from '@mdsc/validators';
import { Transaction } from 'sequelize';
import { isOwnerOrAdmin } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import {
  completeLessonIn,
  learnerState,
  loadLearner,
  lockLearner,
  settleEnrollment,
  type LearnerState,
} from '../learning/completion';
import { effectJobs, Effects } from '../learning/effects';
import { computeAccess, isLessonOpen } from '../learning/structure';
import { encodePayload } from '../notifications/notification-dto';
import { outboxWrite } from '../outbox/writer';
import { gradeAttempt, readAnswers, toGradable, type QuestionGrade } from './grading';
import { gradingData } from './grading-cache';
import { toAttemptResultDto, toLearnerQuestionDto, type AttemptResultDto, type LearnerQuestionDto } from './quiz-dto';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'jobs' | 'logger'>;

/** Network and clock slack granted after the time limit before answers stop counting. */
export const SUBMIT_GRACE_MS = 15_000;

async function loadPublishedQuiz(quizId: number): Promise<Quiz> {
  const quiz = await Quiz.findByPk(quizId);
  if (!quiz || !quiz.isPublished) throw new NotFoundError('Quiz', { id: quizId });
  return quiz;
}

/** A lesson quiz is open with its lesson; the final quiz once every required lesson is completed. */
function assertQuizOpen(state: LearnerState, quiz: Quiz): void {
  const access = computeAccess(state.structure, state.completed);
  if (quiz.isFinal || quiz.lessonId === null) {
    if (state.structure.finalQuiz?.id !== quiz.id) throw new NotFoundError('Quiz', { id: quiz.id });
    if (!access.allRequiredDone) {
      throw new ForbiddenError('Complete every required lesson before the final quiz', { reason: 'quiz_locked' });
    }
    return;
  }
  const lesson = state.structure.ordered.find((l) => l.id === quiz.lessonId);
  if (!lesson) throw new NotFoundError('Quiz', { id: quiz.id });
  if (!isLessonOpen(access, lesson)) throw new ForbiddenError('This lesson is locked', { reason: 'lesson_locked' });
}

const activeQuestions = (quizId: number, transaction?: Transaction) =>
  QuizQuestion.findAll({ where: { quizId, isActive: true }, order: [['orderIndex', 'ASC'], ['id', 'ASC']], transaction });

const isOver = (a: QuizAttempt, now: Date) => !!a.deadlineAt && now.getTime() > new Date(a.deadlineAt).getTime() + SUBMIT_GRACE_MS;

/** An in-progress attempt past its deadline becomes expired: it counts, scores 0. */
async function expire(a: QuizAttempt, questions: QuizQuestion[], transaction: Transaction): Promise<void> {
  const graded = gradeAttempt(questions.map(toGradable), new Map(), 100);
  await a.update(
    {
      status: 'expired',
      answers: {},
      completedAt: a.deadlineAt,
      score: 0,
      totalPoints: graded.totalPoints,
      percentage: 0,
      isPassed: false,
      results: graded.results,
      timeSpentMinutes: Math.ceil((new Date(a.deadlineAt!).getTime() - new Date(a.startedAt).getTime()) / 60_000),
    },
    { transaction },
  );
}

export interface QuizOverviewDto {
  quiz: {
    id: number;
    title: string;
    description: string | null;
    timeLimitMinutes: number | null;
    passingScore: number;
    maxAttempts: number;
    isFinal: boolean;
    lessonId: number | null;
    questionCount: number;
  };
  course: { id: number; slug: string; title: string };
  attemptsUsed: number;
  attemptsLeft: number;
  passed: boolean;
  bestPercentage: number | null;
  inProgress: { attemptId: number; deadlineAt: string | null } | null;
  /** Why the quiz cannot be started now (null when it can, or when attempts are simply used up). */
  lockedReason: 'quiz_locked' | 'lesson_locked' | null;
}

export async function getQuizOverview(deps: Deps, actor: Actor, quizId: number): Promise<QuizOverviewDto> {
  const quiz = await loadPublishedQuiz(quizId);
  const state = await loadLearner(actor.id, quiz.courseId);
  let lockedReason: QuizOverviewDto['lockedReason'] = null;
  try {
    assertQuizOpen(state, quiz);
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err;
    lockedReason = (err.details?.reason as QuizOverviewDto['lockedReason']) ?? 'quiz_locked';
  }
  const [attempts, questionCount] = await Promise.all([
    QuizAttempt.findAll({ where: { userId: actor.id, quizId } }),
    QuizQuestion.count({ where: { quizId, isActive: true } }),
  ]);
  const now = deps.clock.now();
  const open = attempts.find((a) => a.status === 'in_progress' && !isOver(a, now));
  const used = attempts.filter((a) => a.status !== 'in_progress' || isOver(a, now)).length;
  const finished = attempts.filter((a) => a.status !== 'in_progress');
  return {
    quiz: {
      id: quiz.id,
      title: quiz.title,
      description: quiz.description ?? null,
      timeLimitMinutes: quiz.timeLimitMinutes ?? null,
      passingScore: Number(quiz.passingScore),
      maxAttempts: quiz.maxAttempts,
      isFinal: !!quiz.isFinal,
      lessonId: quiz.lessonId ?? null,
      questionCount,
    },
    course: { id: state.course.id, slug: state.course.slug, title: state.course.title },
    attemptsUsed: used,
    attemptsLeft: Math.max(0, quiz.maxAttempts - used - (open ? 1 : 0)),
    passed: finished.some((a) => a.isPassed),
    bestPercentage: finished.length ? Math.max(...finished.map((a) => Number(a.percentage ?? 0))) : null,
    inProgress: open ? { attemptId: open.id, deadlineAt: open.deadlineAt ? new Date(open.deadlineAt).toISOString() : null } : null,
    lockedReason,
  };
}

export interface StartedAttemptDto {
  attemptId: number;
  startedAt: string;
  /** When answers stop counting (null: no time limit). */
  deadlineAt: string | null;
  /** The server's clock, so the browser's timer does not depend on the device's clock. */
  serverNow: string;
  resumed: boolean;
  questions: LearnerQuestionDto[];
}

/** Starts an attempt, or resumes the one in progress. The questions carry no correctness data. */
export async function startAttempt(deps: Deps, actor: Actor, quizId: number): Promise<StartedAttemptDto> {
  const quiz = await loadPublishedQuiz(quizId);
  return transact(deps, 'quizzes.startAttempt', async (tx) => {
    const state = await lockLearner(actor.id, quiz.courseId, tx);
    assertQuizOpen(state, quiz);
    const questions = await activeQuestions(quizId, tx);
    if (questions.length === 0) throw new ForbiddenError('This quiz has no questions yet', { reason: 'quiz_empty' });
    const now = deps.clock.now();
    const attempts = await QuizAttempt.findAll({ where: { userId: actor.id, quizId }, transaction: tx });
    let open = attempts.find((a) => a.status === 'in_progress') ?? null;
    if (open && isOver(open, now)) {
      await expire(open, questions, tx);
      open = null;
    }
    const resumed = !!open;
    if (!open) {
      const used = attempts.filter((a) => a.status !== 'in_progress').length;
      if (used >= quiz.maxAttempts) throw new ForbiddenError('No attempt left for this quiz', { reason: 'no_attempts_left' });
      open = await QuizAttempt.create(
        {
          userId: actor.id,
          quizId,
          answers: {},
          startedAt: now,
          completedAt: null,
          score: null,
          totalPoints: null,
          percentage: null,
          timeSpentMinutes: null,
          status: 'in_progress',
          deadlineAt: quiz.timeLimitMinutes ? new Date(now.getTime() + quiz.timeLimitMinutes * 60_000) : null,
        },
        { transaction: tx },
      );
    }
    return {
      attemptId: open.id,
      startedAt: new Date(open.startedAt).toISOString(),
      deadlineAt: open.deadlineAt ? new Date(open.deadlineAt).toISOString() : null,
      serverNow: now.toISOString(),
      resumed,
      questions: questions.map(toLearnerQuestionDto),
    };
  });
}

interface AttemptContextRow {
  quiz_id: number;
  lesson_id: number | null;
  quiz_title: string;
  passing_score: number | string;
  max_attempts: number;
  is_final: number | boolean;
  questions_version: number;
  course_id: number;
  structure_version: number;
  course_title: string;
  slug: string;
  category_id: number;
  instructor_id: number;
}

/** The attempt's quiz and course in one plain query (the submission path is hot: no model building). */
async function attemptContext(deps: Pick<CoreDeps, 'db'>, userId: number, attemptId: number, tx: Transaction) {
  const [row] = await sqlRows<AttemptContextRow>(
    deps.db,
    `SELECT q.id AS quiz_id, q.lesson_id, q.title AS quiz_title, q.passing_score, q.max_attempts, q.is_final,
            q.questions_version, c.id AS course_id, c.structure_version, c.title AS course_title, c.slug, c.category_id, c.instructor_id
       FROM quiz_attempts a
       JOIN quizzes q ON q.id = a.quiz_id
       JOIN courses c ON c.id = q.course_id AND c.deleted_at IS NULL
      WHERE a.id = ? AND a.user_id = ?`,
    [attemptId, userId],
    tx,
  );
  if (!row) throw new NotFoundError('Attempt', { id: attemptId });
  return {
    quiz: {
      id: row.quiz_id,
      lessonId: row.lesson_id,
      title: row.quiz_title,
      passingScore: Number(row.passing_score),
      maxAttempts: row.max_attempts,
      isFinal: !!row.is_final,
      questionsVersion: Number(row.questions_version),
    },
    course: {
      id: row.course_id,
      title: row.course_title,
      slug: row.slug,
      categoryId: row.category_id,
      instructorId: row.instructor_id,
      structureVersion: Number(row.structure_version),
    },
  };
}

interface EnrollmentRow {
  id: number;
  user_id: number;
  course_id: number;
  status: Enrollment['status'];
  enrolled_at: Date | string;
  started_at: Date | string | null;
  progress_percentage: number | string;
  completed_at: Date | string | null;
  is_active: number | boolean;
  last_accessed_at: Date | string | null;
  last_lesson_id: number | null;
}

/** The learner's enrolment, locked FOR UPDATE (the one locking read of the submission), as a plain row. */
async function lockEnrollmentRow(deps: Pick<CoreDeps, 'db'>, userId: number, courseId: number, tx: Transaction): Promise<EnrollmentRow> {
  const [row] = await sqlRows<EnrollmentRow>(
    deps.db,
    `SELECT id, user_id, course_id, status, enrolled_at, started_at, progress_percentage, completed_at, is_active,
            last_accessed_at, last_lesson_id
       FROM enrollments WHERE user_id = ? AND course_id = ? LIMIT 1${deps.db.dialect === 'mysql' ? ' FOR UPDATE' : ''}`,
    [userId, courseId],
    tx,
  );
  if (!row || !row.is_active) throw new ForbiddenError('Enrol in this course first', { reason: 'not_enrolled', courseId });
  return row;
}

/** The row as a model, for the completion rules (only when the attempt passed). */
const enrollmentModel = (r: EnrollmentRow): Enrollment =>
  Enrollment.build(
    {
      id: r.id,
      userId: r.user_id,
      courseId: r.course_id,
      status: r.status,
      enrolledAt: new Date(r.enrolled_at),
      startedAt: r.started_at === null ? null : new Date(r.started_at),
      progressPercentage: Number(r.progress_percentage),
      completedAt: r.completed_at === null ? null : new Date(r.completed_at),
      isActive: !!r.is_active,
      lastAccessedAt: r.last_accessed_at === null ? null : new Date(r.last_accessed_at),
      lastLessonId: r.last_lesson_id,
    } as never,
    { isNewRecord: false, raw: true },
  );

interface AttemptRow {
  id: number;
  status: QuizAttempt['status'];
  started_at: Date | string;
  deadline_at: Date | string | null;
}

/** The learner's attempts at the quiz, plain rows (read under the enrolment lock). */
const attemptRows = (deps: Pick<CoreDeps, 'db'>, userId: number, quizId: number, tx: Transaction) =>
  sqlRows<AttemptRow>(deps.db, 'SELECT id, status, started_at, deadline_at FROM quiz_attempts WHERE user_id = ? AND quiz_id = ?', [userId, quizId], tx);

/** The attempt's grade, written in one UPDATE of plain values; the same values make the result. */
interface AttemptOutcome {
  status: 'graded' | 'expired';
  answers: QuizAnswers;
  completedAt: Date;
  score: number;
  totalPoints: number;
  percentage: number;
  isPassed: boolean;
  results: QuestionGrade[];
  timeSpentMinutes: number;
}

async function writeOutcome(deps: Pick<CoreDeps, 'db'>, attemptId: number, o: AttemptOutcome, tx: Transaction): Promise<void> {
  await sqlRun(
    deps.db,
    `UPDATE quiz_attempts SET status = ?, answers = ?, completed_at = ?, score = ?, total_points = ?, percentage = ?,
            is_passed = ?, results = ?, time_spent_minutes = ? WHERE id = ?`,
    [
      o.status,
      JSON.stringify(o.answers),
      o.completedAt,
      o.score,
      o.totalPoints,
      o.percentage,
      o.isPassed,
      JSON.stringify(o.results),
      o.timeSpentMinutes,
      attemptId,
    ],
    tx,
  );
}

/**
 * Grades an attempt. Answers arriving after the deadline (plus a small grace) are not counted: the
 * attempt is recorded as expired with a score of 0. Passing a lesson's quiz completes the lesson;
 * passing the final quiz may complete the course. Everything runs on the one connection of the
 * transaction (a request queues once for the pool: with the context read on a connection of its
 * own, a burst first ran every context read, then every transaction, and almost all answers came
 * at the end): the quiz context, the quiz's grading data from the per-version cache, the answers
 * checked, the enrolment lock (the one locking read), the attempts, the writes as plain
 * statements, and the rest of the learner's state only when the attempt passed (what completion
 * needs). READ COMMITTED on MariaDB/MySQL: the context is read before the lock, and every read
 * after it must see what the learner's previous transactions committed (under REPEATABLE READ
 * they would see the snapshot of the context read). The notification row and every outbox row
 * (its live push, the learning events, the certificate rendering) are written with one INSERT
 * each. The statement count is fixed by quiz-query-count.int.test.ts.
 */
export async function submitAttempt(deps: Deps, actor: Actor, input: SubmitAttemptInput): Promise<AttemptResultDto> {
  const isolation = deps.db.dialect === 'mysql' ? { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED } : {};
  return transact(deps, 'quizzes.submitAttempt', async (tx) => {
    const { quiz, course } = await attemptContext(deps, actor.id, input.attemptId, tx);
    const grading = await gradingData(quiz.id, quiz.questionsVersion, tx);
    const answers = readAnswers(grading.gradable, input.answers);
    const effects = new Effects(); // per attempt of the transaction
    const enrollment = await lockEnrollmentRow(deps, actor.id, course.id, tx);
    // Read under the lock: a concurrent submission of the same attempt may have graded it.
    const attempts = await attemptRows(deps, actor.id, quiz.id, tx);
    const attempt = attempts.find((a) => a.id === input.attemptId)!;
    if (attempt.status !== 'in_progress') throw new ConflictError('This attempt was already submitted', { reason: 'already_submitted' });
    const now = deps.clock.now();
    const startedAt = new Date(attempt.started_at);
    const deadlineAt = attempt.deadline_at === null ? null : new Date(attempt.deadline_at);
    let outcome: AttemptOutcome;
    if (deadlineAt && now.getTime() > deadlineAt.getTime() + SUBMIT_GRACE_MS) {
      const graded = gradeAttempt(grading.gradable, new Map(), 100);
      outcome = {
        status: 'expired',
        answers: {},
        completedAt: deadlineAt,
        score: 0,
        totalPoints: graded.totalPoints,
        percentage: 0,
        isPassed: false,
        results: graded.results,
        timeSpentMinutes: Math.ceil((deadlineAt.getTime() - startedAt.getTime()) / 60_000),
      };
    } else {
      const graded = gradeAttempt(grading.gradable, answers, quiz.passingScore);
      outcome = {
        status: 'graded',
        answers: Object.fromEntries([...answers].map(([k, v]) => [String(k), v])),
        completedAt: now,
        score: graded.score,
        totalPoints: graded.totalPoints,
        percentage: graded.percentage,
        isPassed: graded.passed,
        results: graded.results,
        timeSpentMinutes: Math.max(1, Math.ceil((now.getTime() - startedAt.getTime()) / 60_000)),
      };
    }
    await writeOutcome(deps, attempt.id, outcome, tx);
    const passed = outcome.isPassed;
    const percentage = outcome.percentage;
    const graded: NotificationData<'quiz_graded'> = {
      quizId: quiz.id,
      quizTitle: quiz.title,
      attemptId: attempt.id,
      percentage,
      passed,
      courseId: course.id,
      courseSlug: course.slug,
    };
    const notifiedAt = new Date();
    const notificationId = await sqlInsert(
      deps.db,
      'INSERT INTO notifications (user_id, payload, is_read, created_at) VALUES (?, ?, ?, ?)',
      [actor.id, encodePayload('quiz_graded', graded), false, notifiedAt],
      tx,
    );
    // What notificationDto would make of the row just written, without parsing its payload back.
    const dto: NotificationDto = { id: notificationId, type: 'quiz_graded', data: graded, isRead: false, createdAt: notifiedAt.toISOString() };
    effects.event({
      userId: actor.id,
      type: passed ? 'quiz_passed' : 'quiz_failed',
      sourceId: attempt.id,
      courseId: course.id,
      categoryId: course.categoryId,
      occurredAt: now,
      percentage,
    });
    if (passed) {
      const isFinal = quiz.isFinal || quiz.lessonId === null;
      const state = await learnerState(enrollmentModel(enrollment), course, tx, isFinal ? { finalPassed: true } : {});
      const before = new Set(state.completed);
      if (!isFinal && quiz.lessonId !== null) await completeLessonIn(deps, state, quiz.lessonId, effects, tx);
      await settleEnrollment(deps, state, before, effects, tx);
    }
    // quiz_graded is not e-mailed (notify's MAILED list): its push is the only side effect.
    await outboxWrite(deps, tx, {
      live: [{ userId: actor.id, event: { kind: 'notification', notification: dto } }],
      jobs: effectJobs(effects),
    });
    const used = attempts.filter((a) => a.status !== 'in_progress' || a.id === attempt.id).length; // this one included
    return toAttemptResultDto({ id: attempt.id, quizId: quiz.id, startedAt, ...outcome }, grading.feedback, passed || used >= quiz.maxAttempts);
  }, isolation);
}

/**
 * My submitted attempts at a quiz, newest first, with per-question feedback. Expected answers are
 * shown once the quiz is passed or no attempt is left (earlier, they would hand out the answers to
 * the next attempt). The course's instructor and admins can read anyone's attempts elsewhere.
 */
export async function listMyAttempts(_deps: Deps, actor: Actor, quizId: number): Promise<AttemptResultDto[]> {
  const quiz = await Quiz.findByPk(quizId, { attributes: ['id', 'maxAttempts', 'courseId'] });
  if (!quiz) throw new NotFoundError('Quiz', { id: quizId });
  const attempts = await QuizAttempt.findAll({
    where: { userId: actor.id, quizId, status: ['graded', 'expired'] },
    order: [['startedAt', 'DESC'], ['id', 'DESC']],
  });
  if (attempts.length === 0) return [];
  // Retired questions included: old attempts keep their feedback.
  const questions = await QuizQuestion.findAll({ where: { quizId }, order: [['orderIndex', 'ASC'], ['id', 'ASC']] });
  const reveal = attempts.some((a) => a.isPassed) || attempts.length >= quiz.maxAttempts;
  return attempts.map((a) => toAttemptResultDto(a, questions, reveal));
}

/** One submitted attempt: its owner, or the course's instructor and admins. */
export async function getAttemptResult(_deps: Deps, actor: Actor, attemptId: number): Promise<AttemptResultDto> {
  const attempt = await QuizAttempt.findByPk(attemptId, {
    include: [
      {
        model: Quiz,
        as: 'quiz',
        attributes: ['id', 'maxAttempts', 'courseId'],
        include: [{ model: Course, as: 'course', attributes: ['id', 'instructorId'] }],
      },
    ],
  });
  const course = attempt?.quiz?.course;
  const mine = attempt?.userId === actor.id;
  if (!attempt || !course || (!mine && !isOwnerOrAdmin(actor, course.instructorId))) {
    throw new NotFoundError('Attempt', { id: attemptId });
  }
  if (attempt.status === 'in_progress') throw new ConflictError('This attempt is not submitted yet', { reason: 'in_progress' });
  const [questions, siblings] = await Promise.all([
    QuizQuestion.findAll({ where: { quizId: attempt.quizId }, order: [['orderIndex', 'ASC'], ['id', 'ASC']] }),
    QuizAttempt.findAll({ attributes: ['id', 'isPassed'], where: { userId: attempt.userId, quizId: attempt.quizId, status: ['graded', 'expired'] } }),
  ]);
  const reveal = !mine || siblings.some((a) => a.isPassed) || siblings.length >= attempt.quiz!.maxAttempts;
  return toAttemptResultDto(attempt, questions, reveal);
}
