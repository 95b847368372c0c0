import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/useAuth';

/** "Analytics" in the header, for instructors and admins. */
export function AnalyticsNavLink() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user || (user.role !== 'instructor' && user.role !== 'admin')) return null;
  return (
    <Link href="/analytics" className={(active: boolean) => (active ? 'active' : '')}>
      {t('nav.analytics')}
    </Link>
  );
}
