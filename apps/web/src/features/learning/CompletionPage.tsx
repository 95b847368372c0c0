// Course completed: congratulations, the certificate (polled until the worker has rendered it) and
// an invitation to review the course.
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { ReviewSection } from './ReviewSection';
import './learning.css';

export function CompletionPage() {
  const { t } = useI18n();
  const { slug } = useParams<{ slug: string }>();
  // The PDF is rendered in the background: look again every 2 s until it is ready.
  const view = trpc.progress.course.useQuery(
    { slug },
    { retry: false, refetchInterval: (q) => (q.state.data?.certificate && !q.state.data.certificate.ready ? 2000 : false) },
  );

  if (!view.data) return <QueryState query={view} />;
  const d = view.data;
  const cert = d.certificate;
  const done = d.enrollment?.status === 'completed' || d.enrollment?.status === 'certified';
  if (!done) {
    return (
      <div className="card stack">
        <p>{t('learn.completion.notYet')}</p>
        <Link href={`/learn/${slug}`}>{t('learn.backToCourse')}</Link>
      </div>
    );
  }
  return (
    <article className="stack">
      <section className="card stack status-valid" aria-live="polite">
        <h1>{t('learn.completion.title')}</h1>
        <p className="lead">{t('learn.completion.body', { course: d.course.title })}</p>
        {cert ? (
          cert.ready ? (
            <div className="form-actions">
              <a className="button primary" href={`/api/certificates/${cert.code}.pdf`} download data-testid="download-certificate">
                {t('cert.download')}
              </a>
              <Link href="/certificates">{t('cert.all')}</Link>
              <Link href={`/verify/${cert.code}`}>{t('cert.verifyLink')}</Link>
            </div>
          ) : (
            <p aria-busy="true">{t('cert.preparing')}</p>
          )
        ) : null}
        {cert?.number && <p className="muted small">{t('cert.number', { number: cert.number })}</p>}
      </section>
      <ReviewSection courseId={d.course.id} canReview />
      <p>
        <Link href="/learning">{t('learn.mine.title')}</Link>
      </p>
    </article>
  );
}
