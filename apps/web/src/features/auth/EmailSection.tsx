import type { RouterOutputs } from '@mdsc/api';
import { changeEmailInput } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { ProfileSection } from './ProfileSection';
import { ResendVerification } from './ResendVerification';

type Me = NonNullable<RouterOutputs['auth']['me']>;

export function EmailSection({ me }: { me: Me }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const change = trpc.users.changeEmail.useMutation();
  const form = useZodForm(changeEmailInput, {
    defaultValues: { newEmail: '', password: '' },
    onSubmit: async (values) => {
      setSentTo((await change.mutateAsync(values)).pendingEmail);
      await utils.auth.me.invalidate();
    },
    success: t('toast.emailChangeSent'),
    resetOnSuccess: true,
  });

  return (
    <ProfileSection id="profile-email" title={t('profile.emailSection')}>
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
      <Form form={form}>
        <TextField name="newEmail" type="email" label={t('profile.newEmail')} autoComplete="email" />
        <TextField name="password" type="password" label={t('profile.currentPasswordForEmail')} autoComplete="current-password" />
        <SubmitButton variant="secondary">{t('profile.changeEmail')}</SubmitButton>
      </Form>
    </ProfileSection>
  );
}
