// Inbox and sent messages, newest first, by cursor pages.
import { BROADCAST_AUDIENCES, type BroadcastAudience } from '@mdsc/validators';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { timeAgo } from '../notifications/NotificationBell';
import './messages.css';

export function MessagesPage() {
  const { t } = useI18n();
  const box = new URLSearchParams(useSearch()).get('box') === 'sent' ? 'sent' : 'inbox';
  return (
    <div className="stack">
      <div className="row">
        <h1>{t('messages.title')}</h1>
        <Link href="/messages/new" className="button-link" data-testid="compose">
          {t('messages.compose')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('messages.title')}>
        <Link href="/messages" aria-current={box === 'inbox' ? 'page' : undefined}>
          {t('messages.inbox')}
        </Link>
        <Link href="/messages?box=sent" aria-current={box === 'sent' ? 'page' : undefined}>
          {t('messages.sent')}
        </Link>
      </nav>
      {box === 'inbox' ? <Inbox /> : <Sent />}
    </div>
  );
}

const audienceKey = (a: string | null) =>
  (BROADCAST_AUDIENCES as readonly string[]).includes(a ?? '') ? (a as BroadcastAudience) : 'all';

function ListState({ q }: { q: { isPending: boolean; isError: boolean; refetch: () => unknown } }) {
  const { t } = useI18n();
  if (q.isPending) return <p aria-busy="true">{t('common.loading')}</p>;
  if (q.isError) {
    return (
      <p className="error-state" role="alert">
        {t('common.error')}{' '}
        <button type="button" onClick={() => void q.refetch()}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  return null;
}

function Inbox() {
  const { t, locale } = useI18n();
  const pages = trpc.messages.inbox.useInfiniteQuery(
    { limit: 20 },
    { getNextPageParam: (p) => p.nextCursor ?? undefined },
  );
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (!pages.data) return <ListState q={pages} />;
  if (items.length === 0) return <p className="empty-state muted">{t('messages.emptyInbox')}</p>;
  return (
    <>
      <ul className="message-list">
        {items.map((m) => (
          <li key={m.id}>
            <Link
              href={`/messages/${m.id}`}
              className={m.isRead ? 'message-item' : 'message-item unread'}
              data-testid="inbox-item"
            >
              <div className="message-meta">
                <span>{m.sender.name}</span>
                {m.type === 'broadcast' && (
                  <span className="badge">
                    {m.course
                      ? t('messages.toCourse', { course: m.course.title })
                      : t('messages.announcement')}
                  </span>
                )}
                {!m.isRead && <span className="badge ok">{t('messages.new')}</span>}
                <span>{timeAgo(m.createdAt, locale)}</span>
              </div>
              <div className="message-subject">{m.subject}</div>
              <p className="message-preview">{m.preview}</p>
            </Link>
          </li>
        ))}
      </ul>
      {pages.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {t('messages.more')}
        </button>
      )}
    </>
  );
}

function Sent() {
  const { t, locale } = useI18n();
  const pages = trpc.messages.sent.useInfiniteQuery(
    { limit: 20 },
    { getNextPageParam: (p) => p.nextCursor ?? undefined },
  );
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (!pages.data) return <ListState q={pages} />;
  if (items.length === 0) return <p className="empty-state muted">{t('messages.emptySent')}</p>;
  return (
    <>
      <ul className="message-list">
        {items.map((m) => (
          <li key={m.id}>
            <Link href={`/messages/${m.id}`} className="message-item">
              <div className="message-meta">
                <span>
                  {m.recipient
                    ? t('messages.to', { name: m.recipient.name })
                    : m.course
                      ? t('messages.toCourse', { course: m.course.title })
                      : t(`messages.audience.${audienceKey(m.audience)}`)}
                </span>
                <span>
                  {m.type === 'broadcast'
                    ? t('messages.readBy', { read: m.readCount, total: m.recipientCount })
                    : m.readCount
                      ? t('messages.read')
                      : t('messages.unread')}
                </span>
                <span>{timeAgo(m.createdAt, locale)}</span>
              </div>
              <div className="message-subject">{m.subject}</div>
              <p className="message-preview">{m.preview}</p>
            </Link>
          </li>
        ))}
      </ul>
      {pages.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {t('messages.more')}
        </button>
      )}
    </>
  );
}
