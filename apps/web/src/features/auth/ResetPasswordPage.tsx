import { passwordSchema } from '@mdsc/validators';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, reasonText, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { AuthCard } from './AuthCard';

/** The second copy of a new password matches the first (the message is errors.passwordMismatch). */
export const confirmMatches = <K extends string>(key: K) =>
  [(v: Record<K | 'confirm', string>) => v[key] === v.confirm, { path: ['confirm'] as PropertyKey[], message: 'passwordMismatch' }] as const;

const schema = z.object({ password: passwordSchema, confirm: z.string() }).refine(...confirmMatches('password'));

/** Landing page of the link in the password-reset e-mail. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [done, setDone] = useState(false);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const reset = trpc.auth.resetPassword.useMutation();
  const form = useZodForm(schema, {
    defaultValues: { password: '', confirm: '' },
    onSubmit: async (values) => {
      try {
        await reset.mutateAsync({ token, password: values.password });
        setDone(true);
      } catch (err) {
        // A bad or expired link: the form is of no use any more, offer a new link instead.
        if (err instanceof TRPCClientError && (err.data as { field?: string } | undefined)?.field === 'token') {
          return setTokenError(reasonText(t, err.message, t('errors.token_invalid')));
        }
        throw err;
      }
    },
  });

  if (done) {
    return (
      <AuthCard title={t('auth.reset.title')} links={[['/login', t('nav.login')]]}>
        <Notice>{t('auth.reset.done')}</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.reset.title')}>
      {!token || tokenError ? (
        <>
          <p role="alert" className="form-error">
            {tokenError ?? t('auth.verify.missing')}
          </p>
          <Link href="/forgot-password">{t('auth.reset.again')}</Link>
        </>
      ) : (
        <Form form={form}>
          <TextField name="password" type="password" label={t('profile.newPassword')} autoComplete="new-password" hint={t('auth.passwordHint')} required />
          <TextField name="confirm" type="password" label={t('auth.passwordConfirm')} autoComplete="new-password" required />
          <SubmitButton>{t('auth.reset.submit')}</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
