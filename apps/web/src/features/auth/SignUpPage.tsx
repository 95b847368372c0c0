import { LOCALES, registerInput, type Locale } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';

export function SignUpPage() {
  const { t, locale } = useI18n();
  const form = useForm({ firstName: '', lastName: '', email: '', password: '', language: locale as string });
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const register = trpc.auth.register.useMutation();
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, registerInput, values);
    if (invalid) return form.setErrors(invalid);
    try {
      const res = await register.mutateAsync({ ...values, language: values.language as Locale });
      setDoneFor(res.email);
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  if (doneFor) {
    return (
      <section className="card narrow">
        <h1>{t('auth.signup.done.title')}</h1>
        <Notice>{t('auth.signup.done.text', { email: doneFor })}</Notice>
        <Link href="/login">{t('auth.signup.done.login')}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t('auth.signup.title')}</h1>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={errors.form} />
        <Field name="firstName" label={t('auth.firstName')} value={values.firstName} onChange={set('firstName')} error={errors.firstName} autoComplete="given-name" required />
        <Field name="lastName" label={t('auth.lastName')} value={values.lastName} onChange={set('lastName')} error={errors.lastName} autoComplete="family-name" required />
        <Field name="email" type="email" label={t('auth.email')} value={values.email} onChange={set('email')} error={errors.email} autoComplete="email" required />
        <Field name="password" type="password" label={t('auth.password')} value={values.password} onChange={set('password')} error={errors.password} autoComplete="new-password" hint={t('auth.passwordHint')} required />
        <div className="field">
          <label htmlFor="signup-language">{t('auth.language')}</label>
          <select id="signup-language" value={values.language} onChange={(e) => set('language')(e.target.value)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l === 'fr' ? 'Français' : 'English'}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={register.isPending}>
          {t('auth.signup.submit')}
        </button>
      </form>
      <p>
        <Link href="/login">{t('auth.signup.haveAccount')}</Link>
      </p>
    </section>
  );
}
