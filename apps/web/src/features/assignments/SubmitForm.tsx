// Handing in: an optional text and/or a file. The file goes first to POST /api/assignments/:id/file
// (the server checks its type by content and its size), then the submission names it.
import type { RouterOutputs } from '@mdsc/api';
import { ASSIGNMENT_TEXT_MAX } from '@mdsc/validators';
import { useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import {
  FieldShell,
  Form,
  reasonText,
  SubmitButton,
  TextAreaField,
  useFieldError,
  useZodForm,
} from '../../ui/form';
import { acceptOf } from './text';

type Settings = NonNullable<RouterOutputs['assignments']['forLesson']['settings']>;

export function SubmitForm({
  settings,
  replacing,
  onDone,
}: {
  settings: Settings;
  replacing: boolean;
  onDone(): void;
}) {
  const { t } = useI18n();
  const submit = trpc.assignments.submit.useMutation();
  const kind = settings.submissionType;
  const schema = z
    .object({
      text: z.string().max(ASSIGNMENT_TEXT_MAX),
      mediaFileId: z.number().nullable(),
      fileName: z.string(),
    })
    .superRefine((v, ctx) => {
      const text = v.text.trim();
      if (kind === 'text' && !text)
        ctx.addIssue({ code: 'custom', path: ['text'], message: t('asg.needText') });
      if (kind === 'file' && !v.mediaFileId)
        ctx.addIssue({ code: 'custom', path: ['mediaFileId'], message: t('asg.needFile') });
      if (kind === 'both' && !text && !v.mediaFileId)
        ctx.addIssue({ code: 'custom', path: ['text'], message: t('asg.needOne') });
    })
    .transform((v) => ({
      lessonId: settings.lessonId,
      text: kind === 'file' ? null : v.text.trim() || null,
      mediaFileId: kind === 'text' ? null : v.mediaFileId,
    }));
  const form = useZodForm(schema, {
    defaultValues: { text: '', mediaFileId: null, fileName: '' },
    onSubmit: async (input) => {
      const saved = await submit.mutateAsync(input);
      onDone();
      return saved;
    },
    success: t('asg.submitted'),
    fieldMap: { file: 'mediaFileId' },
  });
  return (
    <Form form={form} aria-label={t('asg.submit')} data-testid="assignment-submit-form">
      {kind !== 'file' && (
        <TextAreaField
          name="text"
          label={t('asg.answer')}
          rows={6}
          maxLength={ASSIGNMENT_TEXT_MAX}
          testId="assignment-text"
        />
      )}
      {kind !== 'text' && <FileField settings={settings} />}
      <SubmitButton testId="assignment-submit">
        {replacing ? t('asg.resubmit') : t('asg.submit')}
      </SubmitButton>
    </Form>
  );
}

/** The file control: uploads at once, then keeps the uploaded file's id in the form. */
function FileField({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { control, setError, clearErrors, setValue } = useFormContext();
  const { field } = useController({ name: 'mediaFileId', control });
  const fileName = useWatch({ control, name: 'fileName' }) as string;
  const error = useFieldError('mediaFileId');
  const [busy, setBusy] = useState(false);
  const mb = settings.maxFileSizeMb;

  async function upload(file: File) {
    clearErrors('mediaFileId');
    field.onChange(null);
    setValue('fileName', '');
    if (file.size > mb * 1024 * 1024)
      return setError('mediaFileId', { message: t('asg.fileTooLarge', { mb }) });
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    try {
      const res = await fetch(`/api/assignments/${settings.lessonId}/file`, {
        method: 'POST',
        body,
        credentials: 'include',
      });
      const json = (await res.json().catch(() => null)) as {
        id?: number;
        originalFilename?: string;
        error?: { reason?: string | null; message?: string };
      } | null;
      if (res.status === 201 && json?.id) {
        field.onChange(json.id);
        setValue('fileName', json.originalFilename ?? file.name);
      } else if (res.status === 413) setError('mediaFileId', { message: t('asg.fileTooLarge', { mb }) });
      else if (json?.error?.reason === 'type_not_allowed')
        setError('mediaFileId', { message: t('asg.fileRefused') });
      else setError('mediaFileId', { message: reasonText(t, json?.error?.reason) });
    } catch {
      setError('mediaFileId', { message: t('errors.network') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <FieldShell
      name="mediaFileId"
      label={t('asg.file')}
      error={error}
      testId="assignment-file"
      hint={
        <>
          {t('asg.fileHint', { types: settings.allowedFileTypes.join(', ').toUpperCase(), mb })}
          {busy && <span role="status"> · {t('asg.uploading')}</span>}
          {!busy && fileName && <span role="status"> · {t('asg.fileReady', { name: fileName })}</span>}
        </>
      }
    >
      {(a) => (
        <input
          {...a}
          type="file"
          accept={acceptOf(settings.allowedFileTypes)}
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      )}
    </FieldShell>
  );
}
