import { loginInput } from '@mdsc/validators';
import { useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { AuthCard } from './AuthCard';
import { safeNext } from './useAuth';

export function LoginPage() {
  const { t, setLocale } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const login = trpc.auth.login.useMutation();
  const form = useZodForm(loginInput, {
    defaultValues: { email: '', password: '' },
    onSubmit: async (values) => {
      const res = await login.mutateAsync({ ...values, mode: 'cookie' });
      setLocale(res.user.language);
      // Everything cached so far was fetched anonymously.
      await utils.invalidate();
      navigate(safeNext(search), { replace: true });
    },
  });

  return (
    <AuthCard
      title={t('auth.login.title')}
      links={[
        ['/forgot-password', t('auth.login.forgot')],
        ['/signup', t('auth.login.noAccount')],
      ]}
    >
      <Form form={form}>
        <TextField name="email" type="email" label={t('auth.email')} autoComplete="username" required />
        <TextField name="password" type="password" label={t('auth.password')} autoComplete="current-password" required />
        <SubmitButton>{t('auth.login.submit')}</SubmitButton>
      </Form>
    </AuthCard>
  );
}
