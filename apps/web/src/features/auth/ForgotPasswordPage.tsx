import { emailOnlyInput } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const form = useForm({ email: '' });
  const [done, setDone] = useState(false);
  const request = trpc.auth.requestPasswordReset.useMutation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, emailOnlyInput, form.values);
    if (invalid) return form.setErrors(invalid);
    try {
      await request.mutateAsync(form.values);
      setDone(true);
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="card narrow">
      <h1>{t('auth.forgot.title')}</h1>
      {done ? (
        <Notice>{t('auth.forgot.done')}</Notice>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p>{t('auth.forgot.text')}</p>
          <FormError error={form.errors.form} />
          <Field name="email" type="email" label={t('auth.email')} value={form.values.email} onChange={form.set('email')} error={form.errors.email} autoComplete="email" required />
          <button type="submit" disabled={request.isPending}>
            {t('auth.forgot.submit')}
          </button>
        </form>
      )}
      <p>
        <Link href="/login">{t('auth.backToLogin')}</Link>
      </p>
    </section>
  );
}
