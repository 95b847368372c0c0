import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { clearOfflineCopies } from '../../lib/offline-copy';
import { trpc } from '../../lib/trpc';
import { useAuth } from './useAuth';

/** Header links: log in / sign up, or profile (+ users for admins) and log out. */
export function AccountNav() {
  const { t } = useI18n();
  const { user, isLoading } = useAuth();
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  const logout = trpc.auth.logout.useMutation({
    onSettled: async () => {
      utils.auth.me.setData(undefined, null);
      // The learner's offline copies go with the session (another person may use this browser next).
      await clearOfflineCopies();
      await utils.invalidate();
      navigate('/');
    },
  });
  const cls = (active: boolean) => (active ? 'active' : '');

  if (isLoading) return <div className="account-nav" aria-hidden="true" />;
  return (
    <nav className="account-nav" aria-label={t('nav.account')}>
      {user ? (
        <>
          {user.role === 'admin' && (
            <Link href="/admin/users" className={cls}>
              {t('nav.adminUsers')}
            </Link>
          )}
          <Link href="/profile" className={cls} data-testid="nav-profile">
            {t('nav.profile')}
          </Link>
          <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {t('nav.logout')}
          </button>
        </>
      ) : (
        <>
          <Link href="/login" className={cls}>
            {t('nav.login')}
          </Link>
          <Link href="/signup" className={cls}>
            {t('nav.signup')}
          </Link>
        </>
      )}
    </nav>
  );
}
