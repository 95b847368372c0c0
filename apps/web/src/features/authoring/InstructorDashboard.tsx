// The instructor's courses, drafts included, with their state and a way into the builder.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { formatDate } from '../catalog/format';
import { CourseForm } from './CourseForm';

export function InstructorDashboard() {
  const { t, locale } = useI18n();
  const mine = trpc.courses.mine.useQuery();
  return (
    <section aria-labelledby="dashboard-title" className="stack">
      <div className="row">
        <h1 id="dashboard-title">{t('authoring.dashboard')}</h1>
        <Link href="/instructor/courses/new" className="button-link">
          + {t('authoring.newCourse')}
        </Link>
      </div>
      {mine.isPending ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : mine.isError ? (
        <div role="alert" className="error-state">
          <p>{t('common.error')}</p>
          <button type="button" onClick={() => void mine.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : mine.data.length === 0 ? (
        <p className="empty-state">{t('authoring.noCourses')}</p>
      ) : (
        <ul className="list" data-testid="my-courses">
          {mine.data.map((c) => (
            <li key={c.id} className="card row">
              <div>
                <h2 className="h3">
                  <Link href={`/instructor/courses/${c.id}`}>{c.title}</Link>
                </h2>
                <p className="muted small">
                  <span className={`badge ${c.isPublished ? 'ok' : 'warn'}`}>
                    {c.isPublished ? t('authoring.published') : t('authoring.draft')}
                  </span>{' '}
                  {t('authoring.counts', { modules: c.moduleCount, lessons: c.lessonCount })} ·{' '}
                  {t('catalog.enrolled', { count: c.enrollmentCount })} ·{' '}
                  {t('authoring.updated', { date: formatDate(c.updatedAt, locale) ?? '' })}
                </p>
              </div>
              <span className="row-actions">
                <Link href={`/instructor/courses/${c.id}`}>{t('authoring.edit')}</Link>
                {c.isPublished && <Link href={`/courses/${c.slug}`}>{t('authoring.viewPage')}</Link>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function NewCoursePage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="new-course" className="stack">
      <p>
        <Link href="/instructor">← {t('authoring.backToDashboard')}</Link>
      </p>
      <h1 id="new-course">{t('authoring.newCourse')}</h1>
      <CourseForm />
    </section>
  );
}
