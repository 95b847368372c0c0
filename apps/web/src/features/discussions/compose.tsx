// Writing in discussions, on the form layer: a Markdown field with a server-rendered preview (the
// exact sanitised HTML that will be stored), the new-topic form and the reply / comment form.
import {
  DISCUSSION_ATTACHMENTS_MAX,
  DISCUSSION_BODY_MAX,
  DISCUSSION_TITLE_MAX,
  discussionBodySchema,
  discussionTitleSchema,
  type DiscussionCategory,
} from '@mdsc/validators';
import { useState } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { useDraftKey } from '../../lib/draft-key';
import { trpc } from '../../lib/trpc';
import { FieldShell, Form, SelectField, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { MediaUpload } from '../authoring/MediaUpload';
import { PostHtml } from './PostHtml';

/** Markdown textarea with Write / Preview tabs. The preview is rendered by the server. */
export function MarkdownField({ name, label, rows = 6, testId }: { name: string; label: string; rows?: number; testId?: string }) {
  const { t } = useI18n();
  const { field, fieldState } = useController({ name });
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const preview = trpc.discussions.preview.useMutation();
  const value = String(field.value ?? '');
  const showPreview = () => {
    setMode('preview');
    if (value.trim()) preview.mutate({ body: value });
  };
  return (
    <FieldShell name={name} label={label} hint={t('disc.form.bodyHint')} error={fieldState.error?.message} testId={testId}>
      {(a) => (
        <div className="md-field">
          <div className="md-tabs" role="group" aria-label={label}>
            <button type="button" className={mode === 'write' ? 'md-tab active' : 'md-tab'} aria-pressed={mode === 'write'} onClick={() => setMode('write')}>
              {t('disc.form.write')}
            </button>
            <button type="button" className={mode === 'preview' ? 'md-tab active' : 'md-tab'} aria-pressed={mode === 'preview'} onClick={showPreview} data-testid={testId ? `${testId}-preview` : undefined}>
              {t('disc.form.preview')}
            </button>
          </div>
          {mode === 'write' ? (
            <textarea
              {...a}
              ref={field.ref}
              name={field.name}
              value={value}
              onChange={(e) => field.onChange(e.target.value)}
              onBlur={field.onBlur}
              rows={rows}
              maxLength={DISCUSSION_BODY_MAX}
            />
          ) : (
            <div className="md-preview" aria-live="polite" data-testid="md-preview">
              {!value.trim() ? (
                <p className="muted">{t('disc.form.previewEmpty')}</p>
              ) : preview.isPending ? (
                <p aria-busy="true">{t('common.loading')}</p>
              ) : preview.data ? (
                <PostHtml html={preview.data.html} />
              ) : null}
            </div>
          )}
        </div>
      )}
    </FieldShell>
  );
}

const attachmentsSchema = z.array(z.object({ id: z.number().int().positive(), name: z.string() })).max(DISCUSSION_ATTACHMENTS_MAX);
type Attachment = z.infer<typeof attachmentsSchema>[number];

/** Files joined to a post: uploaded at once (images and documents), listed, removable before posting. */
function AttachmentsField({ courseId }: { courseId: number }) {
  const { t } = useI18n();
  const { field } = useController({ name: 'attachments' });
  const files = (field.value ?? []) as Attachment[];
  return (
    <div className="stack disc-attach" data-testid="attachments-field">
      {files.length > 0 && (
        <ul className="disc-files" aria-label={t('disc.thread.attachments')}>
          {files.map((f) => (
            <li key={f.id}>
              📎 {f.name}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => field.onChange(files.filter((x) => x.id !== f.id))}
                aria-label={t('disc.form.removeFile', { name: f.name })}
              >
                {t('disc.form.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.length < DISCUSSION_ATTACHMENTS_MAX && (
        <MediaUpload
          courseId={courseId}
          purpose="discussion"
          label={t('disc.form.attach')}
          onUploaded={(m) => field.onChange([...files, { id: m.id, name: m.originalFilename }])}
        />
      )}
    </div>
  );
}

const threadSchema = z.object({
  category: z.enum(['question', 'discussion', 'announcement']),
  title: discussionTitleSchema,
  body: discussionBodySchema,
  attachments: attachmentsSchema,
});

export function ThreadForm({
  courseId,
  lesson,
  canAnnounce,
  onDone,
  onCancel,
}: {
  courseId: number;
  lesson: { id: number; title: string | null } | null;
  canAnnounce: boolean;
  onDone(r: { id: number; isPending: boolean }): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const create = trpc.discussions.createThread.useMutation();
  const draft = useDraftKey();
  const form = useZodForm(threadSchema, {
    defaultValues: { category: 'question' as DiscussionCategory, title: '', body: '', attachments: [] as Attachment[] },
    onSubmit: async ({ attachments, ...v }) => {
      const r = await create.mutateAsync({
        ...v,
        courseId,
        lessonId: lesson?.id ?? null,
        attachmentIds: attachments.map((a) => a.id),
        clientKey: draft.key(),
      });
      draft.renew();
      void utils.discussions.list.invalidate();
      onDone(r);
      return r;
    },
    success: (r) => (r.isPending ? t('disc.form.pendingNotice') : t('disc.form.posted')),
    resetOnSuccess: true,
  });
  const cats: DiscussionCategory[] = canAnnounce ? ['question', 'discussion', 'announcement'] : ['question', 'discussion'];
  return (
    <Form
      form={form}
      className="form card disc-compose"
      aria-label={lesson?.title ? t('disc.newForLesson', { lesson: lesson.title }) : t('disc.new')}
      data-testid="thread-form"
    >
      <h2>{lesson?.title ? t('disc.newForLesson', { lesson: lesson.title }) : t('disc.new')}</h2>
      <SelectField name="category" label={t('disc.form.category')} options={cats.map((c) => ({ value: c, label: t(`disc.category.${c}`) }))} testId="thread-category" />
      <TextField name="title" label={t('disc.form.title')} maxLength={DISCUSSION_TITLE_MAX} testId="thread-title" />
      <MarkdownField name="body" label={t('disc.form.body')} testId="thread-body" />
      <AttachmentsField courseId={courseId} />
      <div className="form-actions">
        <SubmitButton testId="thread-submit">{t('disc.form.post')}</SubmitButton>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('disc.form.cancel')}
        </button>
      </div>
    </Form>
  );
}

const replySchema = z.object({ body: discussionBodySchema, attachments: attachmentsSchema });

export function ReplyForm({
  courseId,
  threadId,
  parentId,
  label,
  onDone,
  compact,
}: {
  /** Given for a reply (not a comment): files may be attached. */
  courseId?: number;
  threadId: number;
  parentId?: number;
  label: string;
  onDone?(): void;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const reply = trpc.discussions.reply.useMutation();
  const draft = useDraftKey();
  const form = useZodForm(replySchema, {
    defaultValues: { body: '', attachments: [] as Attachment[] },
    onSubmit: async ({ body, attachments }) => {
      const r = await reply.mutateAsync({
        threadId,
        parentId: parentId ?? null,
        body,
        attachmentIds: attachments.map((a) => a.id),
        clientKey: draft.key(),
      });
      draft.renew();
      await utils.discussions.thread.invalidate({ threadId });
      void utils.discussions.list.invalidate();
      onDone?.();
      return r;
    },
    success: (r) => (r.isPending ? t('disc.form.pendingNotice') : parentId ? t('disc.thread.commented') : t('disc.thread.replied')),
    resetOnSuccess: true,
  });
  const body = useWatch({ control: form.control, name: 'body' });
  return (
    <Form form={form} className={compact ? 'form disc-compose compact' : 'form card disc-compose'} aria-label={label} data-testid={parentId ? 'comment-form' : 'reply-form'}>
      <MarkdownField name="body" label={label} rows={compact ? 3 : 5} testId={parentId ? 'comment-body' : 'reply-body'} />
      {courseId && <AttachmentsField courseId={courseId} />}
      <div className="form-actions">
        <SubmitButton testId={parentId ? 'comment-submit' : 'reply-submit'} disabled={!String(body ?? '').trim()}>
          {parentId ? t('disc.thread.comment') : t('disc.thread.reply')}
        </SubmitButton>
      </div>
    </Form>
  );
}
