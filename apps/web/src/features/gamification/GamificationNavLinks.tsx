import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/useAuth';

/** Achievements, leaderboard and challenges in the header (signed-in users; the admin pages for admins). */
export function GamificationNavLinks() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  const cls = (active: boolean) => (active ? 'active' : '');
  return (
    <>
      <Link href="/achievements" className={cls}>
        {t('nav.achievements')}
      </Link>
      <Link href="/leaderboard" className={cls}>
        {t('nav.leaderboard')}
      </Link>
      <Link href="/challenges" className={cls}>
        {t('nav.challenges')}
      </Link>
      {user.role === 'admin' && (
        <>
          <Link href="/admin/badges" className={cls}>
            {t('nav.adminBadges')}
          </Link>
          <Link href="/admin/challenges" className={cls}>
            {t('nav.adminChallenges')}
          </Link>
        </>
      )}
    </>
  );
}
