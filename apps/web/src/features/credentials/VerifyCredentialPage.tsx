// Public /verify: a certificate code (→ /verify/:code), or an Open Badges 3.0 credential as a file
// (JSON, JWT text, baked PNG) or pasted text, checked by credentials.verify step by step.
import type { RouterOutputs } from '@mdsc/api';
import { CREDENTIAL_VERIFY_LIMITS } from '@mdsc/validators';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { fr, type MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import '../learning/learning.css';
import './credentials.css';
import { formatDate } from '../../i18n/format';

type Result = RouterOutputs['credentials']['verify'];

async function readUpload(file: File): Promise<{ pngBase64: string } | { jwt: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const png =
    bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  if (png) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { pngBase64: btoa(bin) };
  }
  // JSON or JWT text: the server tells which.
  return { jwt: new TextDecoder().decode(bytes) };
}

export function VerifyCredentialPage() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const ids = { code: useId(), file: useId(), text: useId() };
  const [code, setCode] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const verify = trpc.credentials.verify.useMutation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!file && !text.trim()) return setProblem(t('cred.verify.empty'));
    if (file && file.size > CREDENTIAL_VERIFY_LIMITS.pngBytes) return setProblem(t('cred.verify.tooLarge'));
    verify.mutate(file ? await readUpload(file) : { jwt: text.trim() });
  }

  return (
    <section className="stack" aria-labelledby="cred-verify">
      <h1 id="cred-verify">{t('cred.verify.title')}</h1>
      <p className="muted">{t('cred.verify.intro')}</p>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) navigate(`/verify/${encodeURIComponent(code.trim())}`);
        }}
      >
        <div className="field">
          <label htmlFor={ids.code}>{t('cred.verify.code')}</label>
          <input
            id={ids.code}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="form-actions">
          <button type="submit">{t('cred.verify.codeSubmit')}</button>
        </div>
      </form>
      <form className="card form" onSubmit={(e) => void submit(e)} data-testid="verify-credential-form">
        <div className="field">
          <label htmlFor={ids.file}>{t('cred.verify.file')}</label>
          <input
            id={ids.file}
            type="file"
            accept=".json,.jwt,.txt,.png,application/json,image/png,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>{t('cred.verify.text')}</label>
          <textarea
            id={ids.text}
            className="cred-textarea"
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
          />
        </div>
        {problem && (
          <p role="alert" className="form-error">
            {problem}
          </p>
        )}
        {verify.isError && (
          <p role="alert" className="form-error">
            {t('common.error')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={verify.isPending}>
            {verify.isPending ? t('cred.verify.checking') : t('cred.verify.submit')}
          </button>
        </div>
      </form>
      {verify.data && <VerificationResult result={verify.data} />}
    </section>
  );
}

const MARK = { passed: '✓', failed: '✗', skipped: '–' } as const;

export function VerificationResult({ result, shareLink = true }: { result: Result; shareLink?: boolean }) {
  const { t, locale } = useI18n();
  // What a credential says is shown only once its format, issuer and signature held.
  const trusted = result.checks.every(
    (ch) => !['format', 'issuer', 'signature'].includes(ch.check) || ch.outcome === 'passed',
  );
  const c = trusted ? result.credential : null;
  const ref = useRef<HTMLElement>(null);
  // On a phone the result lands below the form: bring it into view.
  useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), [result]);
  const date = (iso: string | null) =>
    iso ? formatDate(iso, locale) : '';
  const codeText = (code: string) => {
    const key = `cred.verify.code.${code}`;
    return key in fr ? t(key as MessageKey) : code;
  };
  return (
    <section
      ref={ref}
      className={`card stack status-${result.verdict === 'valid' ? 'valid' : 'revoked'}`}
      aria-live="polite"
      aria-labelledby="cred-result"
      data-testid="credential-verdict"
      data-verdict={result.verdict}
    >
      <h2 id="cred-result" className="visually-hidden">
        {t('cred.verify.result')}
      </h2>
      <p className={`cred-verdict ${result.verdict}`}>
        {t(`cred.verify.verdict.${result.verdict}` as MessageKey)}
      </p>
      {c && (c.achievementName || c.holderName) && (
        <dl className="facts">
          {c.achievementName && (
            <div>
              <dt>{t('cred.verify.achievement')}</dt>
              <dd>{c.achievementName}</dd>
            </div>
          )}
          {c.holderName && (
            <div>
              <dt>{t('cred.verify.holder')}</dt>
              <dd>{c.holderName}</dd>
            </div>
          )}
          {c.issuerName && (
            <div>
              <dt>{t('cred.verify.issuer')}</dt>
              <dd>{c.issuerName}</dd>
            </div>
          )}
          {c.validFrom && (
            <div>
              <dt>{t('cred.verify.validFrom')}</dt>
              <dd>{date(c.validFrom)}</dd>
            </div>
          )}
          {c.validUntil && (
            <div>
              <dt>{t('cred.verify.validUntil')}</dt>
              <dd>{date(c.validUntil)}</dd>
            </div>
          )}
        </dl>
      )}
      <ol className="cred-checks" aria-label={t('cred.verify.result')}>
        {result.checks.map((ch) => (
          <li
            key={ch.check}
            className={`cred-check ${ch.outcome}`}
            data-check={ch.check}
            data-outcome={ch.outcome}
          >
            <span className="mark" aria-hidden="true">
              {MARK[ch.outcome]}
            </span>
            <strong>
              {t(`cred.verify.check.${ch.check}` as MessageKey)} —{' '}
              {t(`cred.verify.outcome.${ch.outcome}` as MessageKey)}
            </strong>
            <p>{codeText(ch.code)}</p>
          </li>
        ))}
      </ol>
      {shareLink && c?.shareUrl && (
        <Link href={new URL(c.shareUrl).pathname}>{t('cred.verify.openShare')}</Link>
      )}
    </section>
  );
}
