// A course as a learner walks through it: published lessons in order, modules that unlock one after
// the other, and the final quiz. Loading is three queries, cached per process and per course
// version (courses.structure_version, bumped in the transaction of every write to the course's
// modules, lessons and quizzes by their model hooks); the access rules are pure functions.
import { Course, CourseModule, Lesson, Quiz } from '@mdsc/db';
import type { LessonContentType } from '@mdsc/validators';
import type { Transaction } from 'sequelize';

export interface LessonNode {
  id: number;
  moduleId: number | null;
  title: string;
  contentType: LessonContentType;
  durationMinutes: number | null;
  isRequired: boolean;
  /** The published quiz attached to this lesson, if any. */
  quizId: number | null;
}

export interface ModuleNode {
  id: number;
  title: string;
  description: string | null;
  isUnlocked: boolean;
  lessons: LessonNode[];
}

export interface FinalQuizNode {
  id: number;
  title: string;
  maxAttempts: number;
  passingScore: number;
  timeLimitMinutes: number | null;
}

export interface CourseStructure {
  courseId: number;
  /** Lessons attached to the course itself: always open, after the modules (as on the course page). */
  courseLessons: LessonNode[];
  modules: ModuleNode[];
  finalQuiz: FinalQuizNode | null;
  /** Every lesson in reading order (each module's, then the course's own). */
  ordered: LessonNode[];
}

const MAX_CACHED = 1000;
const cache = new Map<number, { version: number; structure: CourseStructure }>();

/**
 * The course's structure at `version` (courses.structure_version, read by the caller before this
 * call, or here when not given). On a miss the rows are read after the version, so an entry is
 * never older than its key; a cached structure is frozen (shared by every request of the process).
 */
export async function loadStructure(courseId: number, transaction?: Transaction, version?: number): Promise<CourseStructure> {
  if (version === undefined) {
    const course = await Course.findByPk(courseId, { attributes: ['structureVersion'], transaction, raw: true, paranoid: false });
    version = Number(course?.structureVersion ?? 0);
  }
  const hit = cache.get(courseId);
  if (hit && hit.version === version) return hit.structure;
  const structure = deepFreeze(await readStructure(courseId, transaction));
  const current = cache.get(courseId);
  // Versions only grow: a slower reader of an older version does not replace a newer entry.
  if (!current || current.version <= version) {
    cache.delete(courseId);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(courseId, { version, structure });
  }
  return structure;
}

/** For tests: forget every cached structure. */
export function clearStructureCache(): void {
  cache.clear();
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

async function readStructure(courseId: number, transaction?: Transaction): Promise<CourseStructure> {
  const [modules, lessons, quizzes] = await Promise.all([
    CourseModule.findAll({
      attributes: ['id', 'title', 'description', 'isUnlocked', 'orderIndex'],
      where: { courseId },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
      raw: true, // read-only: plain rows are cheaper than model instances on this hot path
    }),
    Lesson.findAll({
      attributes: ['id', 'moduleId', 'title', 'contentType', 'durationMinutes', 'isRequired', 'orderIndex'],
      where: { courseId, isPublished: true },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
      raw: true,
    }),
    Quiz.findAll({
      attributes: ['id', 'lessonId', 'title', 'isFinal', 'maxAttempts', 'passingScore', 'timeLimitMinutes'],
      where: { courseId, isPublished: true },
      order: [['id', 'ASC']],
      transaction,
      raw: true,
    }),
  ]);
  const quizByLesson = new Map<number, number>();
  let finalQuiz: FinalQuizNode | null = null;
  for (const q of quizzes) {
    if (q.isFinal && !finalQuiz) {
      finalQuiz = {
        id: q.id,
        title: q.title,
        maxAttempts: q.maxAttempts,
        passingScore: Number(q.passingScore),
        timeLimitMinutes: q.timeLimitMinutes ?? null,
      };
    } else if (q.lessonId && !quizByLesson.has(q.lessonId)) quizByLesson.set(q.lessonId, q.id);
  }
  const moduleIds = new Set(modules.map((m) => m.id));
  const byModule = new Map<number | null, LessonNode[]>();
  for (const l of lessons) {
    // A lesson whose module was deleted is not part of the path.
    if (l.moduleId !== null && !moduleIds.has(l.moduleId)) continue;
    const node: LessonNode = {
      id: l.id,
      moduleId: l.moduleId ?? null,
      title: l.title,
      contentType: l.contentType,
      durationMinutes: l.durationMinutes ?? null,
      isRequired: !!l.isRequired,
      quizId: quizByLesson.get(l.id) ?? null,
    };
    const key = l.moduleId ?? null;
    if (!byModule.has(key)) byModule.set(key, []);
    byModule.get(key)!.push(node);
  }
  const courseLessons = byModule.get(null) ?? [];
  const moduleNodes = modules.map((m) => ({
    id: m.id,
    title: m.title,
    description: m.description ?? null,
    isUnlocked: !!m.isUnlocked,
    lessons: byModule.get(m.id) ?? [],
  }));
  return {
    courseId,
    courseLessons,
    modules: moduleNodes,
    finalQuiz,
    ordered: [...moduleNodes.flatMap((m) => m.lessons), ...courseLessons],
  };
}

export interface Access {
  /** Modules the learner cannot open yet. */
  lockedModuleIds: Set<number>;
  /** Modules whose required lessons are all completed. */
  doneModuleIds: Set<number>;
  requiredTotal: number;
  requiredDone: number;
  allRequiredDone: boolean;
  /** 0–100, two decimals: completed required lessons / required lessons. */
  percentage: number;
}

/**
 * Module n+1 opens when module n's required lessons are completed; the first module, modules
 * flagged `is_unlocked` ("always open") and the course's own lessons are always open.
 */
export function computeAccess(s: CourseStructure, completed: ReadonlySet<number>): Access {
  const lockedModuleIds = new Set<number>();
  const doneModuleIds = new Set<number>();
  let previousDone = true;
  for (const m of s.modules) {
    if (!previousDone && !m.isUnlocked) lockedModuleIds.add(m.id);
    const done = m.lessons.every((l) => !l.isRequired || completed.has(l.id));
    if (done) doneModuleIds.add(m.id);
    previousDone = done;
  }
  const required = s.ordered.filter((l) => l.isRequired);
  const requiredDone = required.filter((l) => completed.has(l.id)).length;
  const percentage = required.length === 0 ? 0 : Math.floor((requiredDone / required.length) * 10_000) / 100;
  return {
    lockedModuleIds,
    doneModuleIds,
    requiredTotal: required.length,
    requiredDone,
    allRequiredDone: requiredDone === required.length,
    percentage,
  };
}

export function isLessonOpen(access: Access, lesson: Pick<LessonNode, 'moduleId'>): boolean {
  return lesson.moduleId === null || !access.lockedModuleIds.has(lesson.moduleId);
}

/** The lesson to resume: the last one opened if still open, else the first open lesson not completed. */
export function resumeLesson(
  s: CourseStructure,
  access: Access,
  completed: ReadonlySet<number>,
  lastLessonId: number | null,
): number | null {
  const last = lastLessonId ? s.ordered.find((l) => l.id === lastLessonId) : undefined;
  if (last && isLessonOpen(access, last) && !completed.has(last.id)) return last.id;
  const next = s.ordered.find((l) => isLessonOpen(access, l) && !completed.has(l.id));
  return next?.id ?? last?.id ?? s.ordered[0]?.id ?? null;
}
