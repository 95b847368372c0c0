// Create or edit a lesson: the fields change with the content type (a file or a link for media
// lessons, rich text for text and assignments, nothing more for a quiz).
import type { RouterOutputs } from '@mdsc/api';
import {
  LESSON_CONTENT_TYPES,
  lessonContentIssues,
  type FileCategory,
  type LessonContentType,
} from '@mdsc/validators';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { CheckboxField, Form, FormActions, NumberField, SelectField, TextAreaField, TextField, useZodForm } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';
import { PackageUpload } from '../packages/PackageUpload';
import { MediaUpload } from './MediaUpload';
import { AssignmentSettings } from '../assignments/AssignmentSettingsForm';
import { RichTextField } from './RichTextField';

type Lesson = RouterOutputs['courses']['editor']['courseLessons'][number];

const FILE_OF: Partial<Record<LessonContentType, FileCategory>> = {
  video: 'video',
  audio: 'audio',
  document: 'document',
  presentation: 'presentation',
  assignment: 'document',
};

interface Props {
  courseId: number;
  moduleId: number | null;
  lesson?: Lesson;
  onDone(): void;
}

// Assignments keep their instructions in their own settings (AssignmentSettings below the form).
const usesText = (type: LessonContentType) => type === 'text';
const usesLink = (type: LessonContentType) =>
  type === 'audio' || type === 'document' || type === 'presentation';

// Only the fields the content type uses are sent; the shared rule says which one it needs.
const schema = z
  .object({
    title: z.string().trim().min(1).max(255),
    description: z.string(),
    contentType: z.enum(LESSON_CONTENT_TYPES),
    contentHtml: z.string(),
    contentUrl: z.string(),
    videoUrl: z.string(),
    mediaFileId: z.number().nullable(),
    mediaName: z.string(),
    durationMinutes: z.number().int().min(0).nullable(),
    isRequired: z.boolean(),
    isPublished: z.boolean(),
  })
  .transform((v) => ({
    title: v.title,
    description: v.description || null,
    contentType: v.contentType,
    // The server sanitises the HTML and derives the plain-text copy (content_text) from it.
    contentHtml: usesText(v.contentType) ? v.contentHtml || null : null,
    contentText: null,
    contentUrl: usesLink(v.contentType) ? v.contentUrl || null : null,
    videoUrl: v.contentType === 'video' ? v.videoUrl || null : null,
    mediaFileId: FILE_OF[v.contentType] ? v.mediaFileId : null,
    durationMinutes: v.durationMinutes,
    isRequired: v.isRequired,
    isPublished: v.isPublished,
  }))
  .superRefine((p, ctx) => {
    // The text lives in the editor (contentHtml), whichever of the two fields the shared rule names.
    for (const i of lessonContentIssues(p)) {
      const field = i.field === 'contentText' ? 'contentHtml' : i.field;
      ctx.addIssue({ code: 'custom', path: [field], message: i.message });
    }
  });

// A lesson title needs one character, not the course title's three.
const ERRORS = { ...AUTHORING_ERRORS, messages: { ...AUTHORING_ERRORS.messages, title: undefined } };

export function LessonEditor({ courseId, moduleId, lesson, onDone }: Props) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const create = trpc.lessons.create.useMutation();
  const update = trpc.lessons.update.useMutation();
  const c = lesson?.content;
  const form = useZodForm(schema, {
    ...ERRORS,
    defaultValues: {
      title: lesson?.title ?? '',
      description: lesson?.description ?? '',
      contentType: lesson?.contentType ?? 'text',
      contentHtml: c?.contentHtml ?? '',
      contentUrl: c?.contentUrl ?? '',
      videoUrl: c?.videoUrl ?? '',
      mediaFileId: c?.mediaFileId ?? null,
      mediaName: c?.media?.originalFilename ?? '',
      durationMinutes: lesson?.durationMinutes ?? null,
      isRequired: lesson?.isRequired ?? true,
      isPublished: lesson?.isPublished ?? false,
    },
    onSubmit: async (payload) => {
      if (lesson) await update.mutateAsync({ id: lesson.id, ...payload });
      else await create.mutateAsync({ courseId, moduleId, ...payload });
      await utils.courses.editor.invalidate({ id: courseId });
      onDone();
    },
  });
  const [type, mediaFileId, mediaName] = useWatch({ control: form.control, name: ['contentType', 'mediaFileId', 'mediaName'] });
  // Not an input of its own: the upload's error is read from the form state here.
  const mediaError = form.formState.errors.mediaFileId?.message;
  const fileCategory = FILE_OF[type];
  const setMedia = (id: number | null, name = '') => {
    form.setValue('mediaFileId', id, { shouldDirty: true });
    form.setValue('mediaName', name);
    form.clearErrors('mediaFileId');
  };

  // A saved SCORM/H5P lesson's package has its own form, beside this one (forms do not nest).
  const packageForm =
    lesson && (lesson.contentType === 'scorm' || lesson.contentType === 'h5p') && lesson.contentType === type ? (
      <PackageUpload key="package" lessonId={lesson.id} kind={lesson.contentType} />
    ) : null;
  return [
    <Form key="lesson" form={form} className="form lesson-editor card" aria-label={lesson ? t('authoring.editLesson') : t('authoring.newLesson')}>
      <TextField name="title" label={t('authoring.field.lessonTitle')} maxLength={255} />
      <SelectField
        name="contentType"
        label={t('authoring.field.contentType')}
        options={LESSON_CONTENT_TYPES.map((ct) => ({ value: ct, label: t(`lessonType.${ct}`) }))}
      />
      <TextAreaField name="description" label={t('authoring.field.lessonSummary')} rows={2} />
      {usesText(type) && (
        <RichTextField
          name="contentHtml"
          label={t('authoring.field.contentText')}
          courseId={courseId}
          lessonId={lesson?.id}
        />
      )}
      {fileCategory && (
        <div className="stack">
          <MediaUpload
            courseId={courseId}
            lessonId={lesson?.id}
            category={fileCategory}
            label={t('authoring.field.file')}
            onUploaded={(m) => setMedia(m.id, m.originalFilename)}
          />
          {mediaFileId && (
            <p className="small">
              {t('authoring.currentFile', { name: mediaName || `#${mediaFileId}` })}{' '}
              <button type="button" className="link-button" onClick={() => setMedia(null)}>
                {t('authoring.removeFile')}
              </button>
            </p>
          )}
          {mediaError && (
            <p className="field-error" data-field-error="mediaFileId">
              {mediaError}
            </p>
          )}
        </div>
      )}
      {type === 'video' && <TextField name="videoUrl" type="url" label={t('authoring.field.videoLink')} />}
      {usesLink(type) && <TextField name="contentUrl" type="url" label={t('authoring.field.contentUrl')} />}
      {type === 'quiz' && <p className="muted small">{t('authoring.quizHint')}</p>}
      {type === 'assignment' && lesson?.contentType !== 'assignment' && (
        <p className="muted small">{t('asg.settings.afterCreate')}</p>
      )}
      {(type === 'scorm' || type === 'h5p') && !(lesson && lesson.contentType === type) && (
        <p className="muted small">{t('pkg.saveFirst')}</p>
      )}
      <NumberField name="durationMinutes" min={0} label={t('authoring.field.duration')} />
      <CheckboxField name="isRequired" label={t('authoring.field.required')} />
      <CheckboxField name="isPublished" label={t('authoring.field.lessonPublished')} />
      <FormActions save={lesson ? t('authoring.save') : t('authoring.addLesson')} onCancel={onDone} />
    </Form>,
    packageForm,
    lesson?.contentType === 'assignment' ? <AssignmentSettings key="assignment" courseId={courseId} lessonId={lesson.id} /> : null,
  ];
}
