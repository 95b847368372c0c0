import { useEffect, useRef } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { ResendVerification } from './ResendVerification';
import { useAuth } from './useAuth';

/** Landing page of the link in the verification (or change-of-address) e-mail. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(useSearch()).get('token');
  const utils = trpc.useUtils();
  const { user } = useAuth();
  const verify = trpc.auth.verifyEmail.useMutation({ onSuccess: () => void utils.auth.me.invalidate() });
  const sent = useRef(false); // the token is single use: StrictMode's double effect must not spend it twice
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  return (
    <section className="card narrow">
      <h1>{t('auth.verify.title')}</h1>
      {!token ? (
        <p role="alert">{t('auth.verify.missing')}</p>
      ) : verify.isSuccess ? (
        <>
          <p role="status" className="notice" data-testid="verify-success">
            {verify.data.changed ? t('auth.verify.changed', { email: verify.data.email }) : t('auth.verify.done', { email: verify.data.email })}
          </p>
          <Link href={user ? '/profile' : '/login'}>{user ? t('nav.profile') : t('nav.login')}</Link>
        </>
      ) : verify.isError ? (
        <>
          <p role="alert" className="form-error">
            {t('auth.verify.failed')}
          </p>
          <h2>{t('auth.verify.resendTitle')}</h2>
          <ResendVerification initialEmail={user?.email ?? ''} />
        </>
      ) : (
        <p aria-busy="true">{t('auth.verify.pending')}</p>
      )}
    </section>
  );
}
