import { emailOnlyInput } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';

/** "Send the confirmation link again"; with `fixedEmail`, a single button for the signed-in user. */
export function ResendVerification({ initialEmail = '', fixedEmail }: { initialEmail?: string; fixedEmail?: string }) {
  const { t } = useI18n();
  const form = useForm({ email: fixedEmail ?? initialEmail });
  const [done, setDone] = useState(false);
  const resend = trpc.auth.resendVerification.useMutation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, emailOnlyInput, form.values);
    if (invalid) return form.setErrors(invalid);
    try {
      await resend.mutateAsync(form.values);
      setDone(true);
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  if (done) return <Notice>{t('auth.resend.done')}</Notice>;
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError error={form.errors.form} />
      {!fixedEmail && (
        <Field name="email" type="email" label={t('auth.email')} value={form.values.email} onChange={form.set('email')} error={form.errors.email} autoComplete="email" />
      )}
      <button type="submit" className={fixedEmail ? 'secondary' : undefined} disabled={resend.isPending}>
        {t('auth.resend.submit')}
      </button>
    </form>
  );
}
