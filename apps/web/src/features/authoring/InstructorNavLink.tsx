import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/useAuth';

/** "My courses" in the header, for instructors and admins. */
export function InstructorNavLink() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user || (user.role !== 'instructor' && user.role !== 'admin')) return null;
  return (
    <Link href="/instructor" className={(active: boolean) => (active ? 'active' : '')}>
      {t('nav.instructor')}
    </Link>
  );
}
