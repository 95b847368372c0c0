// The instructor's courses, drafts included, with their state and a way into the builder.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
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
      <QueryState query={mine} isEmpty={(d) => d.length === 0} empty={t('authoring.noCourses')}>
        {(data) => (
        <ul className="list" data-testid="my-courses">
          {data.map((c) => (
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
      </QueryState>
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
