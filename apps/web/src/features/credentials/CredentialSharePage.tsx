// Public share page of a credential (its id is this page's address): what was achieved, by whom,
// from which issuer, its dates and status; downloads, LinkedIn, and the signature checked live.
// The holder may also name a DID for the credential's subject.
import { useId, useState, type FormEvent } from 'react';
import { useParams } from 'wouter';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { VerificationResult } from './VerifyCredentialPage';
import '../learning/learning.css';
import './credentials.css';
import { formatDate } from '../../i18n/format';

export function CredentialSharePage() {
  const { t, locale } = useI18n();
  const { uuid } = useParams<{ uuid: string }>();
  const q = trpc.credentials.byId.useQuery({ uuid }, { retry: false });
  const verify = trpc.credentials.verify.useMutation();
  if (q.isPending) return <p aria-busy="true">{t('common.loading')}</p>;
  if (q.isError) {
    const missing = q.error.data?.code === 'NOT_FOUND' || q.error.data?.code === 'BAD_REQUEST';
    return (
      <section className="card" role="alert">
        <p>{missing ? t('cred.share.notFound') : t('common.error')}</p>
      </section>
    );
  }
  const c = q.data;
  const date = (iso: string | null) =>
    iso ? formatDate(iso, locale) : '';
  const path = (url: string) => (url.startsWith('http') ? new URL(url).pathname : url);
  return (
    <section
      className="stack"
      aria-labelledby="cred-title"
      data-testid="credential-share"
      data-status={c.status}
    >
      <div className={`card stack status-${c.status}`}>
        <div className="cred-head">
          <img src={path(c.imageUrl)} alt="" width={96} height={96} />
          <div>
            <p className="cred-kind">{t(`cred.share.kind.${c.kind}` as MessageKey)}</p>
            <h1 id="cred-title">{c.achievementName}</h1>
          </div>
        </div>
        <p>{c.achievementDescription}</p>
        <dl className="facts">
          <div>
            <dt>{t('cred.share.holder')}</dt>
            <dd>{c.holderName}</dd>
          </div>
          <div>
            <dt>{t('cred.share.status')}</dt>
            <dd>
              <span className={`badge ${c.status === 'valid' ? 'ok' : 'warn'}`}>
                {t(`cred.share.status.${c.status}` as MessageKey)}
              </span>
              {c.revokedAt && (
                <span className="small"> {t('cred.share.revokedOn', { date: date(c.revokedAt) })}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('cred.share.issued')}</dt>
            <dd>{date(c.issuedAt)}</dd>
          </div>
          {c.validUntil && (
            <div>
              <dt>{t('cred.share.validUntil')}</dt>
              <dd>{date(c.validUntil)}</dd>
            </div>
          )}
          {c.number && (
            <div>
              <dt>{t('cred.share.number')}</dt>
              <dd>{c.number}</dd>
            </div>
          )}
          <div>
            <dt>{t('cred.share.issuer')}</dt>
            <dd>
              <a href={c.issuerUrl}>{c.issuerName}</a>
              <br />
              <span className="cred-did">{c.issuerDid}</span>
            </dd>
          </div>
        </dl>
        <div className="form-actions">
          <a className="button-link" href={`/api/credentials/${c.uuid}/credential.json`} download>
            {t('cred.downloadJson')}
          </a>
          <a className="button-link secondary" href={c.bakedPngUrl} download>
            {t('cred.downloadPng')}
          </a>
          <a className="button-link secondary" href={c.linkedInUrl} target="_blank" rel="noopener noreferrer">
            {t('cred.share.linkedin')}
          </a>
          <button
            type="button"
            className="secondary"
            disabled={verify.isPending}
            onClick={() => verify.mutate({ jwt: c.jwt })}
          >
            {verify.isPending ? t('cred.verify.checking') : t('cred.share.verify')}
          </button>
        </div>
        <p className="muted small code">{c.id}</p>
      </div>
      {verify.data && <VerificationResult result={verify.data} shareLink={false} />}
      {c.mine && <SubjectDid uuid={c.uuid} current={c.subjectDid} />}
    </section>
  );
}

function SubjectDid({ uuid, current }: { uuid: string; current: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const utils = trpc.useUtils();
  const [did, setDid] = useState(current ?? '');
  const [invalid, setInvalid] = useState(false);
  const save = trpc.credentials.setSubjectDid.useMutation({
    onSuccess: (data) => {
      utils.credentials.byId.setData({ uuid }, data);
      void utils.credentials.issue.invalidate();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const v = did.trim();
    const ok = v === '' || /^did:[a-z0-9]+:\S+$/.test(v);
    setInvalid(!ok);
    if (ok) save.mutate({ uuid, did: v === '' ? null : v });
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('cred.share.did')}</h2>
      <div className="field">
        <label htmlFor={id}>DID</label>
        <input
          id={id}
          value={did}
          onChange={(e) => setDid(e.target.value)}
          placeholder="did:key:z6Mk…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid || save.isError}
          aria-describedby={`${id}-help`}
        />
        <p id={`${id}-help`} className="small muted">
          {t('cred.share.didHelp')}
        </p>
        {(invalid || save.isError) && <p className="field-error">{t('cred.share.didInvalid')}</p>}
      </div>
      {save.isSuccess && <p className="notice">{t('cred.share.didSaved')}</p>}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {t('cred.share.didSave')}
        </button>
      </div>
    </form>
  );
}
