// Instructor dashboard of one course. Every number is one SQL aggregate (GROUP BY) answered from a
// covering index of migration 0501 — never a row-by-row loop in JavaScript.
import { CourseModule, Lesson, Quiz } from '@mdsc/db';
import type { AnalyticsGranularity, CourseAnalyticsInput } from '@mdsc/validators';
import { QueryTypes } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { loadCourseForAnalytics, type AnalyticsCourseRef } from './access';
import { hardestQuestions, quizStats, type QuestionStats, type QuizStats } from './quiz-analytics';
import { addDays, dayStartUtc, localDay, localDaySql, tzOffsetMinutes, weekStart } from './time';

type Deps = Pick<CoreDeps, 'db' | 'clock' | 'config'>;

export interface CourseSummary {
  /** Every enrolment ever made (unenrolled students included: they count against completion). */
  enrolments: number;
  /** Enrolments past the "enrolled" status: the student opened at least one lesson. */
  startedLearners: number;
  /** Status completed or certified. */
  completed: number;
  /** completed / enrolments, 0..1. */
  completionRate: number;
  /** Mean of enrollments.progress_percentage, 0..100. */
  averageProgress: number;
  /** Enrolments with an access (enrollments.last_accessed_at) in the last 7 / 30 days. */
  activeLearners7d: number;
  activeLearners30d: number;
  /** Sum of progress.time_spent over the course's lessons. */
  totalTimeSpentSeconds: number;
  /** totalTimeSpentSeconds / startedLearners. */
  averageTimePerLearnerSeconds: number;
}

export interface SeriesPoint {
  /** First day of the bucket (a Monday for weeks), local to the platform's time zone. */
  date: string;
  count: number;
}

export interface FunnelStep {
  lessonId: number;
  title: string;
  moduleTitle: string | null;
  position: number;
  /** Learners with the lesson in progress or completed. */
  started: number;
  completed: number;
  /** completed / enrolments. */
  completionRate: number;
  /** Learners who completed the previous lesson but not this one (the first step: enrolments). */
  dropOff: number;
  timeSpentSeconds: number;
  averageTimeSeconds: number;
}

export interface CourseAnalytics {
  course: AnalyticsCourseRef;
  generatedAt: string;
  timezone: string;
  summary: CourseSummary;
  enrolments: { granularity: AnalyticsGranularity; points: SeriesPoint[] };
  funnel: FunnelStep[];
  quizzes: QuizStats[];
  hardestQuestions: QuestionStats[];
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

async function select<T extends object>(
  deps: Deps,
  sql: string,
  replacements: Record<string, unknown>,
): Promise<T[]> {
  return deps.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

export async function courseSummary(
  deps: Deps,
  courseId: number,
): Promise<Omit<CourseSummary, 'totalTimeSpentSeconds' | 'averageTimePerLearnerSeconds'>> {
  const now = deps.clock.now().getTime();
  const d7 = new Date(now - 7 * 86_400_000);
  const d30 = new Date(now - 30 * 86_400_000);
  const [totals, active] = await Promise.all([
    // idx_course_status_progress (course_id, status, progress_percentage): covering.
    select<{ n: number; started: number; completed: number; avgProgress: number | null }>(
      deps,
      `SELECT COUNT(*) AS n,
              SUM(CASE WHEN status <> 'enrolled' THEN 1 ELSE 0 END) AS started,
              SUM(CASE WHEN status IN ('completed', 'certified') THEN 1 ELSE 0 END) AS completed,
              AVG(progress_percentage) AS avgProgress
         FROM enrollments WHERE course_id = :courseId`,
      { courseId },
    ),
    // idx_course_accessed (course_id, last_accessed_at): a range of the last 30 days only.
    select<{ a7: number; a30: number }>(
      deps,
      `SELECT SUM(CASE WHEN last_accessed_at >= :d7 THEN 1 ELSE 0 END) AS a7, COUNT(*) AS a30
         FROM enrollments WHERE course_id = :courseId AND last_accessed_at >= :d30`,
      { courseId, d7, d30 },
    ),
  ]);
  const t = totals[0];
  const enrolments = num(t?.n);
  const completed = num(t?.completed);
  return {
    enrolments,
    startedLearners: num(t?.started),
    completed,
    completionRate: round(ratio(completed, enrolments), 4),
    averageProgress: round(num(t?.avgProgress)),
    activeLearners7d: num(active[0]?.a7),
    activeLearners30d: num(active[0]?.a30),
  };
}

/** New enrolments per local day or ISO week over the last `days` days, zero-filled. */
export async function enrolmentSeries(
  deps: Deps,
  courseId: number,
  days: number,
  granularity: AnalyticsGranularity,
): Promise<SeriesPoint[]> {
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const offset = tzOffsetMinutes(tz, now);
  const today = localDay(tz, now);
  let first = addDays(today, -(days - 1));
  if (granularity === 'week') first = weekStart(first);
  // idx_course_enrolled (course_id, enrolled_at): covering range scan.
  const rows = await select<{ day: string | Date; n: number }>(
    deps,
    `SELECT ${localDaySql(deps.db.dialect, 'enrolled_at', offset)} AS day, COUNT(*) AS n
       FROM enrollments WHERE course_id = :courseId AND enrolled_at >= :since
      GROUP BY day`,
    { courseId, since: dayStartUtc(first, offset) },
  );
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const day = r.day instanceof Date ? r.day.toISOString().slice(0, 10) : String(r.day).slice(0, 10);
    const key = granularity === 'week' ? weekStart(day) : day;
    byDay.set(key, (byDay.get(key) ?? 0) + num(r.n));
  }
  const points: SeriesPoint[] = [];
  for (let d = first; d <= today; d = addDays(d, granularity === 'week' ? 7 : 1)) {
    points.push({ date: d, count: byDay.get(d) ?? 0 });
  }
  return points;
}

/** Published lessons in reading order: the course's own lessons, then each module's. */
async function orderedLessons(courseId: number) {
  const [modules, lessons] = await Promise.all([
    CourseModule.findAll({
      attributes: ['id', 'title', 'orderIndex'],
      where: { courseId },
      order: [
        ['orderIndex', 'ASC'],
        ['id', 'ASC'],
      ],
    }),
    Lesson.findAll({
      attributes: ['id', 'title', 'moduleId', 'orderIndex'],
      where: { courseId, isPublished: true },
      order: [
        ['orderIndex', 'ASC'],
        ['id', 'ASC'],
      ],
    }),
  ]);
  const moduleTitle = new Map(modules.map((m) => [m.id, m.title]));
  const own = lessons.filter((l) => l.moduleId === null);
  const inModules = modules.flatMap((m) => lessons.filter((l) => l.moduleId === m.id));
  return [...own, ...inModules].map((l) => ({
    id: l.id,
    title: l.title,
    moduleTitle: l.moduleId === null ? null : (moduleTitle.get(l.moduleId) ?? null),
  }));
}

/** Per lesson: started, completed, time spent; drop-off between consecutive lessons. */
export async function lessonFunnel(deps: Deps, courseId: number, enrolments: number): Promise<FunnelStep[]> {
  const lessons = await orderedLessons(courseId);
  if (lessons.length === 0) return [];
  // idx_lesson_status_time (lesson_id, status, time_spent): covering, one pass per lesson range.
  const rows = await select<{ lessonId: number; started: number; completed: number; seconds: number }>(
    deps,
    `SELECT lesson_id AS lessonId,
            SUM(CASE WHEN status <> 'not_started' THEN 1 ELSE 0 END) AS started,
            SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
            SUM(time_spent) AS seconds
       FROM progress WHERE lesson_id IN (:ids)
      GROUP BY lesson_id`,
    { ids: lessons.map((l) => l.id) },
  );
  const byLesson = new Map(rows.map((r) => [Number(r.lessonId), r]));
  let previous = enrolments;
  return lessons.map((l, i) => {
    const r = byLesson.get(l.id);
    const started = num(r?.started);
    const completed = num(r?.completed);
    const seconds = num(r?.seconds);
    const step: FunnelStep = {
      lessonId: l.id,
      title: l.title,
      moduleTitle: l.moduleTitle,
      position: i + 1,
      started,
      completed,
      completionRate: round(ratio(completed, enrolments), 4),
      dropOff: previous - completed,
      timeSpentSeconds: seconds,
      averageTimeSeconds: Math.round(ratio(seconds, started)),
    };
    previous = completed;
    return step;
  });
}

export async function getCourseAnalytics(
  deps: Deps,
  actor: Actor,
  input: CourseAnalyticsInput,
): Promise<CourseAnalytics> {
  const course = await loadCourseForAnalytics(actor, input.courseId);
  const quizzes = await Quiz.findAll({
    attributes: ['id', 'title', 'isFinal', 'lessonId'],
    where: { courseId: course.id },
    order: [
      ['isFinal', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  const [summary, points, quizRows, hardest] = await Promise.all([
    courseSummary(deps, course.id),
    enrolmentSeries(deps, course.id, input.days, input.granularity),
    quizStats(deps, quizzes),
    hardestQuestions(deps, quizzes, 10),
  ]);
  const funnel = await lessonFunnel(deps, course.id, summary.enrolments);
  const totalTime = funnel.reduce((s, f) => s + f.timeSpentSeconds, 0);
  return {
    course,
    generatedAt: deps.clock.now().toISOString(),
    timezone: deps.config.timezone,
    summary: {
      ...summary,
      totalTimeSpentSeconds: totalTime,
      averageTimePerLearnerSeconds: Math.round(ratio(totalTime, summary.startedLearners)),
    },
    enrolments: { granularity: input.granularity, points },
    funnel,
    quizzes: quizRows,
    hardestQuestions: hardest,
  };
}
