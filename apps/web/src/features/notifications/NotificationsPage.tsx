// All notifications (cursor pages, unread filter, mark all read) and the e-mail preferences.
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { PagedQueryState, QueryState } from '../../ui/QueryState';
import { NotificationItem } from './NotificationBell';
import './notifications.css';

export function NotificationsPage() {
  const { t } = useI18n();
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
  const openItem = (item: { id: number; isRead: boolean }, href: string | null) => {
    if (!item.isRead) markRead.mutate({ id: item.id });
    if (href) navigate(href);
  };

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
      <PagedQueryState query={pages} empty={t('notifications.empty')} more={t('notifications.more')}>
        {(items) => (
          <ul className="list notification-list">
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} onOpen={openItem} />
            ))}
          </ul>
        )}
      </PagedQueryState>
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
  return (
    <section className="card" aria-labelledby="email-prefs">
      <h2 id="email-prefs">{t('notifications.emailPrefs')}</h2>
      <QueryState query={prefs} lines={2}>
        {(data) => (
          <div className="stack">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.emailOnMessage}
                onChange={(e) => update.mutate({ emailOnMessage: e.target.checked })}
                disabled={update.isPending}
              />
              {t('notifications.emailOnMessage')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.emailOnCertificate}
                onChange={(e) => update.mutate({ emailOnCertificate: e.target.checked })}
                disabled={update.isPending}
              />
              {t('notifications.emailOnCertificate')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.emailOnDiscussion}
                onChange={(e) => update.mutate({ emailOnDiscussion: e.target.checked })}
                disabled={update.isPending}
              />
              {t('notifications.emailOnDiscussion')}
            </label>
            {update.isSuccess && <p className="notice">{t('notifications.saved')}</p>}
          </div>
        )}
      </QueryState>
    </section>
  );
}
