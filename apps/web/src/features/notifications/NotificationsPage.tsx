// All notifications (cursor pages, unread filter, mark all read) and the e-mail preferences.
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { timeAgo } from './NotificationBell';
import { describeNotification } from './notification-text';
import './notifications.css';

export function NotificationsPage() {
  const { t, locale } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const pages = trpc.notifications.list.useInfiniteQuery(
    { limit: 20, unreadOnly },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const refresh = (unread?: number) => {
    if (unread !== undefined) utils.notifications.unreadCount.setData(undefined, unread);
    void utils.notifications.list.invalidate();
    void utils.notifications.unreadCount.invalidate();
  };
  const markRead = trpc.notifications.markRead.useMutation({ onSuccess: (r) => refresh(r.unreadCount) });
  const markAll = trpc.notifications.markAllRead.useMutation({ onSuccess: () => refresh(0) });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <div className="row">
        <h1>{t('notifications.title')}</h1>
        <div className="row-actions">
          <label className="checkbox">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
            {t('notifications.unreadOnly')}
          </label>
          <button
            type="button"
            className="secondary"
            onClick={() => markAll.mutate()}
            disabled={markAll.isPending}
          >
            {t('notifications.markAll')}
          </button>
        </div>
      </div>
      {pages.isPending ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : pages.isError ? (
        <p className="error-state" role="alert">
          {t('common.error')}{' '}
          <button type="button" onClick={() => void pages.refetch()}>
            {t('common.retry')}
          </button>
        </p>
      ) : items.length === 0 ? (
        <p className="empty-state muted">{t('notifications.empty')}</p>
      ) : (
        <ul className="list notification-list">
          {items.map((item) => {
            const { text, href } = describeNotification(item, t);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className={item.isRead ? 'bell-item' : 'bell-item unread'}
                  onClick={() => {
                    if (!item.isRead) markRead.mutate({ id: item.id });
                    if (href) navigate(href);
                  }}
                >
                  <span>{text}</span>
                  <span className="bell-time">{timeAgo(item.createdAt, locale)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {t('notifications.more')}
        </button>
      )}
      <EmailPreferences />
    </div>
  );
}

function EmailPreferences() {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const prefs = trpc.notifications.preferences.useQuery();
  const update = trpc.notifications.updatePreferences.useMutation({
    onSuccess: (data) => utils.notifications.preferences.setData(undefined, data),
  });
  if (!prefs.data) return null;
  return (
    <section className="card" aria-labelledby="email-prefs">
      <h2 id="email-prefs">{t('notifications.emailPrefs')}</h2>
      <div className="stack">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={prefs.data.emailOnMessage}
            onChange={(e) => update.mutate({ emailOnMessage: e.target.checked })}
            disabled={update.isPending}
          />
          {t('notifications.emailOnMessage')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={prefs.data.emailOnCertificate}
            onChange={(e) => update.mutate({ emailOnCertificate: e.target.checked })}
            disabled={update.isPending}
          />
          {t('notifications.emailOnCertificate')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={prefs.data.emailOnDiscussion}
            onChange={(e) => update.mutate({ emailOnDiscussion: e.target.checked })}
            disabled={update.isPending}
          />
          {t('notifications.emailOnDiscussion')}
        </label>
        {update.isSuccess && <p className="notice">{t('notifications.saved')}</p>}
      </div>
    </section>
  );
}
