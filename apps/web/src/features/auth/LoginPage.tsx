import { loginInput } from '@mdsc/validators';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
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
    <section className="card narrow">
      <h1>{t('auth.login.title')}</h1>
      <Form form={form}>
        <TextField name="email" type="email" label={t('auth.email')} autoComplete="username" required />
        <TextField name="password" type="password" label={t('auth.password')} autoComplete="current-password" required />
        <SubmitButton>{t('auth.login.submit')}</SubmitButton>
      </Form>
      <p>
        <Link href="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        <Link href="/signup">{t('auth.login.noAccount')}</Link>
      </p>
    </section>
  );
}
