// "My learning": the courses I follow, with progress and a way back in.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { ProgressBar } from './ProgressBar';
import './learning.css';

export function MyLearningPage() {
  const { t } = useI18n();
  const mine = trpc.enrollments.mine.useQuery();
  return (
    <section className="stack" aria-labelledby="my-learning">
      <h1 id="my-learning">{t('learn.mine.title')}</h1>
      <QueryState
        query={mine}
        isEmpty={(d) => d.length === 0}
        empty={
          <>
            {t('learn.mine.empty')} <Link href="/courses">{t('learn.mine.browse')}</Link>
          </>
        }
      >
        {(data) => (
        <ul className="list" data-testid="my-courses">
          {data.map((m) => {
            const done = m.enrollment.status === 'completed' || m.enrollment.status === 'certified';
            return (
              <li key={m.course.id} className="card stack">
                <div className="row">
                  <h2 className="module-title">
                    <Link href={`/learn/${m.course.slug}`}>{m.course.title}</Link>
                  </h2>
                  <span className={`badge${done ? ' ok' : ''}`}>{t(`learn.status.${m.enrollment.status}`)}</span>
                </div>
                {m.course.instructorName && <p className="muted small">{t('learn.by', { name: m.course.instructorName })}</p>}
                <ProgressBar value={m.enrollment.progressPercentage} />
                <div className="form-actions">
                  <Link className="button primary" href={`/learn/${m.course.slug}`}>
                    {done ? t('learn.review') : m.enrollment.startedAt ? t('learn.continue') : t('learn.start')}
                  </Link>
                  {m.certificate && (
                    <Link href="/certificates">{m.certificate.ready ? t('cert.view') : t('cert.preparing')}</Link>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        )}
      </QueryState>
    </section>
  );
}
