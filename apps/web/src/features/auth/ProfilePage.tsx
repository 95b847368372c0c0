import type { RouterOutputs } from '@mdsc/api';
import { LOCALES, updateProfileInput, type Locale } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import { EmailSection } from './EmailSection';
import { checkWith, Field, FormError, Notice, serverErrors, useForm } from './form';
import { PasswordSection } from './PasswordSection';
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
      <p>
        <Link href="/profile/sessions">{t('profile.sessionsLink')}</Link>
      </p>
    </div>
  );
}

function DetailsSection({ me }: { me: Me }) {
  const { t, setLocale } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const form = useForm({
    firstName: me.firstName,
    lastName: me.lastName,
    phone: me.phone ?? '',
    organization: me.organization ?? '',
    country: me.country ?? '',
    avatarUrl: me.avatarUrl ?? '',
    language: me.language as string,
    hideFromLeaderboard: me.hideFromLeaderboard,
  });
  const [saved, setSaved] = useState(false);
  const update = trpc.users.updateProfile.useMutation();
  const { values, set, errors } = form;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input = { ...values, language: values.language as Locale };
    const invalid = checkWith(t, updateProfileInput, input);
    if (invalid) return form.setErrors(invalid);
    try {
      const next = await update.mutateAsync(input);
      utils.auth.me.setData(undefined, next);
      setLocale(next.language);
      setSaved(true);
      toast.success(t('toast.profileSaved'));
    } catch (err) {
      form.setErrors(serverErrors(t, err));
    }
  }

  return (
    <section className="card" aria-labelledby="profile-details">
      <h2 id="profile-details">{t('profile.details')}</h2>
      <form onSubmit={submit} noValidate className="form grid-2">
        <FormError error={errors.form} />
        <Field name="firstName" label={t('auth.firstName')} value={values.firstName} onChange={set('firstName')} error={errors.firstName} autoComplete="given-name" />
        <Field name="lastName" label={t('auth.lastName')} value={values.lastName} onChange={set('lastName')} error={errors.lastName} autoComplete="family-name" />
        <Field name="phone" type="tel" label={t('profile.phone')} value={values.phone} onChange={set('phone')} error={errors.phone} autoComplete="tel" />
        <Field name="organization" label={t('profile.organization')} value={values.organization} onChange={set('organization')} error={errors.organization} autoComplete="organization" />
        <Field name="country" label={t('profile.country')} value={values.country} onChange={set('country')} error={errors.country} autoComplete="country-name" />
        <Field name="avatarUrl" type="url" label={t('profile.avatarUrl')} value={values.avatarUrl} onChange={set('avatarUrl')} error={errors.avatarUrl} />
        <div className="field">
          <label htmlFor="profile-language">{t('auth.language')}</label>
          <select id="profile-language" value={values.language} onChange={(e) => set('language')(e.target.value)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l === 'fr' ? 'Français' : 'English'}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={values.hideFromLeaderboard} onChange={(e) => set('hideFromLeaderboard')(e.target.checked)} />
          {t('profile.hideFromLeaderboard')}
        </label>
        <div className="form-actions">
          <button type="submit" disabled={update.isPending}>
            {t('profile.save')}
          </button>
          {saved && <Notice>{t('profile.saved')}</Notice>}
        </div>
      </form>
    </section>
  );
}
