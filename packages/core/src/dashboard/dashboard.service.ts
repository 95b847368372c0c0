// The landing page after log-in, one query per role. Each is a fixed number of SQL statements
// whatever the number of courses, enrolments or threads (joins and scalar sub-queries, no lazy
// loading): see dashboard.int.test.ts. Portable SQL: MariaDB/MySQL and the embedded SQLite.
import { Badge, UserBadge, UserStreak, UserXp } from '@mdsc/db';
import { levelProgress, type BadgeTier, type EnrollmentStatus, type Locale } from '@mdsc/validators';
import { localizeLevel } from '../gamification/level-names';
import { QueryTypes } from 'sequelize';
import { toIso } from '../catalog/access';
import { COURSE_CARD_COLUMNS, courseCardFrom } from '../catalog/course-list.sql';
import { toCourseCard, type CourseCardDto } from '../catalog/course-list.service';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError } from '../errors';
import { effectiveDailyStreak } from '../gamification/streaks';
import { localDay } from '../gamification/time';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'>;
type Row = Record<string, unknown>;

async function select(deps: Pick<CoreDeps, 'db'>, sql: string, replacements: Record<string, unknown>): Promise<Row[]> {
  return deps.db.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT });
}

export interface DashboardCourseProgress {
  courseId: number;
  slug: string;
  title: string;
  thumbnailUrl: string | null;
  status: EnrollmentStatus;
  percentage: number;
  completedLessons: number;
  totalLessons: number;
  lastAccessedAt: string | null;
  /** Where "continue" leads: the last lesson opened, if any. */
  lastLesson: { id: number; title: string } | null;
}

export interface DashboardDeadline {
  kind: 'quiz' | 'course_end';
  title: string;
  courseTitle: string;
  courseSlug: string;
  quizId: number | null;
  /** The course's end; null when the course has none (a quiz still to pass). */
  dueAt: string | null;
}

export interface LearnerDashboardDto {
  resume: DashboardCourseProgress | null;
  courses: DashboardCourseProgress[];
  deadlines: DashboardDeadline[];
  totalXp: number;
  level: ReturnType<typeof levelProgress>;
  streak: { daily: number; longest: number; activeToday: boolean };
  recentBadges: { badgeId: number; name: string; iconUrl: string | null; tier: BadgeTier; earnedAt: string }[];
  suggestions: CourseCardDto[];
}

const MAX_COURSES = 50;
const MAX_DEADLINES = 8;

/** The learner's home. Any signed-in user: instructors and admins learn too. 6 statements. */
export async function getLearnerDashboard(deps: Deps, actor: Actor, locale: Locale = actor.locale): Promise<LearnerDashboardDto> {
  const uid = actor.id;
  const now = deps.clock.now();
  const [enrolRows, quizRows, xp, streak, badges, suggestionRows] = await Promise.all([
    select(
      deps,
      `SELECT e.course_id, e.status, e.progress_percentage, e.last_accessed_at, e.enrolled_at, e.last_lesson_id,
         c.slug, c.title, c.thumbnail_url, c.course_end_date, l.title AS last_lesson_title,
         (SELECT COUNT(*) FROM lessons x WHERE x.course_id = c.id AND x.is_published = TRUE AND x.deleted_at IS NULL) AS lesson_count,
         (SELECT COUNT(*) FROM progress p WHERE p.enrollment_id = e.id AND p.status = 'completed') AS completed_count
       FROM enrollments e
       JOIN courses c ON c.id = e.course_id AND c.deleted_at IS NULL
       LEFT JOIN lessons l ON l.id = e.last_lesson_id AND l.deleted_at IS NULL
       WHERE e.user_id = :uid AND e.is_active = TRUE
       ORDER BY CASE WHEN e.last_accessed_at IS NULL THEN 1 ELSE 0 END, e.last_accessed_at DESC, e.enrolled_at DESC, e.id DESC
       LIMIT ${MAX_COURSES}`,
      { uid },
    ),
    select(
      deps,
      `SELECT q.id, q.title, c.slug, c.title AS course_title, c.course_end_date
       FROM quizzes q
       JOIN enrollments e ON e.course_id = q.course_id AND e.user_id = :uid AND e.is_active = TRUE
       JOIN courses c ON c.id = q.course_id AND c.deleted_at IS NULL
       WHERE q.is_published = TRUE AND e.status IN ('enrolled', 'in_progress')
         AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = :uid AND a.is_passed = TRUE)
       ORDER BY CASE WHEN c.course_end_date IS NULL THEN 1 ELSE 0 END, c.course_end_date ASC, q.id ASC
       LIMIT ${MAX_DEADLINES}`,
      { uid },
    ),
    UserXp.findOne({ where: { userId: uid }, attributes: ['totalXp'] }),
    UserStreak.findOne({ where: { userId: uid }, attributes: ['dailyStreak', 'longestDailyStreak', 'lastActivityDate'] }),
    UserBadge.findAll({
      where: { userId: uid },
      attributes: ['id', 'badgeId', 'earnedAt'],
      include: [{ model: Badge, attributes: ['id', 'name', 'iconUrl', 'tier'] }],
      order: [
        ['earnedAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: 4,
    }),
    // Not yet enrolled; courses of the categories I already follow first, then the most popular.
    select(
      deps,
      `SELECT ${COURSE_CARD_COLUMNS} ${courseCardFrom(deps.db.dialect)}
       WHERE c.is_published = TRUE AND c.deleted_at IS NULL AND cat.is_active = TRUE
         AND NOT EXISTS (SELECT 1 FROM enrollments m WHERE m.course_id = c.id AND m.user_id = :uid)
       ORDER BY CASE WHEN c.category_id IN (
           SELECT c2.category_id FROM enrollments e2 JOIN courses c2 ON c2.id = e2.course_id WHERE e2.user_id = :uid
         ) THEN 0 ELSE 1 END, c.enrollment_count DESC, c.id DESC
       LIMIT 4`,
      { uid },
    ),
  ]);

  const courses: DashboardCourseProgress[] = enrolRows.map((r) => ({
    courseId: Number(r.course_id),
    slug: String(r.slug),
    title: String(r.title),
    thumbnailUrl: (r.thumbnail_url as string | null) ?? null,
    status: r.status as EnrollmentStatus,
    percentage: Math.round(Number(r.progress_percentage)),
    completedLessons: Number(r.completed_count),
    totalLessons: Number(r.lesson_count),
    lastAccessedAt: toIso(r.last_accessed_at as Date | string | null),
    lastLesson:
      r.last_lesson_id !== null && r.last_lesson_title !== null && r.last_lesson_title !== undefined
        ? { id: Number(r.last_lesson_id), title: String(r.last_lesson_title) }
        : null,
  }));
  const unfinished = (c: DashboardCourseProgress) => c.status === 'enrolled' || c.status === 'in_progress';

  const deadlines: DashboardDeadline[] = [];
  for (const q of quizRows) {
    const dueAt = toIso(q.course_end_date as Date | string | null);
    if (dueAt && dueAt < now.toISOString()) continue;
    deadlines.push({
      kind: 'quiz',
      title: String(q.title),
      courseTitle: String(q.course_title),
      courseSlug: String(q.slug),
      quizId: Number(q.id),
      dueAt,
    });
  }
  for (const r of enrolRows) {
    const dueAt = toIso(r.course_end_date as Date | string | null);
    if (!dueAt || dueAt < now.toISOString() || !['enrolled', 'in_progress'].includes(String(r.status))) continue;
    deadlines.push({
      kind: 'course_end',
      title: String(r.title),
      courseTitle: String(r.title),
      courseSlug: String(r.slug),
      quizId: null,
      dueAt,
    });
  }
  // Dated first, soonest first; undated quizzes after.
  deadlines.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));

  const totalXp = xp?.totalXp ?? 0;
  const today = localDay(now, deps.config.timezone);
  const last = streak?.lastActivityDate ?? null;
  return {
    resume: courses.find((c) => unfinished(c) && c.lastLesson) ?? courses.find(unfinished) ?? null,
    courses,
    deadlines: deadlines.slice(0, MAX_DEADLINES),
    totalXp,
    // The level's name in `locale`, from the level-names cache (a query only when it is cold).
    level: await localizeLevel(deps, levelProgress(totalXp), locale),
    streak: {
      daily: streak ? effectiveDailyStreak({ dailyStreak: streak.dailyStreak, lastActivityDate: last }, today) : 0,
      longest: streak?.longestDailyStreak ?? 0,
      activeToday: last === today,
    },
    recentBadges: badges
      .filter((ub) => ub.badge)
      .map((ub) => ({
        badgeId: ub.badgeId,
        name: ub.badge!.name,
        iconUrl: ub.badge!.iconUrl ?? null,
        tier: ub.badge!.tier,
        earnedAt: ub.earnedAt.toISOString(),
      })),
    suggestions: suggestionRows.map(toCourseCard),
  };
}

export interface InstructorDashboardCourse {
  id: number;
  slug: string;
  title: string;
  isPublished: boolean;
  activeEnrolments: number;
  completedEnrolments: number;
  newEnrolmentsThisWeek: number;
  /** Questions nobody has answered yet. */
  unansweredQuestions: number;
  /** Threads and posts waiting in the moderation queue. */
  pendingModeration: number;
  /** Assignment submissions handed in and not graded or returned yet. */
  toGrade: number;
}

export interface InstructorDashboardDto {
  courses: InstructorDashboardCourse[];
  totals: { activeEnrolments: number; unansweredQuestions: number; pendingModeration: number; toGrade: number };
  latestQuestions: {
    threadId: number;
    title: string;
    courseTitle: string;
    authorName: string;
    replyCount: number;
    answered: boolean;
    createdAt: string;
  }[];
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The instructor's home: their own courses (an admin sees the courses they teach). 2 statements. */
export async function getInstructorDashboard(deps: Deps, actor: Actor): Promise<InstructorDashboardDto> {
  if (actor.role !== 'instructor' && actor.role !== 'admin') throw new ForbiddenError('Instructors only');
  const since = new Date(deps.clock.now().getTime() - WEEK_MS);
  const visibleThread = `t.deleted_at IS NULL AND t.is_hidden = FALSE AND t.review_status = 'approved'`;
  const [courseRows, threadRows] = await Promise.all([
    select(
      deps,
      `SELECT c.id, c.slug, c.title, c.is_published,
         (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id AND e.is_active = TRUE) AS active_count,
         (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id AND e.status IN ('completed', 'certified')) AS completed_count,
         (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id AND e.enrolled_at >= :since) AS new_count,
         (SELECT COUNT(*) FROM discussion_threads t WHERE t.course_id = c.id AND ${visibleThread}
            AND t.category = 'question' AND t.reply_count = 0 AND t.accepted_post_id IS NULL) AS unanswered_count,
         (SELECT COUNT(*) FROM discussion_threads t WHERE t.course_id = c.id AND t.deleted_at IS NULL AND t.review_status = 'pending')
         + (SELECT COUNT(*) FROM discussion_posts p JOIN discussion_threads t ON t.id = p.thread_id
              WHERE t.course_id = c.id AND p.deleted_at IS NULL AND p.review_status = 'pending') AS pending_count,
         (SELECT COUNT(*) FROM assignment_submissions s WHERE s.course_id = c.id AND s.status = 'submitted') AS to_grade_count
       FROM courses c
       WHERE c.instructor_id = :uid AND c.deleted_at IS NULL
       ORDER BY c.updated_at DESC, c.id DESC
       LIMIT 100`,
      { uid: actor.id, since },
    ),
    select(
      deps,
      `SELECT t.id, t.title, t.reply_count, t.accepted_post_id, t.created_at, c.title AS course_title,
         u.first_name, u.last_name
       FROM discussion_threads t
       JOIN courses c ON c.id = t.course_id AND c.instructor_id = :uid AND c.deleted_at IS NULL
       JOIN users u ON u.id = t.author_id
       WHERE ${visibleThread} AND t.category = 'question'
       ORDER BY t.created_at DESC, t.id DESC
       LIMIT 5`,
      { uid: actor.id },
    ),
  ]);
  const courses = courseRows.map((r) => ({
    id: Number(r.id),
    slug: String(r.slug),
    title: String(r.title),
    isPublished: !!Number(r.is_published),
    activeEnrolments: Number(r.active_count),
    completedEnrolments: Number(r.completed_count),
    newEnrolmentsThisWeek: Number(r.new_count),
    unansweredQuestions: Number(r.unanswered_count),
    pendingModeration: Number(r.pending_count),
    toGrade: Number(r.to_grade_count),
  }));
  const sum = (f: (c: InstructorDashboardCourse) => number) => courses.reduce((s, c) => s + f(c), 0);
  return {
    courses,
    totals: {
      activeEnrolments: sum((c) => c.activeEnrolments),
      unansweredQuestions: sum((c) => c.unansweredQuestions),
      pendingModeration: sum((c) => c.pendingModeration),
      toGrade: sum((c) => c.toGrade),
    },
    latestQuestions: threadRows.map((r) => ({
      threadId: Number(r.id),
      title: String(r.title),
      courseTitle: String(r.course_title),
      authorName: `${String(r.first_name)} ${String(r.last_name)}`.trim(),
      replyCount: Number(r.reply_count),
      answered: r.accepted_post_id !== null || Number(r.reply_count) > 0,
      createdAt: toIso(r.created_at as Date | string)!,
    })),
  };
}

export interface AdminDashboardDto {
  jobs: {
    driver: 'bullmq' | 'inline';
    supported: boolean;
    waiting: number;
    active: number;
    delayed: number;
    failed: number;
    failedQueues: string[];
  };
  outbox: { unsent: number; oldestUnsentAt: string | null };
  signUps: { total: number; lastWeek: number; lastMonth: number; unverified: number };
  enrolments: { lastWeek: number; completionsLastWeek: number };
  moderation: { pending: number };
  /**
   * Payments: paid orders of the last 7 days with their total per currency (refunded ones left
   * out), bank transfers waiting for an admin's confirmation, and failed payments of the week.
   */
  payments: {
    paidLastWeek: number;
    totals: { currency: string; amount: number; count: number }[];
    pendingTransfers: number;
    oldestPendingTransferAt: string | null;
    failedLastWeek: number;
  };
}

/**
 * Platform health for admins: job queues, the outbox, sign-ups, activity, payments. 2 statements
 * (the counts, the week's totals per currency) + the queue driver.
 */
export async function getAdminDashboard(deps: Deps & Pick<CoreDeps, 'jobs'>, actor: Actor): Promise<AdminDashboardDto> {
  if (actor.role !== 'admin') throw new ForbiddenError('admin_only');
  const now = deps.clock.now().getTime();
  const week = new Date(now - WEEK_MS);
  const month = new Date(now - 30 * 24 * 3600 * 1000);
  const [rows, paid, counts] = await Promise.all([
    select(
      deps,
      `SELECT
         (SELECT COUNT(*) FROM users WHERE deleted_at IS NULL) AS users_total,
         (SELECT COUNT(*) FROM users WHERE deleted_at IS NULL AND created_at >= :week) AS users_week,
         (SELECT COUNT(*) FROM users WHERE deleted_at IS NULL AND created_at >= :month) AS users_month,
         (SELECT COUNT(*) FROM users WHERE deleted_at IS NULL AND is_email_verified = FALSE) AS users_unverified,
         (SELECT COUNT(*) FROM enrollments WHERE enrolled_at >= :week) AS enrol_week,
         (SELECT COUNT(*) FROM enrollments WHERE completed_at >= :week) AS completed_week,
         (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL) AS outbox_unsent,
         (SELECT MIN(created_at) FROM outbox WHERE sent_at IS NULL) AS outbox_oldest,
         (SELECT COUNT(*) FROM discussion_threads WHERE deleted_at IS NULL AND review_status = 'pending')
           + (SELECT COUNT(*) FROM discussion_posts WHERE deleted_at IS NULL AND review_status = 'pending') AS pending,
         (SELECT COUNT(*) FROM orders WHERE status = 'pending' AND provider = 'transfer') AS transfers_pending,
         (SELECT MIN(created_at) FROM orders WHERE status = 'pending' AND provider = 'transfer') AS transfers_oldest,
         (SELECT COUNT(*) FROM orders WHERE status = 'failed' AND failed_at >= :week) AS payments_failed`,
      { week, month },
    ),
    select(
      deps,
      `SELECT currency, COUNT(*) AS n, SUM(amount) AS total
         FROM orders WHERE status = 'paid' AND paid_at >= :week
        GROUP BY currency ORDER BY currency`,
      { week },
    ),
    deps.jobs.counts ? deps.jobs.counts() : Promise.resolve(null),
  ]);
  const r = rows[0]!;
  const queues = counts ?? [];
  const total = (k: 'waiting' | 'active' | 'delayed' | 'failed') => queues.reduce((s, q) => s + (q[k] ?? 0), 0);
  return {
    jobs: {
      driver: deps.jobs.driver,
      supported: counts !== null,
      waiting: total('waiting'),
      active: total('active'),
      delayed: total('delayed'),
      failed: total('failed'),
      failedQueues: queues.filter((q) => q.failed > 0).map((q) => q.queue).sort(),
    },
    outbox: { unsent: Number(r.outbox_unsent), oldestUnsentAt: toIso(r.outbox_oldest as Date | string | null) },
    signUps: {
      total: Number(r.users_total),
      lastWeek: Number(r.users_week),
      lastMonth: Number(r.users_month),
      unverified: Number(r.users_unverified),
    },
    enrolments: { lastWeek: Number(r.enrol_week), completionsLastWeek: Number(r.completed_week) },
    moderation: { pending: Number(r.pending) },
    payments: {
      paidLastWeek: paid.reduce((n, p) => n + Number(p.n), 0),
      totals: paid.map((p) => ({ currency: String(p.currency), amount: Number(p.total), count: Number(p.n) })),
      pendingTransfers: Number(r.transfers_pending),
      oldestPendingTransferAt: toIso(r.transfers_oldest as Date | string | null),
      failedLastWeek: Number(r.payments_failed),
    },
  };
}
