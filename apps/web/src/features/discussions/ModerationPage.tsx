// The moderation queue of an instructor (their courses) or an admin (every course): reported
// content grouped per post with its reasons, and first posts awaiting approval.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button, EmptyState, QueryState, useToast } from '../../ui';
import { actionErrorText } from '../../ui/form';
import { timeAgo } from '../notifications/NotificationBell';
import './discussions.css';

export function ModerationPage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const queue = trpc.discussions.queue.useInfiniteQuery({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined });
  const done = () => {
    toast.success(t('disc.mod.done'));
    void utils.discussions.invalidate();
  };
  const onError = (err: unknown) => toast.error(actionErrorText(t, err));
  const moderate = trpc.discussions.moderate.useMutation({ onSuccess: done, onError });
  const resolve = trpc.discussions.resolveReports.useMutation({ onSuccess: done, onError });
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack disc-page">
      <h1>{t('disc.mod.title')}</h1>
      <p className="muted">{t('disc.mod.intro')}</p>
      <QueryState query={queue} isEmpty={() => items.length === 0} empty={<EmptyState>{t('disc.mod.empty')}</EmptyState>}>
        {() => (
          <ul className="disc-list" data-testid="mod-queue">
            {items.map((it) => (
              <li key={`${it.target}-${it.id}`} className="card stack disc-mod-item" data-testid="mod-item">
                <div className="disc-badges">
                  <Badge>{it.target === 'thread' ? t('disc.mod.thread') : t('disc.mod.post')}</Badge>
                  <Badge tone="warn">{t('disc.mod.reports', { count: it.reportCount })}</Badge>
                  {it.reasons.map((r) => (
                    <Badge key={r}>{t(`disc.reason.${r}` as 'disc.reason.spam')}</Badge>
                  ))}
                  {it.isHidden && <Badge tone="warn">{t('disc.hidden')}</Badge>}
                  {it.isPending && <Badge tone="warn">{t('disc.pending')}</Badge>}
                </div>
                <p className="small muted">{t('disc.mod.in', { thread: it.threadTitle, course: it.course.title })}</p>
                <p className="disc-meta">
                  <strong>{it.author.name}</strong>
                  <time dateTime={it.createdAt}>{timeAgo(it.createdAt, locale)}</time>
                </p>
                <blockquote className="disc-quote">{it.excerpt}</blockquote>
                {it.details.map((d, i) => (
                  <p key={i} className="small">
                    « {d} »
                  </p>
                ))}
                <div className="disc-actions">
                  <Link href={`/discussions/${it.threadId}${it.target === 'post' ? `#post-${it.id}` : ''}`}>{t('disc.mod.open')}</Link>
                  {it.isPending && (
                    <Button variant="secondary" onClick={() => moderate.mutate({ target: it.target, id: it.id, action: 'approve' })}>
                      {t('disc.mod.approve')}
                    </Button>
                  )}
                  <Button variant="secondary" onClick={() => moderate.mutate({ target: it.target, id: it.id, action: it.isHidden ? 'unhide' : 'hide' })}>
                    {it.isHidden ? t('disc.mod.unhide') : t('disc.mod.hide')}
                  </Button>
                  {it.reportCount > 0 && (
                    <Button variant="ghost" onClick={() => resolve.mutate({ target: it.target, id: it.id, outcome: 'dismissed' })}>
                      {t('disc.mod.dismiss')}
                    </Button>
                  )}
                  <Button
                    variant="danger"
                    onClick={() => window.confirm(t('disc.mod.deleteConfirm')) && moderate.mutate({ target: it.target, id: it.id, action: 'delete' })}
                  >
                    {t('disc.mod.delete')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {queue.hasNextPage && (
        <Button variant="secondary" onClick={() => void queue.fetchNextPage()} busy={queue.isFetchingNextPage}>
          {t('disc.mod.more')}
        </Button>
      )}
    </div>
  );
}
