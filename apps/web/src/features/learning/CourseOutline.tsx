// The course path: modules in order with their lessons, done / open / locked, and the final quiz.
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';

export type CourseLearning = RouterOutputs['progress']['course'];
type LessonItem = CourseLearning['courseLessons'][number];

/** A padlock drawn inline: emoji fonts are missing on many phones and systems. */
export function LockIcon() {
  return (
    <svg width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" focusable="false">
      <path d="M3 6V4a3 3 0 0 1 6 0v2h1a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h1Zm1.5 0h3V4a1.5 1.5 0 0 0-3 0v2Z" fill="currentColor" />
    </svg>
  );
}

function Mark({ lesson }: { lesson: LessonItem }) {
  const { t } = useI18n();
  if (lesson.locked) {
    return (
      <span className="mark" title={t('learn.locked')}>
        <LockIcon />
      </span>
    );
  }
  if (lesson.status === 'completed') return <span className="mark" title={t('learn.lessonDone')}>✓</span>;
  if (lesson.status === 'in_progress') return <span className="mark" title={t('learn.lessonStarted')}>◐</span>;
  return <span className="mark" aria-hidden="true">○</span>;
}

export function CourseOutline({ data, currentLessonId }: { data: CourseLearning; currentLessonId?: number }) {
  const { t } = useI18n();
  const enrolled = !!data.enrollment;
  const item = (l: LessonItem) => {
    const label = (
      <>
        <Mark lesson={l} />
        <span>
          {l.title}
          <span className="visually-hidden">
            {' — '}
            {l.locked ? t('learn.locked') : t(`learn.lessonStatus.${l.status}`)}
          </span>
          {!l.isRequired && <span className="muted small"> ({t('learn.optional')})</span>}
        </span>
      </>
    );
    return (
      <li key={l.id}>
        {enrolled && !l.locked ? (
          <Link href={`/learn/${data.course.slug}/lessons/${l.id}`} aria-current={l.id === currentLessonId ? 'page' : undefined}>
            {label}
          </Link>
        ) : (
          <span className="locked">{label}</span>
        )}
      </li>
    );
  };
  return (
    <nav aria-label={t('learn.outline')} className="stack" data-testid="course-outline">
      {data.modules.map((m, i) => (
        <div key={m.id}>
          <h3 className="module-title">
            <span>
              {t('learn.module', { n: i + 1 })} — {m.title}
            </span>
            {m.locked ? (
              <span className="badge warn">{t('learn.locked')}</span>
            ) : m.done ? (
              <span className="badge ok">{t('learn.moduleDone')}</span>
            ) : null}
          </h3>
          {m.locked && <p className="muted small">{t('learn.lockedHint')}</p>}
          <ol className="outline">{m.lessons.map(item)}</ol>
        </div>
      ))}
      {data.courseLessons.length > 0 && <ol className="outline">{data.courseLessons.map(item)}</ol>}
      {data.finalQuiz && (
        <div>
          <h3 className="module-title">
            <span>{t('learn.finalQuiz')}</span>
            {data.finalQuiz.passed ? (
              <span className="badge ok">{t('quiz.passed')}</span>
            ) : data.finalQuiz.locked ? (
              <span className="badge warn">{t('learn.locked')}</span>
            ) : null}
          </h3>
          {enrolled && !data.finalQuiz.locked ? (
            <Link href={`/learn/${data.course.slug}/quiz/${data.finalQuiz.id}`}>{data.finalQuiz.title}</Link>
          ) : (
            <p className="muted small">{t('learn.finalQuizLocked')}</p>
          )}
        </div>
      )}
    </nav>
  );
}
