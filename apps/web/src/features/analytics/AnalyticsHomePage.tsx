// The courses an instructor (all of them for an admin) can analyse, with their headline numbers.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { isForbidden } from './format';
import { useAuth } from '../auth/useAuth';
import { Bar } from './charts';
import { fmtPercent } from './format';
import './analytics.css';

export function AnalyticsHomePage() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const q = trpc.analytics.courses.useQuery();
  return (
    <div className="stack">
      <div className="row">
        <h1>{t('analytics.title')}</h1>
        {user?.role === 'admin' && <Link href="/admin/stats">{t('nav.adminStats')}</Link>}
      </div>
      <QueryState
        query={q}
        isEmpty={(d) => d.length === 0}
        empty={t('analytics.noCourses')}
        errorText={(err) => (isForbidden(err) ? t('analytics.instructorsOnly') : undefined)}
      >
        {(data) => (
        <ul className="bar-list" data-testid="analytics-courses">
          {data.map((c) => (
            <li key={c.id} className="stat">
              <div className="row">
                <Link href={`/analytics/courses/${c.id}`} className="bar-label">
                  {c.title}
                </Link>
                {!c.isPublished && <span className="badge">{t('analytics.draft')}</span>}
              </div>
              <p className="muted small">
                {t('analytics.courseRow', {
                  enrolments: c.enrolments,
                  rate: fmtPercent(c.completionRate, locale),
                  progress: fmtPercent(c.averageProgress / 100, locale),
                })}
                {user?.role === 'admin' && ` · ${c.instructorName}`}
              </p>
              <Bar value={c.averageProgress} max={100} />
            </li>
          ))}
        </ul>
        )}
      </QueryState>
    </div>
  );
}
