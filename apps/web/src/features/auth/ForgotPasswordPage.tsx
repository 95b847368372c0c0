import { emailOnlyInput } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { AuthCard } from './AuthCard';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const request = trpc.auth.requestPasswordReset.useMutation();
  const form = useZodForm(emailOnlyInput, {
    defaultValues: { email: '' },
    onSubmit: async (values) => {
      await request.mutateAsync(values);
      setDone(true);
    },
  });

  return (
    <AuthCard title={t('auth.forgot.title')} links={[['/login', t('auth.backToLogin')]]}>
      {done ? (
        <Notice>{t('auth.forgot.done')}</Notice>
      ) : (
        <Form form={form}>
          <p>{t('auth.forgot.text')}</p>
          <TextField name="email" type="email" label={t('auth.email')} autoComplete="email" required />
          <SubmitButton>{t('auth.forgot.submit')}</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
