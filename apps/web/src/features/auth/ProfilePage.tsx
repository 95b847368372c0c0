import type { RouterOutputs } from '@mdsc/api';
import { updateProfileInput } from '@mdsc/validators';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useLowData } from '../../lib/low-data';
import { trpc } from '../../lib/trpc';
import { Notice } from '../../ui/components';
import { CheckboxField, Form, SelectField, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { EmailSection } from './EmailSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { LANGUAGE_OPTIONS } from './SignUpPage';
import { useAuth } from './useAuth';

type Me = NonNullable<RouterOutputs['auth']['me']>;

export function ProfilePage() {
  const { user } = useAuth();
  if (!user) return null; // RequireAuth renders this page for signed-in users only
  return <Profile me={user} />;
}

function Profile({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const since = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(me.createdAt));
  return (
    <div className="stack">
      <header>
        <h1>{t('profile.title')}</h1>
        <p className="muted" data-testid="profile-identity">
          {me.firstName} {me.lastName} · {t('profile.role', { role: t(`role.${me.role}`) })} · {t('profile.memberSince', { date: since })}
        </p>
      </header>
      <DetailsSection me={me} />
      <EmailSection me={me} />
      <PasswordSection />
      <LowDataSection />
      <p>
        <Link href="/profile/sessions">{t('profile.sessionsLink')}</Link>
      </p>
    </div>
  );
}

/** Kept on this device (see lib/low-data.ts): it is about this device's connection. */
function LowDataSection() {
  const { t } = useI18n();
  const lowData = useLowData();
  return (
    <ProfileSection id="profile-low-data" title={t('profile.lowData.title')}>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={lowData.enabled}
            onChange={(e) => lowData.set(e.currentTarget.checked)}
            aria-describedby="low-data-help"
            data-testid="low-data-toggle"
          />
          {t('profile.lowData.label')}
        </label>
      </div>
      <p id="low-data-help" className="muted small">
        {t('profile.lowData.help')}
      </p>
      {lowData.chosen ? (
        <p className="small">
          <button type="button" className="link-button" onClick={lowData.reset}>
            {t('profile.lowData.reset')}
          </button>
        </p>
      ) : (
        <p className="muted small" data-testid="low-data-auto">
          {t(lowData.suggested ? 'profile.lowData.auto' : 'profile.lowData.autoOff')}
        </p>
      )}
    </ProfileSection>
  );
}

function DetailsSection({ me }: { me: Me }) {
  const { t, setLocale } = useI18n();
  const utils = trpc.useUtils();
  const [saved, setSaved] = useState(false);
  const update = trpc.users.updateProfile.useMutation();
  const form = useZodForm(updateProfileInput, {
    defaultValues: {
      firstName: me.firstName,
      lastName: me.lastName,
      phone: me.phone ?? '',
      organization: me.organization ?? '',
      country: me.country ?? '',
      avatarUrl: me.avatarUrl ?? '',
      language: me.language,
      hideFromLeaderboard: me.hideFromLeaderboard,
    },
    onSubmit: async (values) => {
      setSaved(false);
      const next = await update.mutateAsync(values);
      utils.auth.me.setData(undefined, next);
      setLocale(next.language);
      setSaved(true);
    },
    success: t('toast.profileSaved'),
  });

  return (
    <ProfileSection id="profile-details" title={t('profile.details')}>
      <Form form={form} className="form grid-2">
        <TextField name="firstName" label={t('auth.firstName')} autoComplete="given-name" />
        <TextField name="lastName" label={t('auth.lastName')} autoComplete="family-name" />
        <TextField name="phone" type="tel" label={t('profile.phone')} autoComplete="tel" />
        <TextField name="organization" label={t('profile.organization')} autoComplete="organization" />
        <TextField name="country" label={t('profile.country')} autoComplete="country-name" />
        <TextField name="avatarUrl" type="url" label={t('profile.avatarUrl')} />
        <SelectField name="language" label={t('auth.language')} options={LANGUAGE_OPTIONS} />
        <CheckboxField name="hideFromLeaderboard" label={t('profile.hideFromLeaderboard')} />
        <div className="form-actions">
          <SubmitButton>{t('profile.save')}</SubmitButton>
          {saved && <Notice>{t('profile.saved')}</Notice>}
        </div>
      </Form>
    </ProfileSection>
  );
}
