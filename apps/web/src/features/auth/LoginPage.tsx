import { loginInput } from '@mdsc/validators';
import type { FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { checkWith, Field, FormError, serverErrors, useForm } from './form';
import { safeNext } from './useAuth';

export function LoginPage() {
  const { t, setLocale } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const form = useForm({ email: '', password: '' });
  const login = trpc.auth.login.useMutation();
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, loginInput, values);
    if (invalid) return form.setErrors(invalid);
    try {
      const res = await login.mutateAsync({ ...values, mode: 'cookie' });
      setLocale(res.user.language);
      // Everything cached so far was fetched anonymously.
      await utils.invalidate();
      navigate(safeNext(search), { replace: true });
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="card narrow">
      <h1>{t('auth.login.title')}</h1>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={errors.form} />
        <Field name="email" type="email" label={t('auth.email')} value={values.email} onChange={set('email')} error={errors.email} autoComplete="username" required />
        <Field name="password" type="password" label={t('auth.password')} value={values.password} onChange={set('password')} error={errors.password} autoComplete="current-password" required />
        <button type="submit" disabled={login.isPending}>
          {t('auth.login.submit')}
        </button>
      </form>
      <p>
        <Link href="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        <Link href="/signup">{t('auth.login.noAccount')}</Link>
      </p>
    </section>
  );
}
