import type { RouterOutputs } from '@mdsc/api';
import { changeEmailInput } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';
import { ResendVerification } from './ResendVerification';

type Me = NonNullable<RouterOutputs['auth']['me']>;

export function EmailSection({ me }: { me: Me }) {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const form = useForm({ newEmail: '', password: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const change = trpc.users.changeEmail.useMutation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkWith(t, changeEmailInput, form.values);
    if (invalid) return form.setErrors(invalid);
    try {
      const res = await change.mutateAsync(form.values);
      setSentTo(res.pendingEmail);
      toast.success(t('toast.emailChangeSent'));
      form.setValues({ newEmail: '', password: '' });
      await utils.auth.me.invalidate();
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="card" aria-labelledby="profile-email">
      <h2 id="profile-email">{t('profile.emailSection')}</h2>
      <p>
        <strong data-testid="profile-email">{me.email}</strong>{' '}
        {me.emailVerified ? <span className="badge ok">{t('profile.emailVerified')}</span> : null}
      </p>
      {!me.emailVerified && (
        <div className="callout">
          <p>{t('profile.emailUnverified')}</p>
          <ResendVerification fixedEmail={me.email} />
        </div>
      )}
      {me.pendingEmail && !sentTo && <p className="muted">{t('profile.pendingEmail', { email: me.pendingEmail })}</p>}
      {sentTo && <Notice>{t('profile.changeEmailSent', { email: sentTo })}</Notice>}
      <form onSubmit={submit} noValidate className="form">
        <FormError error={form.errors.form} />
        <Field name="newEmail" type="email" label={t('profile.newEmail')} value={form.values.newEmail} onChange={form.set('newEmail')} error={form.errors.newEmail} autoComplete="email" />
        <Field name="password" type="password" label={t('profile.currentPasswordForEmail')} value={form.values.password} onChange={form.set('password')} error={form.errors.password} autoComplete="current-password" />
        <button type="submit" className="secondary" disabled={change.isPending}>
          {t('profile.changeEmail')}
        </button>
      </form>
    </section>
  );
}
