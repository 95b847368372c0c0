import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';

/** "Modération (n)" in the teaching menu: reported posts and first posts awaiting review. */
export function ModerationNavLink() {
  const { t } = useI18n();
  const queue = trpc.discussions.queueCount.useQuery(undefined, { staleTime: 60_000 });
  const n = queue.data?.count ?? 0;
  return (
    <Link href="/moderation" className={(active: boolean) => (active ? 'active' : '')} data-testid="nav-moderation">
      {t('nav.moderation')}
      {n > 0 && (
        <span className="nav-count" aria-label={t('disc.mod.waiting', { count: n })}>
          {' '}
          ({n})
        </span>
      )}
    </Link>
  );
}
