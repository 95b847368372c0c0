// New message: to one person the sender may write to (the picker only offers those), or — for
// instructors — to the students of one of their courses, or — for admins — to everyone or a role.
import {
  BROADCAST_AUDIENCES,
  MESSAGE_CONTENT_MAX,
  MESSAGE_SUBJECT_MAX,
  type BroadcastAudience,
} from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { useAuth } from '../auth/useAuth';
import './messages.css';

type Mode = 'direct' | 'course' | 'platform';

export function ComposePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const params = new URLSearchParams(useSearch());
  const presetCourse = Number(params.get('course')) || null;
  const [mode, setMode] = useState<Mode>(presetCourse ? 'course' : 'direct');
  const [recipient, setRecipient] = useState<{ id: number; name: string } | null>(null);
  const [query, setQuery] = useState('');
  const [courseId, setCourseId] = useState<number | null>(presetCourse);
  const [audience, setAudience] = useState<BroadcastAudience>('all');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const canCourse = user?.role === 'instructor' || user?.role === 'admin';
  const recipients = trpc.messages.recipients.useQuery(
    { query: query.trim() || undefined, limit: 20 },
    { enabled: mode === 'direct' },
  );
  const courses = trpc.analytics.courses.useQuery(undefined, { enabled: canCourse && mode === 'course' });

  const done = (id: number) => {
    void utils.messages.sent.invalidate();
    navigate(`/messages/${id}`);
  };
  const send = trpc.messages.send.useMutation({ onSuccess: (r) => done(r.id) });
  const toCourse = trpc.messages.broadcastCourse.useMutation({ onSuccess: (r) => done(r.id) });
  const toAll = trpc.messages.broadcastAll.useMutation({ onSuccess: (r) => done(r.id) });
  const active = mode === 'direct' ? send : mode === 'course' ? toCourse : toAll;
  const fieldError = (f: string) =>
    (active.error?.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined)?.[
      f
    ]?.[0] ?? (active.error?.data?.field === f ? active.error.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'direct' && recipient) send.mutate({ recipientId: recipient.id, subject, content });
    if (mode === 'course' && courseId) toCourse.mutate({ courseId, subject, content });
    if (mode === 'platform') toAll.mutate({ audience, subject, content });
  };
  const ready =
    subject.trim() && content.trim() && (mode !== 'direct' || recipient) && (mode !== 'course' || courseId);

  return (
    <div className="stack">
      <Link href="/messages">← {t('messages.back')}</Link>
      <h1>{t('messages.compose')}</h1>
      <form className="form card" onSubmit={submit} noValidate>
        {canCourse && (
          <fieldset className="field">
            <legend>{t('messages.kind')}</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="mode"
                checked={mode === 'direct'}
                onChange={() => setMode('direct')}
              />
              {t('messages.kind.direct')}
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="mode"
                checked={mode === 'course'}
                onChange={() => setMode('course')}
                data-testid="mode-course"
              />
              {t('messages.kind.course')}
            </label>
            {user?.role === 'admin' && (
              <label className="checkbox">
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'platform'}
                  onChange={() => setMode('platform')}
                />
                {t('messages.kind.platform')}
              </label>
            )}
          </fieldset>
        )}

        {mode === 'direct' && (
          <div className="field">
            <label htmlFor="recipient-search">{t('messages.recipient')}</label>
            {recipient ? (
              <p className="row">
                <strong>{recipient.name}</strong>
                <button type="button" className="link-button" onClick={() => setRecipient(null)}>
                  {t('messages.change')}
                </button>
              </p>
            ) : (
              <>
                <input
                  id="recipient-search"
                  type="search"
                  value={query}
                  placeholder={t('messages.searchPeople')}
                  onChange={(e) => setQuery(e.target.value)}
                  autoComplete="off"
                />
                {recipients.data && recipients.data.length === 0 ? (
                  <p className="muted small">{t('messages.noRecipients')}</p>
                ) : (
                  <ul className="recipient-results">
                    {recipients.data?.map((u) => (
                      <li key={u.id}>
                        <button type="button" onClick={() => setRecipient({ id: u.id, name: u.name })}>
                          {u.name} <span className="muted small">· {t(`role.${u.role}` as MessageKey)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
            {fieldError('recipientId') && <p className="field-error">{fieldError('recipientId')}</p>}
          </div>
        )}

        {mode === 'course' && (
          <div className="field">
            <label htmlFor="course">{t('messages.course')}</label>
            <select
              id="course"
              value={courseId ?? ''}
              onChange={(e) => setCourseId(Number(e.target.value) || null)}
              data-testid="course-select"
            >
              <option value="">—</option>
              {courses.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({t('analytics.enrolmentsCount', { count: c.enrolments })})
                </option>
              ))}
            </select>
            {fieldError('courseId') && <p className="field-error">{fieldError('courseId')}</p>}
          </div>
        )}

        {mode === 'platform' && (
          <div className="field">
            <label htmlFor="audience">{t('messages.audience')}</label>
            <select
              id="audience"
              value={audience}
              onChange={(e) => setAudience(e.target.value as BroadcastAudience)}
            >
              {BROADCAST_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`messages.audience.${a}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        )}

        <div className="field">
          <label htmlFor="subject">{t('messages.subject')}</label>
          <input
            id="subject"
            value={subject}
            maxLength={MESSAGE_SUBJECT_MAX}
            onChange={(e) => setSubject(e.target.value)}
            aria-invalid={!!fieldError('subject')}
          />
          {fieldError('subject') && <p className="field-error">{fieldError('subject')}</p>}
        </div>
        <div className="field">
          <label htmlFor="content">{t('messages.content')}</label>
          <textarea
            id="content"
            rows={8}
            value={content}
            maxLength={MESSAGE_CONTENT_MAX}
            onChange={(e) => setContent(e.target.value)}
            aria-invalid={!!fieldError('content')}
          />
          <p className="char-count">
            {t('messages.chars', { count: content.length, max: MESSAGE_CONTENT_MAX })}
          </p>
          {fieldError('content') && <p className="field-error">{fieldError('content')}</p>}
        </div>
        {active.error && !['recipientId', 'courseId', 'subject', 'content'].some((f) => fieldError(f)) && (
          <p className="form-error" role="alert">
            {active.error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={!ready || active.isPending} data-testid="send-message">
            {mode === 'direct' ? t('messages.send') : t('messages.sendBroadcast')}
          </button>
        </div>
      </form>
    </div>
  );
}
