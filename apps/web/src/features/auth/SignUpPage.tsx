import { LOCALES, registerInput } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, SelectField, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { AuthCard } from './AuthCard';

export const LANGUAGE_OPTIONS = LOCALES.map((l) => ({ value: l, label: l === 'fr' ? 'Français' : 'English' }));

export function SignUpPage() {
  const { t, locale } = useI18n();
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const register = trpc.auth.register.useMutation();
  const form = useZodForm(registerInput, {
    defaultValues: { firstName: '', lastName: '', email: '', password: '', language: locale },
    onSubmit: async (values) => setDoneFor((await register.mutateAsync(values)).email),
  });

  if (doneFor) {
    return (
      <AuthCard title={t('auth.signup.done.title')} links={[['/login', t('auth.signup.done.login')]]}>
        <Notice>{t('auth.signup.done.text', { email: doneFor })}</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.signup.title')} links={[['/login', t('auth.signup.haveAccount')]]}>
      <Form form={form}>
        <TextField name="firstName" label={t('auth.firstName')} autoComplete="given-name" required />
        <TextField name="lastName" label={t('auth.lastName')} autoComplete="family-name" required />
        <TextField name="email" type="email" label={t('auth.email')} autoComplete="email" required />
        <TextField name="password" type="password" label={t('auth.password')} autoComplete="new-password" hint={t('auth.passwordHint')} required />
        <SelectField name="language" label={t('auth.language')} options={LANGUAGE_OPTIONS} />
        <SubmitButton>{t('auth.signup.submit')}</SubmitButton>
      </Form>
    </AuthCard>
  );
}
