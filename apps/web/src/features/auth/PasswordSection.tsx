import { changePasswordInput } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';

export function PasswordSection() {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const form = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState(false);
  const change = trpc.auth.changePassword.useMutation();
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const invalid = checkWith(t, changePasswordInput, values);
    if (invalid) return form.setErrors(invalid);
    if (values.newPassword !== values.confirm) return form.setErrors({ confirm: t('errors.passwordMismatch') });
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
      toast.success(t('toast.passwordChanged'));
      await utils.auth.sessions.invalidate();
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.passwordSection')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError error={errors.form} />
        <Field name="currentPassword" type="password" label={t('profile.currentPassword')} value={values.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} autoComplete="current-password" />
        <Field name="newPassword" type="password" label={t('profile.newPassword')} value={values.newPassword} onChange={set('newPassword')} error={errors.newPassword} autoComplete="new-password" hint={t('auth.passwordHint')} />
        <Field name="confirm" type="password" label={t('auth.passwordConfirm')} value={values.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" />
        <button type="submit" className="secondary" disabled={change.isPending}>
          {t('profile.changePassword')}
        </button>
        {done && <Notice>{t('profile.passwordChanged')}</Notice>}
      </form>
    </section>
  );
}
