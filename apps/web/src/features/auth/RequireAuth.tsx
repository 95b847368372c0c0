import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { useAuth } from './useAuth';

/** Renders its children for a signed-in user (an admin when `admin`); else sends to the login page. */
export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { t } = useI18n();
  const { user, isLoading } = useAuth();
  const [location] = useLocation();
  if (isLoading) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!user) return <Redirect to={`/login?next=${encodeURIComponent(location)}`} replace />;
  if (admin && user.role !== 'admin') {
    return (
      <p role="alert" className="error-state">
        {t('auth.forbidden')}
      </p>
    );
  }
  return <>{children}</>;
}
