import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { useAuth } from '../auth/useAuth';

/** "Messages (n unread)" in the header, for signed-in users. */
export function MessagesNavLink() {
  const { user } = useAuth();
  return user ? <Inner /> : null;
}

function Inner() {
  const { t } = useI18n();
  const unread = trpc.messages.unreadCount.useQuery(undefined, { staleTime: 60_000 });
  const n = unread.data ?? 0;
  return (
    <Link
      href="/messages"
      className={(active: boolean) => (active ? 'active' : '')}
      data-testid="nav-messages"
    >
      {t('nav.messages')}
      {n > 0 && (
        <span className="nav-count" aria-label={t('messages.unreadCount', { count: n })}>
          {' '}
          ({n})
        </span>
      )}
    </Link>
  );
}
