// Account pages, each loaded on demand (its own chunk); protected ones behind RequireAuth.
import { lazyPage } from '../../routes/lazyPage';

export const SignUpRoute = lazyPage(() => import('./SignUpPage').then((m) => m.SignUpPage));
export const LoginRoute = lazyPage(() => import('./LoginPage').then((m) => m.LoginPage));
export const VerifyEmailRoute = lazyPage(() => import('./VerifyEmailPage').then((m) => m.VerifyEmailPage));
export const ForgotPasswordRoute = lazyPage(() => import('./ForgotPasswordPage').then((m) => m.ForgotPasswordPage));
export const ResetPasswordRoute = lazyPage(() => import('./ResetPasswordPage').then((m) => m.ResetPasswordPage));
export const ProfileRoute = lazyPage(() => import('./ProfilePage').then((m) => m.ProfilePage), 'user');
export const SessionsRoute = lazyPage(() => import('./SessionsPage').then((m) => m.SessionsPage), 'user');
export const AdminUsersRoute = lazyPage(() => import('./AdminUsersPage').then((m) => m.AdminUsersPage), 'admin');
