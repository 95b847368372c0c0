// The bell in the header (signed-in users only): a live unread count and a dropdown of the latest
// notifications. Opening one marks it read and goes where it points.
import type { NotificationDto } from '@mdsc/validators';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { useAuth } from '../auth/useAuth';
import { describeNotification } from './notification-text';
import { useLiveNotifications } from './useLiveNotifications';
import './notifications.css';

export function NotificationBell() {
  const { user } = useAuth();
  return user ? <Bell /> : null;
}

/** One notification: its text and age; opening it is the caller's (mark read, go where it points). */
export function NotificationItem({
  item,
  onOpen,
  testId,
}: {
  item: NotificationDto;
  onOpen(item: NotificationDto, href: string | null): void;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const { text, href } = describeNotification(item, t);
  return (
    <li>
      <button
        type="button"
        className={item.isRead ? 'bell-item' : 'bell-item unread'}
        data-testid={testId}
        onClick={() => onOpen(item, href)}
      >
        <span className="bell-text">{text}</span>
        <span className="bell-time">{timeAgo(item.createdAt, locale)}</span>
      </button>
    </li>
  );
}

export function timeAgo(iso: string, locale: string): string {
  const s = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(Math.round(s), 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

function Bell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const live = useLiveNotifications(true);
  const count = trpc.notifications.unreadCount.useQuery(undefined, { staleTime: 60_000 });
  const list = trpc.notifications.list.useQuery({ limit: 8 }, { enabled: open });
  const markRead = trpc.notifications.markRead.useMutation({
    onSuccess: (r) => {
      utils.notifications.unreadCount.setData(undefined, r.unreadCount);
      void utils.notifications.list.invalidate();
    },
  });
  const markAll = trpc.notifications.markAllRead.useMutation({
    onSuccess: () => {
      utils.notifications.unreadCount.setData(undefined, 0);
      void utils.notifications.list.invalidate();
    },
  });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) =>
      box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const n = count.data ?? 0;
  const openItem = (item: NotificationDto, href: string | null) => {
    if (!item.isRead) markRead.mutate({ id: item.id });
    setOpen(false);
    if (href) navigate(href);
  };

  return (
    <div className="bell" ref={box} data-live={live ? 'on' : 'off'}>
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={t('notifications.bell', { count: n })}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
            fill="currentColor"
          />
        </svg>
        {n > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {n > 99 ? '99+' : n}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" id="bell-panel" role="region" aria-label={t('notifications.title')}>
          <div className="bell-head">
            <strong>{t('notifications.title')}</strong>
            {n > 0 && (
              <button
                type="button"
                className="link-button"
                onClick={() => markAll.mutate()}
                disabled={markAll.isPending}
              >
                {t('notifications.markAll')}
              </button>
            )}
          </div>
          <QueryState
            query={{ ...list, data: list.data?.items }}
            lines={2}
            isEmpty={(items) => items.length === 0}
            empty={t('notifications.empty')}
          >
            {(items) => (
              <ul className="bell-list">
                {items.map((item) => (
                  <NotificationItem key={item.id} item={item} onOpen={openItem} testId="notification-item" />
                ))}
              </ul>
            )}
          </QueryState>
          <Link href="/notifications" className="bell-all" onClick={() => setOpen(false)}>
            {t('notifications.seeAll')}
          </Link>
        </div>
      )}
    </div>
  );
}
