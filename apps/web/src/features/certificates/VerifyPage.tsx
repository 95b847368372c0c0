// Public verification, reached from a certificate's QR code: valid, expired or revoked (with why).
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import '../learning/learning.css';
import { formatDate } from '../../i18n/format';

export function VerifyPage() {
  const { t, locale } = useI18n();
  const { code } = useParams<{ code: string }>();
  const v = trpc.certificates.verify.useQuery({ code }, { retry: false });
  const date = (iso: string | null) => (iso ? formatDate(iso, locale) : '');
  if (!v.data) {
    // An unknown code is an answer, not a failure to load: say so plainly.
    const unknown = v.error?.data?.code === 'NOT_FOUND' || v.error?.data?.code === 'BAD_REQUEST';
    if (!unknown) return <QueryState query={v} />;
    return (
      <section className="card stack status-revoked" role="alert" data-testid="verify-result">
        <h1>{t('verify.title')}</h1>
        <p>{t('verify.unknown')}</p>
      </section>
    );
  }
  const c = v.data;
  return (
    <section className={`card stack status-${c.status}`} aria-labelledby="verify" data-testid="verify-result" data-status={c.status}>
      <h1 id="verify">{t('verify.title')}</h1>
      <p className="result-score">{t(`verify.status.${c.status}`)}</p>
      <p>{t(`verify.explain.${c.status}`)}</p>
      <dl className="facts">
        <div>
          <dt>{t('verify.holder')}</dt>
          <dd>{c.holderName}</dd>
        </div>
        <div>
          <dt>{t('verify.course')}</dt>
          <dd>{c.courseTitle}</dd>
        </div>
        {c.instructorName && (
          <div>
            <dt>{t('verify.instructor')}</dt>
            <dd>{c.instructorName}</dd>
          </div>
        )}
        <div>
          <dt>{t('verify.issued')}</dt>
          <dd>{date(c.issuedAt)}</dd>
        </div>
        {c.number && (
          <div>
            <dt>{t('verify.number')}</dt>
            <dd>{c.number}</dd>
          </div>
        )}
        {c.expiresAt && (
          <div>
            <dt>{t('verify.expires')}</dt>
            <dd>{date(c.expiresAt)}</dd>
          </div>
        )}
        {c.status === 'revoked' && (
          <div>
            <dt>{t('verify.revoked')}</dt>
            <dd>
              {date(c.revokedAt)}
              {c.revokedReason ? ` — ${c.revokedReason}` : ''}
            </dd>
          </div>
        )}
      </dl>
      <Link href="/verify">{t('cred.verifyOther')}</Link>
    </section>
  );
}
