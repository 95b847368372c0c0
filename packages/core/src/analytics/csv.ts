// CSV export of a course's dashboard: one file, one section per table (a title line, a header
// line, the rows, a blank line). UTF-8 with a BOM so that spreadsheet software reads accents.
import type { Locale } from '@mdsc/validators';
import type { CourseAnalytics } from './course-analytics.service';

export type Cell = string | number | boolean | null;

/**
 * Quotes when needed, and defuses spreadsheet formulas: course, lesson and question titles are
 * typed by users, and a cell starting with = + - @ would be run by the spreadsheet.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: Cell[]) => cells.map(csvCell).join(',');

const LABELS = {
  fr: {
    summary: 'Résumé',
    metric: 'Indicateur',
    value: 'Valeur',
    enrolments: 'Inscriptions',
    startedLearners: 'Apprenants ayant commencé',
    completed: 'Terminés',
    completionRate: "Taux d'achèvement",
    averageProgress: 'Progression moyenne (%)',
    activeLearners7d: 'Apprenants actifs (7 j)',
    activeLearners30d: 'Apprenants actifs (30 j)',
    totalTimeSpentSeconds: 'Temps total (s)',
    averageTimePerLearnerSeconds: 'Temps moyen par apprenant (s)',
    series: 'Inscriptions par période',
    date: 'Date',
    count: 'Nombre',
    funnel: 'Entonnoir par leçon',
    position: 'Position',
    module: 'Module',
    lesson: 'Leçon',
    started: 'Commencée',
    dropOff: 'Abandons',
    timeSpent: 'Temps passé (s)',
    quizzes: 'Quiz',
    quiz: 'Quiz',
    final: 'Final',
    attempts: 'Tentatives',
    passed: 'Réussies',
    passRate: 'Taux de réussite',
    students: 'Étudiants',
    studentsPassed: 'Étudiants reçus',
    averageScore: 'Score moyen (%)',
    hardest: 'Questions les plus échouées',
    question: 'Question',
    answered: 'Réponses',
    failed: 'Échecs',
    failRate: "Taux d'échec",
  },
  en: {
    summary: 'Summary',
    metric: 'Metric',
    value: 'Value',
    enrolments: 'Enrolments',
    startedLearners: 'Learners who started',
    completed: 'Completed',
    completionRate: 'Completion rate',
    averageProgress: 'Average progress (%)',
    activeLearners7d: 'Active learners (7 d)',
    activeLearners30d: 'Active learners (30 d)',
    totalTimeSpentSeconds: 'Total time (s)',
    averageTimePerLearnerSeconds: 'Average time per learner (s)',
    series: 'Enrolments per period',
    date: 'Date',
    count: 'Count',
    funnel: 'Lesson funnel',
    position: 'Position',
    module: 'Module',
    lesson: 'Lesson',
    started: 'Started',
    dropOff: 'Drop-off',
    timeSpent: 'Time spent (s)',
    quizzes: 'Quizzes',
    quiz: 'Quiz',
    final: 'Final',
    attempts: 'Attempts',
    passed: 'Passed',
    passRate: 'Pass rate',
    students: 'Students',
    studentsPassed: 'Students passed',
    averageScore: 'Average score (%)',
    hardest: 'Most failed questions',
    question: 'Question',
    answered: 'Answered',
    failed: 'Failed',
    failRate: 'Fail rate',
  },
} as const;

export function courseAnalyticsCsv(a: CourseAnalytics, locale: Locale = 'fr'): string {
  const l = LABELS[locale];
  const s = a.summary;
  const lines: string[] = [
    csvLine([a.course.title]),
    csvLine([a.generatedAt, a.timezone]),
    '',
    csvLine([l.summary]),
    csvLine([l.metric, l.value]),
    ...(Object.keys(s) as (keyof typeof s)[]).map((k) => csvLine([l[k], s[k]])),
    '',
    csvLine([l.series]),
    csvLine([l.date, l.count]),
    ...a.enrolments.points.map((p) => csvLine([p.date, p.count])),
    '',
    csvLine([l.funnel]),
    csvLine([
      l.position,
      l.module,
      l.lesson,
      l.started,
      l.completed,
      l.completionRate,
      l.dropOff,
      l.timeSpent,
    ]),
    ...a.funnel.map((f) =>
      csvLine([
        f.position,
        f.moduleTitle,
        f.title,
        f.started,
        f.completed,
        f.completionRate,
        f.dropOff,
        f.timeSpentSeconds,
      ]),
    ),
    '',
    csvLine([l.quizzes]),
    csvLine([
      l.quiz,
      l.final,
      l.attempts,
      l.passed,
      l.passRate,
      l.students,
      l.studentsPassed,
      l.averageScore,
    ]),
    ...a.quizzes.map((q) =>
      csvLine([
        q.title,
        q.isFinal,
        q.attempts,
        q.passedAttempts,
        q.passRate,
        q.students,
        q.studentsPassed,
        q.averageScore,
      ]),
    ),
    '',
    csvLine([l.hardest]),
    csvLine([l.quiz, l.question, l.answered, l.failed, l.failRate]),
    ...a.hardestQuestions.map((q) => csvLine([q.quizTitle, q.text, q.answered, q.failed, q.failRate])),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
