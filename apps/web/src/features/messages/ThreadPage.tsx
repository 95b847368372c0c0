// One conversation: its messages oldest first (as text), read on opening, a reply box.
import { MESSAGE_CONTENT_MAX, messageContentSchema } from '@mdsc/validators';
import { useEffect } from 'react';
import { useWatch } from 'react-hook-form';
import { Link, useLocation, useParams } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Form, SubmitButton, TextAreaField, useZodForm } from '../../ui/form';
import { QueryState } from '../../ui/QueryState';
import { isNotFound } from '../learning/errors';
import { MessageBody } from './MessageBody';
import './messages.css';

export function ThreadPage() {
  const { t, locale } = useI18n();
  const params = useParams<{ id: string }>();
  const messageId = Number(params.id);
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  const thread = trpc.messages.thread.useQuery(
    { messageId },
    { enabled: Number.isInteger(messageId) && messageId > 0 },
  );
  const markThreadRead = trpc.messages.markThreadRead.useMutation({
    onSuccess: (r) => {
      utils.messages.unreadCount.setData(undefined, r.unreadCount);
      void utils.messages.inbox.invalidate();
      void utils.messages.thread.invalidate({ messageId });
      void utils.notifications.unreadCount.invalidate();
      void utils.notifications.list.invalidate();
    },
  });
  const hasUnread = !!thread.data?.messages.some((m) => !m.isMine && !m.isRead);
  // Opening the conversation reads it: once each time it has unread messages.
  const { mutate: readThread } = markThreadRead;
  useEffect(() => {
    if (hasUnread) readThread({ messageId });
  }, [hasUnread, messageId, readThread]);
  const remove = trpc.messages.delete.useMutation({
    onSuccess: () => {
      void utils.messages.invalidate();
      navigate('/messages');
    },
  });

  if (!thread.data) {
    return (
      <QueryState
        query={thread}
        errorText={(err) => (isNotFound(err) ? t('messages.notFound') : undefined)}
        errorAction={<Link href="/messages">{t('messages.back')}</Link>}
      />
    );
  }
  const messages = thread.data.messages;
  // Replies go to the other party of the latest message received, else of my latest direct message.
  const target =
    [...messages].reverse().find((m) => !m.isMine) ??
    [...messages].reverse().find((m) => m.type === 'direct');
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  return (
    <div className="stack">
      <Link href="/messages">← {t('messages.back')}</Link>
      <h1>{thread.data.subject}</h1>
      <ol className="thread list">
        {messages.map((m) => (
          <li
            key={m.id}
            className={m.isMine ? 'thread-message mine' : 'thread-message'}
            data-testid="thread-message"
          >
            <div className="row">
              <div className="message-meta">
                <strong>{m.isMine ? t('messages.me') : m.sender.name}</strong>
                {m.recipient && <span>{t('messages.to', { name: m.recipient.name })}</span>}
                {m.type === 'broadcast' && (
                  <span className="badge">
                    {m.course
                      ? t('messages.toCourse', { course: m.course.title })
                      : t('messages.announcement')}
                  </span>
                )}
                <time dateTime={m.createdAt}>{date(m.createdAt)}</time>
                {m.isMine && m.type === 'direct' && (
                  <span>{m.isRead ? t('messages.read') : t('messages.unread')}</span>
                )}
              </div>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  window.confirm(t('messages.deleteConfirm')) && remove.mutate({ messageId: m.id })
                }
              >
                {t('messages.delete')}
              </button>
            </div>
            <MessageBody content={m.content} />
          </li>
        ))}
      </ol>
      {target && (
        <ReplyForm
          messageId={target.id}
          to={target.isMine ? (target.recipient?.name ?? '') : target.sender.name}
        />
      )}
    </div>
  );
}

const replySchema = z.object({ content: messageContentSchema });

function ReplyForm({ messageId, to }: { messageId: number; to: string }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const reply = trpc.messages.reply.useMutation();
  const form = useZodForm(replySchema, {
    defaultValues: { content: '' },
    onSubmit: async ({ content }) => {
      await reply.mutateAsync({ messageId, content });
      void utils.messages.thread.invalidate();
      void utils.messages.sent.invalidate();
    },
    success: t('messages.sentOk'),
    resetOnSuccess: true,
  });
  const content = useWatch({ control: form.control, name: 'content' });
  return (
    <Form form={form} className="form card">
      <TextAreaField
        name="content"
        label={t('messages.replyTo', { name: to })}
        rows={4}
        maxLength={MESSAGE_CONTENT_MAX}
        hint={t('messages.chars', { count: content.length, max: MESSAGE_CONTENT_MAX })}
      />
      <div className="form-actions">
        <SubmitButton>{t('messages.send')}</SubmitButton>
      </div>
    </Form>
  );
}
