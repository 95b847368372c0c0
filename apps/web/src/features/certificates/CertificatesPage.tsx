// My certificates: download the PDF, share the public verification link.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { CredentialActions } from '../credentials/CredentialActions';
import '../learning/learning.css';
import { formatDate } from '../../i18n/format';

export function CertificatesPage() {
  const { t, locale } = useI18n();
  const mine = trpc.certificates.mine.useQuery(undefined, {
    // A certificate just earned is rendered in the background: check again until it is ready.
    refetchInterval: (q) => (q.state.data?.some((c) => !c.ready && c.status === 'valid') ? 3000 : false),
  });
  return (
    <section className="stack" aria-labelledby="certs">
      <h1 id="certs">{t('cert.title')}</h1>
      <QueryState
        query={mine}
        isEmpty={(d) => d.length === 0}
        empty={
          <>
            {t('cert.none')} <Link href="/learning">{t('learn.mine.title')}</Link>
          </>
        }
      >
        {(data) => (
        <ul className="list" data-testid="certificates">
          {data.map((c) => (
            <li key={c.id} className={`card stack status-${c.status}`}>
              <div className="row">
                <h2 className="module-title">{c.course.title}</h2>
                <span className={`badge ${c.status === 'valid' ? 'ok' : 'warn'}`}>{t(`verify.status.${c.status}`)}</span>
              </div>
              <p className="small">
                {c.number && <>{t('cert.number', { number: c.number })} — </>}
                {t('cert.issuedOn', { date: formatDate(c.issuedAt, locale) })}
              </p>
              <div className="form-actions">
                {c.ready ? (
                  <a className="button primary" href={c.downloadUrl} download>
                    {t('cert.download')}
                  </a>
                ) : (
                  <span aria-busy="true">{t('cert.preparing')}</span>
                )}
                <Link href={`/verify/${c.code}`}>{t('cert.verifyLink')}</Link>
              </div>
              <p className="muted small code">{c.verifyUrl}</p>
              <CredentialActions of={{ certificateId: c.id }} name={c.course.title} />
            </li>
          ))}
        </ul>
        )}
      </QueryState>
      <Link href="/verify">{t('cred.verifyOther')}</Link>
    </section>
  );
}
