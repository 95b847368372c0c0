import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/useAuth';

/** "My learning" and "Certificates" in the header, for signed-in users. */
export function LearningNavLinks() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  const cls = (active: boolean) => (active ? 'active' : '');
  return (
    <>
      <Link href="/learning" className={cls}>
        {t('nav.learning')}
      </Link>
      <Link href="/certificates" className={cls}>
        {t('nav.certificates')}
      </Link>
    </>
  );
}
