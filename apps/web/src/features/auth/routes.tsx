// Account pages, each loaded on demand (its own chunk); protected ones behind RequireAuth.
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../../i18n';
import { RequireAuth } from './RequireAuth';

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

function page(load: () => Promise<ComponentType>, guard?: 'user' | 'admin') {
  const Page = lazy(async () => ({ default: await load() }));
  return function Route() {
    const body = (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
    return guard ? <RequireAuth admin={guard === 'admin'}>{body}</RequireAuth> : body;
  };
}

export const SignUpRoute = page(() => import('./SignUpPage').then((m) => m.SignUpPage));
export const LoginRoute = page(() => import('./LoginPage').then((m) => m.LoginPage));
export const VerifyEmailRoute = page(() => import('./VerifyEmailPage').then((m) => m.VerifyEmailPage));
export const ForgotPasswordRoute = page(() => import('./ForgotPasswordPage').then((m) => m.ForgotPasswordPage));
export const ResetPasswordRoute = page(() => import('./ResetPasswordPage').then((m) => m.ResetPasswordPage));
export const ProfileRoute = page(() => import('./ProfilePage').then((m) => m.ProfilePage), 'user');
export const SessionsRoute = page(() => import('./SessionsPage').then((m) => m.SessionsPage), 'user');
export const AdminUsersRoute = page(() => import('./AdminUsersPage').then((m) => m.AdminUsersPage), 'admin');
