import { describe, expect, it } from 'vitest';
import { computeAccess, isLessonOpen, resumeLesson, type CourseStructure, type LessonNode } from './structure';

const lesson = (id: number, moduleId: number | null, isRequired = true): LessonNode => ({
  id,
  moduleId,
  title: `L${id}`,
  contentType: 'text',
  durationMinutes: null,
  isRequired,
  quizId: null,
});

function structure(): CourseStructure {
  const intro = [lesson(1, null)];
  const modules = [
    { id: 10, title: 'M1', description: null, isUnlocked: false, lessons: [lesson(11, 10), lesson(12, 10, false)] },
    { id: 20, title: 'M2', description: null, isUnlocked: false, lessons: [lesson(21, 20)] },
    { id: 30, title: 'M3', description: null, isUnlocked: true, lessons: [lesson(31, 30)] },
    { id: 40, title: 'M4', description: null, isUnlocked: false, lessons: [lesson(41, 40)] },
  ];
  return { courseId: 1, courseLessons: intro, modules, finalQuiz: null, ordered: [...modules.flatMap((m) => m.lessons), ...intro] };
}

describe('module unlocking and percentage', () => {
  it('opens the first module, "always open" ones, and each module after a completed one', () => {
    const s = structure();
    let a = computeAccess(s, new Set());
    expect([...a.lockedModuleIds]).toEqual([20, 40]);
    expect(a.percentage).toBe(0);
    a = computeAccess(s, new Set([11]));
    expect([...a.lockedModuleIds]).toEqual([40]); // M1 done (optional lesson ignored) opens M2
    a = computeAccess(s, new Set([11, 31]));
    expect([...a.lockedModuleIds]).toEqual([]); // M3 done opens M4
    expect(isLessonOpen(a, s.courseLessons[0])).toBe(true); // course lessons are always open
  });

  it('counts required lessons only, floored to two decimals, 100 only when all are done', () => {
    const s = structure();
    expect(computeAccess(s, new Set([1])).percentage).toBe(20);
    expect(computeAccess(s, new Set([1, 11, 12])).percentage).toBe(40);
    const a = computeAccess(s, new Set([1, 11, 21, 31, 41]));
    expect(a).toMatchObject({ percentage: 100, allRequiredDone: true, requiredTotal: 5 });
    const three = { ...s, ordered: [...s.modules[0].lessons, ...s.modules[1].lessons, ...s.courseLessons], modules: s.modules.slice(0, 2) };
    expect(computeAccess(three, new Set([1, 11])).percentage).toBe(66.66);
  });

  it('resumes at the last lesson opened, else at the first open lesson not completed', () => {
    const s = structure();
    const done = new Set([1]);
    const a = computeAccess(s, done);
    expect(resumeLesson(s, a, done, 21)).toBe(11); // 21 is locked
    expect(resumeLesson(s, a, done, 31)).toBe(31);
    expect(resumeLesson(s, a, done, null)).toBe(11);
  });
});
