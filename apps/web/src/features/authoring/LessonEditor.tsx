// Create or edit a lesson: the fields change with the content type (a file or a link for media
// lessons, text for text and assignments, nothing more for a quiz).
import type { RouterOutputs } from '@mdsc/api';
import {
  LESSON_CONTENT_TYPES,
  lessonContentIssues,
  type FileCategory,
  type LessonContentType,
} from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { authoringErrors, fieldMessage, type FieldErrors } from './errors';
import { Checkbox, Select, TextArea, TextInput } from './fields';
import { MediaUpload } from './MediaUpload';

type Lesson = RouterOutputs['courses']['editor']['courseLessons'][number];

const FILE_OF: Partial<Record<LessonContentType, FileCategory>> = {
  video: 'video',
  audio: 'audio',
  document: 'document',
  presentation: 'presentation',
  h5p: 'h5p',
  assignment: 'document',
};

interface Props {
  courseId: number;
  moduleId: number | null;
  lesson?: Lesson;
  onDone(): void;
}

export function LessonEditor({ courseId, moduleId, lesson, onDone }: Props) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const create = trpc.lessons.create.useMutation();
  const update = trpc.lessons.update.useMutation();
  const c = lesson?.content;
  const [v, setV] = useState({
    title: lesson?.title ?? '',
    description: lesson?.description ?? '',
    contentType: (lesson?.contentType ?? 'text') as LessonContentType,
    contentText: c?.contentText ?? '',
    contentUrl: c?.contentUrl ?? '',
    videoUrl: c?.videoUrl ?? '',
    mediaFileId: c?.mediaFileId ?? null,
    mediaName: c?.media?.originalFilename ?? '',
    durationMinutes:
      lesson?.durationMinutes === null || lesson?.durationMinutes === undefined
        ? ''
        : String(lesson.durationMinutes),
    isRequired: lesson?.isRequired ?? true,
    isPublished: lesson?.isPublished ?? false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set =
    <K extends keyof typeof v>(k: K) =>
    (value: (typeof v)[K]) => {
      setV((p) => ({ ...p, [k]: value }));
      setErrors((p) => ({ ...p, [k]: undefined, form: undefined }));
    };

  const type = v.contentType;
  const fileCategory = FILE_OF[type];
  const usesText = type === 'text' || type === 'assignment';
  const usesLink = type === 'audio' || type === 'document' || type === 'presentation' || type === 'h5p';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload = {
      title: v.title.trim(),
      description: v.description || null,
      contentType: type,
      contentText: usesText ? v.contentText || null : null,
      contentUrl: usesLink ? v.contentUrl || null : null,
      videoUrl: type === 'video' ? v.videoUrl || null : null,
      mediaFileId: fileCategory ? v.mediaFileId : null,
      durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
      isRequired: v.isRequired,
      isPublished: v.isPublished,
    };
    const local: FieldErrors = {};
    if (!payload.title) local.title = t('errors.required');
    for (const i of lessonContentIssues(payload)) local[i.field] = fieldMessage(t, i.field);
    if (Object.keys(local).length) return setErrors({ ...local, form: t('authoring.fixErrors') });
    try {
      if (lesson) await update.mutateAsync({ id: lesson.id, ...payload });
      else await create.mutateAsync({ courseId, moduleId, ...payload });
      await utils.courses.editor.invalidate({ id: courseId });
      onDone();
    } catch (err) {
      setErrors(authoringErrors(t, err));
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="form lesson-editor card"
      aria-label={lesson ? t('authoring.editLesson') : t('authoring.newLesson')}
    >
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <TextInput
        name="title"
        label={t('authoring.field.lessonTitle')}
        value={v.title}
        onChange={set('title')}
        error={errors.title}
        maxLength={255}
      />
      <Select
        name="contentType"
        label={t('authoring.field.contentType')}
        value={type}
        onChange={(x) => set('contentType')(x as LessonContentType)}
        options={LESSON_CONTENT_TYPES.map((ct) => ({ value: ct, label: t(`lessonType.${ct}`) }))}
      />
      <TextArea
        name="description"
        label={t('authoring.field.lessonSummary')}
        value={v.description}
        onChange={set('description')}
        rows={2}
      />
      {usesText && (
        <TextArea
          name="contentText"
          label={type === 'assignment' ? t('authoring.field.instructions') : t('authoring.field.contentText')}
          value={v.contentText}
          onChange={set('contentText')}
          error={errors.contentText}
          rows={8}
        />
      )}
      {fileCategory && (
        <div className="stack">
          <MediaUpload
            courseId={courseId}
            lessonId={lesson?.id}
            category={fileCategory}
            label={t('authoring.field.file')}
            onUploaded={(m) => {
              set('mediaFileId')(m.id);
              set('mediaName')(m.originalFilename);
            }}
          />
          {v.mediaFileId && (
            <p className="small">
              {t('authoring.currentFile', { name: v.mediaName || `#${v.mediaFileId}` })}{' '}
              <button type="button" className="link-button" onClick={() => set('mediaFileId')(null)}>
                {t('authoring.removeFile')}
              </button>
            </p>
          )}
          {errors.mediaFileId && (
            <p className="field-error" data-field-error="mediaFileId">
              {errors.mediaFileId}
            </p>
          )}
        </div>
      )}
      {type === 'video' && (
        <TextInput
          name="videoUrl"
          type="url"
          label={t('authoring.field.videoLink')}
          value={v.videoUrl}
          onChange={set('videoUrl')}
          error={errors.videoUrl}
        />
      )}
      {usesLink && (
        <TextInput
          name="contentUrl"
          type="url"
          label={t('authoring.field.contentUrl')}
          value={v.contentUrl}
          onChange={set('contentUrl')}
          error={errors.contentUrl}
        />
      )}
      {type === 'quiz' && <p className="muted small">{t('authoring.quizHint')}</p>}
      <TextInput
        name="durationMinutes"
        type="number"
        min={0}
        label={t('authoring.field.duration')}
        value={v.durationMinutes}
        onChange={set('durationMinutes')}
        error={errors.durationMinutes}
      />
      <Checkbox
        name="isRequired"
        label={t('authoring.field.required')}
        checked={v.isRequired}
        onChange={set('isRequired')}
      />
      <Checkbox
        name="isPublished"
        label={t('authoring.field.lessonPublished')}
        checked={v.isPublished}
        onChange={set('isPublished')}
      />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending || update.isPending}>
          {lesson ? t('authoring.save') : t('authoring.addLesson')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('authoring.cancel')}
        </button>
      </div>
    </form>
  );
}
