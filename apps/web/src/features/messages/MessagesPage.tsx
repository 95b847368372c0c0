// Inbox and sent messages, newest first, by cursor pages.
import { BROADCAST_AUDIENCES, type BroadcastAudience } from '@mdsc/validators';
import type { ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { PagedQueryState, type PagedQuery } from '../../ui/QueryState';
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

interface MessageRow {
  id: number;
  subject: string;
  preview: string;
  createdAt: string;
}

/** One list for both boxes: the rows differ only in their metadata line and styling. */
function MessageList<T extends MessageRow>(props: {
  pages: PagedQuery<T>;
  empty: string;
  meta: (m: T) => ReactNode;
  unread?: (m: T) => boolean;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <PagedQueryState query={props.pages} empty={props.empty} more={t('messages.more')}>
      {(items) => (
        <ul className="message-list">
          {items.map((m) => (
            <li key={m.id}>
              <Link
                href={`/messages/${m.id}`}
                className={props.unread?.(m) ? 'message-item unread' : 'message-item'}
                data-testid={props.testId}
              >
                <div className="message-meta">
                  {props.meta(m)}
                  <span>{timeAgo(m.createdAt, locale)}</span>
                </div>
                <div className="message-subject">{m.subject}</div>
                <p className="message-preview">{m.preview}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PagedQueryState>
  );
}

function Inbox() {
  const { t } = useI18n();
  const pages = trpc.messages.inbox.useInfiniteQuery(
    { limit: 20 },
    { getNextPageParam: (p) => p.nextCursor ?? undefined },
  );
  return (
    <MessageList
      pages={pages}
      empty={t('messages.emptyInbox')}
      testId="inbox-item"
      unread={(m) => !m.isRead}
      meta={(m) => (
        <>
          <span>{m.sender.name}</span>
          {m.type === 'broadcast' && (
            <span className="badge">
              {m.course ? t('messages.toCourse', { course: m.course.title }) : t('messages.announcement')}
            </span>
          )}
          {!m.isRead && <span className="badge ok">{t('messages.new')}</span>}
        </>
      )}
    />
  );
}

function Sent() {
  const { t } = useI18n();
  const pages = trpc.messages.sent.useInfiniteQuery(
    { limit: 20 },
    { getNextPageParam: (p) => p.nextCursor ?? undefined },
  );
  return (
    <MessageList
      pages={pages}
      empty={t('messages.emptySent')}
      meta={(m) => (
        <>
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
        </>
      )}
    />
  );
}
