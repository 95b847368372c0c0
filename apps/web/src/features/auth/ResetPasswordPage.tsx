import { passwordSchema } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';

/** Landing page of the link in the password-reset e-mail. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const form = useForm({ password: '', confirm: '' });
  const [done, setDone] = useState(false);
  const reset = trpc.auth.resetPassword.useMutation();
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, passwordSchema, values.password);
    if (invalid) return form.setErrors({ password: invalid.form });
    if (values.password !== values.confirm) return form.setErrors({ confirm: t('errors.passwordMismatch') });
    try {
      await reset.mutateAsync({ token, password: values.password });
      setDone(true);
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  if (done) {
    return (
      <section className="card narrow">
        <h1>{t('auth.reset.title')}</h1>
        <Notice>{t('auth.reset.done')}</Notice>
        <Link href="/login">{t('nav.login')}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t('auth.reset.title')}</h1>
      {!token || errors.token ? (
        <>
          <p role="alert" className="form-error">
            {errors.token ?? t('auth.verify.missing')}
          </p>
          <Link href="/forgot-password">{t('auth.reset.again')}</Link>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <FormError error={errors.form} />
          <Field name="password" type="password" label={t('profile.newPassword')} value={values.password} onChange={set('password')} error={errors.password} autoComplete="new-password" hint={t('auth.passwordHint')} required />
          <Field name="confirm" type="password" label={t('auth.passwordConfirm')} value={values.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" required />
          <button type="submit" disabled={reset.isPending}>
            {t('auth.reset.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
