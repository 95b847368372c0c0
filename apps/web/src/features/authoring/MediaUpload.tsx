// File upload with a progress bar. XMLHttpRequest rather than fetch: only XHR reports upload
// progress. The server checks the type by content and the size; the checks here only save a trip.
import { DISCUSSION_ATTACHMENT_MAX_BYTES, MEDIA_IMAGE_MAX_PIXELS, MEDIA_SIZE_LIMITS, type FileCategory } from '@mdsc/validators';
import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

export interface UploadedMedia {
  id: number;
  url: string;
  fileType: string;
  fileCategory: string;
  originalFilename: string;
  thumbnailUrl: string | null;
}

const ACCEPT: Record<FileCategory, string> = {
  image: 'image/png,image/jpeg,image/webp,image/gif,image/avif',
  video: 'video/mp4,video/webm,video/quicktime',
  audio: 'audio/mpeg,audio/ogg,audio/opus,audio/wav,audio/mp4,audio/aac,audio/flac,.ogg,.oga,.opus',
  document: '.pdf,.docx,.xlsx,.epub',
  presentation: '.pptx,.pdf',
  h5p: '.h5p',
  other: '.zip',
};

type Props = {
  courseId: number;
  lessonId?: number;
  label: string;
  onUploaded(media: UploadedMedia): void;
} & (
  | { category: FileCategory; purpose?: undefined }
  /** An attachment of a discussion post (any course member): an image or a document. */
  | { category?: undefined; purpose: 'discussion' }
);

export function MediaUpload({ courseId, lessonId, category, purpose, label, onUploaded }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const limit = category ? MEDIA_SIZE_LIMITS[category] : DISCUSSION_ATTACHMENT_MAX_BYTES;
  const limitMb = Math.round(limit / 1024 / 1024);
  const accept = category ? ACCEPT[category] : `${ACCEPT.image},${ACCEPT.document}`;

  /** The message for a 400: the server's reason (see the upload route), else "type refused". */
  function refusal(body: string): string {
    let reason: string | null = null;
    try {
      reason = (JSON.parse(body) as { error?: { reason?: string | null } }).error?.reason ?? null;
    } catch {
      // not JSON: a proxy's page
    }
    if (reason === 'empty_file') return t('media.empty');
    if (reason === 'image_too_large') return t('media.imageTooLarge', { mp: MEDIA_IMAGE_MAX_PIXELS / 1_000_000 });
    if (reason === 'upload_incomplete') return t('media.incomplete');
    if (reason === 'image_unreadable') return t('media.unreadable');
    return t('media.refused');
  }

  function upload(file: File) {
    setError(null);
    setDone(null);
    if (file.size > limit) return setError(t('media.tooLarge', { mb: limitMb }));
    const params = new URLSearchParams({ courseId: String(courseId), ...(category ? { category } : { purpose: purpose! }) });
    if (lessonId) params.set('lessonId', String(lessonId));
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', `/api/media?${params}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      setProgress(null);
      xhrRef.current = null;
      if (xhr.status === 201) {
        const media = JSON.parse(xhr.responseText) as UploadedMedia;
        setDone(media.originalFilename);
        onUploaded(media);
      } else if (xhr.status === 413) setError(t('media.tooLarge', { mb: limitMb }));
      else if (xhr.status === 400) setError(refusal(xhr.responseText));
      else setError(t('errors.generic'));
    };
    xhr.onerror = () => {
      setProgress(null);
      setError(t('errors.network'));
    };
    xhr.onabort = () => setProgress(null);
    const form = new FormData();
    form.append('file', file);
    setProgress(0);
    xhr.send(form);
  }

  return (
    <div className="field media-upload">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={progress !== null}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload(file);
          e.target.value = '';
        }}
        aria-describedby={`${id}-hint`}
      />
      <small id={`${id}-hint`} className="muted">
        {t('media.limit', { mb: limitMb })}
      </small>
      {progress !== null && (
        <div className="row">
          <progress max={1} value={progress} aria-label={t('media.progress')} data-testid="upload-progress" />
          <span className="small">{Math.round(progress * 100)} %</span>
          <button type="button" className="secondary" onClick={() => xhrRef.current?.abort()}>
            {t('media.cancel')}
          </button>
        </div>
      )}
      {done && (
        <p role="status" className="notice small">
          {t('media.done', { name: done })}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
