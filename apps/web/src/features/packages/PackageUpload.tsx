// The builder's package form for a SCORM or H5P lesson: the current package (kind, version,
// files) and a zip to upload. The server extracts and checks it; its refusal is shown on the field.
import { PACKAGE_UPLOAD_MAX_BYTES } from '@mdsc/validators';
import { useController } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { FieldShell, Form, SubmitButton, useZodForm } from '../../ui/form';

const MB = 1024 * 1024;

/** The server's refusal reasons (PackageRejectedError), each with its own sentence. */
const REASONS = [
  'not_a_zip',
  'too_many_entries',
  'path_traversal',
  'absolute_path',
  'invalid_path',
  'symlink',
  'file_type',
  'too_large',
  'zip_bomb',
  'empty',
  'manifest_missing',
  'manifest_invalid',
  'launch_missing',
  'h5p_library_missing',
  'wrong_kind',
  'file_too_large',
] as const;

class PackageUploadError extends Error {
  constructor(
    readonly reason: string | null,
    message: string,
  ) {
    super(message);
  }
}

async function uploadPackage(lessonId: number, file: File): Promise<void> {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/api/lessons/${lessonId}/package`, {
    method: 'POST',
    body,
    credentials: 'include',
  });
  if (res.status === 201) return;
  const data = (await res.json().catch(() => null)) as {
    error?: { message?: string; reason?: string | null };
  } | null;
  throw new PackageUploadError(
    data?.error?.reason ?? (res.status === 413 ? 'file_too_large' : null),
    data?.error?.message ?? res.statusText,
  );
}

function FileInput({ accept, label, hint }: { accept: string; label: string; hint: string }) {
  const { field, fieldState } = useController<{ file: File | null }, 'file'>({ name: 'file' });
  return (
    <FieldShell name="file" label={label} hint={hint} error={fieldState.error?.message} testId="package-file">
      {(a) => (
        <input
          {...a}
          type="file"
          accept={accept}
          onChange={(e) => field.onChange(e.target.files?.[0] ?? null)}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    </FieldShell>
  );
}

/** "SCORM 1.2", "SCORM 2004 4th Edition", "H5P (H5P.MultiChoice 1.16)". */
function packageName(p: { kind: 'scorm12' | 'scorm2004' | 'h5p'; version: string | null }): string {
  if (p.kind === 'scorm12') return 'SCORM 1.2';
  if (p.kind === 'scorm2004') return `SCORM ${p.version ?? '2004'}`;
  return p.version ? `H5P (${p.version})` : 'H5P';
}

export function PackageUpload({ lessonId, kind }: { lessonId: number; kind: 'scorm' | 'h5p' }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const current = trpc.packages.forLesson.useQuery({ lessonId });
  const schema = z.object({
    file: z
      .instanceof(File, { message: t('pkg.error.required') })
      .nullable()
      .refine((f): f is File => f !== null, t('pkg.error.required'))
      .refine(
        (f) => !f || f.size <= PACKAGE_UPLOAD_MAX_BYTES,
        t('pkg.error.file_too_large', { mb: PACKAGE_UPLOAD_MAX_BYTES / MB }),
      ),
  });
  const form = useZodForm(schema, {
    defaultValues: { file: null },
    onSubmit: async ({ file }, f) => {
      try {
        await uploadPackage(lessonId, file as File);
      } catch (err) {
        // The server's refusal names the problem (path traversal, file type, missing manifest…).
        if (err instanceof PackageUploadError) {
          const known = REASONS.find((r) => r === err.reason);
          // Other refusals (not the course's author, lesson gone…) are said as the server says them.
          const message = known
            ? t('pkg.refused', { reason: t(`pkg.reason.${known}`), detail: err.message })
            : err.message;
          f.setError('file', { type: 'server', message }, { shouldFocus: true });
          return 'refused' as const;
        }
        throw err;
      }
      f.reset();
      await utils.packages.forLesson.invalidate({ lessonId });
      return 'uploaded' as const;
    },
    success: (r) => (r === 'uploaded' ? t('pkg.uploaded') : ''),
  });
  return (
    <section
      className="card stack package-upload"
      aria-labelledby={`pkg-${lessonId}`}
      data-testid="package-upload"
    >
      <h3 id={`pkg-${lessonId}`}>{kind === 'scorm' ? t('pkg.scormTitle') : t('pkg.h5pTitle')}</h3>
      <QueryState query={current}>
        {(p) =>
          p ? (
            <p className="small" data-testid="package-current">
              {t('pkg.current', {
                name: packageName(p),
                files: p.fileCount,
              })}
              {p.masteryScore !== null && <> · {t('pkg.mastery', { value: p.masteryScore })}</>}
            </p>
          ) : (
            <p className="muted small">{t('pkg.none')}</p>
          )
        }
      </QueryState>
      <Form form={form} aria-label={t('pkg.upload')}>
        <FileInput
          accept={kind === 'scorm' ? '.zip,application/zip' : '.h5p,.zip'}
          label={kind === 'scorm' ? t('pkg.fileScorm') : t('pkg.fileH5p')}
          hint={t('pkg.hint', { mb: PACKAGE_UPLOAD_MAX_BYTES / MB })}
        />
        <SubmitButton>{t('pkg.upload')}</SubmitButton>
      </Form>
    </section>
  );
}
