import { emailOnlyInput } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';

/** "Send the confirmation link again"; with `fixedEmail`, a single button for the signed-in user. */
export function ResendVerification({ initialEmail = '', fixedEmail }: { initialEmail?: string; fixedEmail?: string }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const resend = trpc.auth.resendVerification.useMutation();
  const form = useZodForm(emailOnlyInput, {
    defaultValues: { email: fixedEmail ?? initialEmail },
    onSubmit: async (values) => {
      await resend.mutateAsync(values);
      setDone(true);
    },
  });

  if (done) return <Notice>{t('auth.resend.done')}</Notice>;
  return (
    <Form form={form}>
      {!fixedEmail && <TextField name="email" type="email" label={t('auth.email')} autoComplete="email" />}
      <SubmitButton variant={fixedEmail ? 'secondary' : undefined}>{t('auth.resend.submit')}</SubmitButton>
    </Form>
  );
}
