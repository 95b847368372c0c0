// The verifiable credential of a certificate or a badge: JSON file, baked PNG, share page. Signed on
// the first click (credentials.issue), then the same file every time.
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import './credentials.css';

type Ref = { certificateId: number } | { userBadgeId: number };

export function CredentialActions({ of, name }: { of: Ref; name: string }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  async function go(target: 'json' | 'png' | 'share') {
    setBusy(true);
    setError(false);
    try {
      const c = await utils.credentials.issue.fetch(of, { staleTime: Infinity });
      if (target === 'share') navigate(`/credentials/${c.uuid}`);
      // Attachments: the page stays where it is.
      else
        window.location.assign(
          target === 'png' ? c.bakedPngUrl : `/api/credentials/${c.uuid}/credential.json`,
        );
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="cred-actions" role="group" aria-label={t('cred.actions')}>
      <span className="small muted">{t('cred.actions')}</span>
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void go('json')}
          aria-label={t('cred.downloadJsonOf', { name })}
        >
          {t('cred.downloadJson')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void go('png')}
          aria-label={t('cred.downloadPngOf', { name })}
        >
          {t('cred.downloadPng')}
        </button>
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => void go('share')}
          aria-label={t('cred.shareOf', { name })}
        >
          {t('cred.share')}
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {t('common.error')}
        </p>
      )}
    </div>
  );
}
