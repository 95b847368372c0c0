// New message: to one person the sender may write to (the picker only offers those), or — for
// instructors — to the students of one of their courses, or — for admins — to everyone or a role.
import {
  BROADCAST_AUDIENCES,
  MESSAGE_CONTENT_MAX,
  MESSAGE_SUBJECT_MAX,
  messageContentSchema,
  messageSubjectSchema,
} from '@mdsc/validators';
import { useState } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { Link, useLocation, useSearch } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { FieldShell, Form, SelectField, SubmitButton, TextAreaField, TextField, useZodForm } from '../../ui/form';
import { useAuth } from '../auth/useAuth';
import './messages.css';

const MODES = ['direct', 'course', 'platform'] as const;

const schema = z
  .object({
    mode: z.enum(MODES),
    recipientId: z.number().int().positive().nullable(),
    courseId: z.number().int().positive().nullable(),
    audience: z.enum(BROADCAST_AUDIENCES),
    subject: messageSubjectSchema,
    content: messageContentSchema,
  })
  .superRefine((v, ctx) => {
    // Who it goes to depends on the kind of message.
    if (v.mode === 'direct' && !v.recipientId) ctx.addIssue({ code: 'custom', path: ['recipientId'], message: 'required' });
    if (v.mode === 'course' && !v.courseId) ctx.addIssue({ code: 'custom', path: ['courseId'], message: 'required' });
  });

export function ComposePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const params = new URLSearchParams(useSearch());
  const presetCourse = Number(params.get('course')) || null;
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const canCourse = user?.role === 'instructor' || user?.role === 'admin';
  const send = trpc.messages.send.useMutation();
  const toCourse = trpc.messages.broadcastCourse.useMutation();
  const toAll = trpc.messages.broadcastAll.useMutation();
  const form = useZodForm(schema, {
    defaultValues: {
      mode: presetCourse ? 'course' : 'direct',
      recipientId: null,
      courseId: presetCourse,
      audience: 'all',
      subject: '',
      content: '',
    },
    onSubmit: async ({ mode, recipientId, courseId, audience, subject, content }) => {
      const sent =
        mode === 'direct'
          ? await send.mutateAsync({ recipientId: recipientId!, subject, content })
          : mode === 'course'
            ? await toCourse.mutateAsync({ courseId: courseId!, subject, content })
            : await toAll.mutateAsync({ audience, subject, content });
      void utils.messages.sent.invalidate();
      navigate(`/messages/${sent.id}`);
    },
  });
  const [mode, content] = useWatch({ control: form.control, name: ['mode', 'content'] });
  const courses = trpc.analytics.courses.useQuery(undefined, { enabled: canCourse && mode === 'course' });
  const modes = MODES.filter((m) => m === 'direct' || (m === 'course' && canCourse) || (m === 'platform' && user?.role === 'admin'));

  return (
    <div className="stack">
      <Link href="/messages">← {t('messages.back')}</Link>
      <h1>{t('messages.compose')}</h1>
      <Form form={form} className="form card">
        {modes.length > 1 && (
          <fieldset className="field">
            <legend>{t('messages.kind')}</legend>
            {modes.map((m) => (
              <label key={m} className="checkbox">
                <input type="radio" value={m} {...form.register('mode')} data-testid={`mode-${m}`} />
                {t(`messages.kind.${m}`)}
              </label>
            ))}
          </fieldset>
        )}
        {mode === 'direct' && <RecipientPicker />}
        {mode === 'course' && (
          <SelectField
            name="courseId"
            numeric
            testId="course-select"
            label={t('messages.course')}
            options={[
              { value: '', label: '—' },
              ...(courses.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.title} (${t('analytics.enrolmentsCount', { count: c.enrolments })})`,
              })),
            ]}
          />
        )}
        {mode === 'platform' && (
          <SelectField
            name="audience"
            label={t('messages.audience')}
            options={BROADCAST_AUDIENCES.map((a) => ({ value: a, label: t(`messages.audience.${a}` as MessageKey) }))}
          />
        )}
        <TextField name="subject" label={t('messages.subject')} maxLength={MESSAGE_SUBJECT_MAX} />
        <TextAreaField
          name="content"
          label={t('messages.content')}
          rows={8}
          maxLength={MESSAGE_CONTENT_MAX}
          hint={t('messages.chars', { count: content.length, max: MESSAGE_CONTENT_MAX })}
        />
        <div className="form-actions">
          <SubmitButton testId="send-message">{mode === 'direct' ? t('messages.send') : t('messages.sendBroadcast')}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

/** The people the sender may write to, searched by name; the choice is the form's `recipientId`. */
function RecipientPicker() {
  const { t } = useI18n();
  const { field, fieldState } = useController({ name: 'recipientId' });
  const [chosen, setChosen] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const recipients = trpc.messages.recipients.useQuery({ query: query.trim() || undefined, limit: 20 });
  return (
    <FieldShell name="recipientId" label={t('messages.recipient')} error={fieldState.error?.message}>
      {(a) =>
        field.value && chosen ? (
          <p className="row">
            <strong>{chosen}</strong>
            <button type="button" className="link-button" onClick={() => field.onChange(null)}>
              {t('messages.change')}
            </button>
          </p>
        ) : (
          <>
            <input
              {...a}
              ref={field.ref}
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
                    <button
                      type="button"
                      onClick={() => {
                        setChosen(u.name);
                        field.onChange(u.id);
                      }}
                    >
                      {u.name} <span className="muted small">· {t(`role.${u.role}` as MessageKey)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )
      }
    </FieldShell>
  );
}
