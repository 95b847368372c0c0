import { currentPasswordSchema, passwordSchema } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { z } from 'zod';
import { ProfileSection } from './ProfileSection';
import { confirmMatches } from './ResetPasswordPage';

const schema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema, confirm: z.string() })
  .refine(...confirmMatches('newPassword'));

export function PasswordSection() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [done, setDone] = useState(false);
  const change = trpc.auth.changePassword.useMutation();
  const form = useZodForm(schema, {
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
    onSubmit: async (v) => {
      setDone(false);
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      setDone(true);
      await utils.auth.sessions.invalidate();
    },
    success: t('toast.passwordChanged'),
    resetOnSuccess: true,
  });

  return (
    <ProfileSection id="profile-password" title={t('profile.passwordSection')}>
      <Form form={form}>
        <TextField name="currentPassword" type="password" label={t('profile.currentPassword')} autoComplete="current-password" />
        <TextField name="newPassword" type="password" label={t('profile.newPassword')} autoComplete="new-password" hint={t('auth.passwordHint')} />
        <TextField name="confirm" type="password" label={t('auth.passwordConfirm')} autoComplete="new-password" />
        <SubmitButton variant="secondary">{t('profile.changePassword')}</SubmitButton>
        {done && <Notice>{t('profile.passwordChanged')}</Notice>}
      </Form>
    </ProfileSection>
  );
}
