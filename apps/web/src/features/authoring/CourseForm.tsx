// Every editable column of a course, for creation and for the builder. Cross-field rules (dates in
// order, XOF prices whole) are checked with the same shared function as the server.
import type { RouterOutputs } from '@mdsc/api';
import { courseRuleIssues, DIFFICULTIES } from '@mdsc/validators';
import { useWatch } from 'react-hook-form';
import { useLocation } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Form, NumberField, SelectField, SubmitButton, TextAreaField, TextField, useSaveForm } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';
import { MediaUpload } from './MediaUpload';
import { COURSE_LANGUAGES, languageName } from '../../i18n/languages';

type Course = RouterOutputs['courses']['editor']['course'];


/** ISO ↔ the value of an <input type="datetime-local"> (the reader's local time). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const localInputToIso = (v: string): string | null => (v ? new Date(v).toISOString() : null);

const emptyToNull = (v: string) => (v.trim() ? v.trim() : null);

const schema = z
  .object({
    title: z.string().trim().min(3).max(255),
    categoryId: z.number().int().positive(),
    shortDescription: z.string().max(500).transform(emptyToNull),
    description: z.string().transform(emptyToNull),
    difficulty: z.enum(DIFFICULTIES),
    language: z.string(),
    price: z.number().min(0).nullable().transform((v) => v ?? 0),
    currency: z.string().trim().toUpperCase().length(3),
    durationMinutes: z.number().int().min(0).nullable(),
    courseStartDate: z.string().transform(localInputToIso),
    courseEndDate: z.string().transform(localInputToIso),
    enrollmentDeadline: z.string().transform(localInputToIso),
    prerequisiteCourseId: z.number().int().positive().nullable(),
    thumbnailUrl: z.string().transform(emptyToNull),
    videoUrl: z.string().transform(emptyToNull),
  })
  .superRefine((v, ctx) => {
    for (const i of courseRuleIssues(v)) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
  });

function initial(c?: Course): z.input<typeof schema> {
  return {
    title: c?.title ?? '',
    categoryId: c?.categoryId ?? (null as unknown as number),
    shortDescription: c?.shortDescription ?? '',
    description: c?.description ?? '',
    difficulty: c?.difficulty ?? 'beginner',
    language: c?.language ?? 'fr',
    price: c?.price ?? 0,
    currency: c?.currency ?? 'XOF',
    durationMinutes: c?.durationMinutes ?? null,
    courseStartDate: isoToLocalInput(c?.courseStartDate),
    courseEndDate: isoToLocalInput(c?.courseEndDate),
    enrollmentDeadline: isoToLocalInput(c?.enrollmentDeadline),
    prerequisiteCourseId: c?.prerequisiteCourseId ?? null,
    thumbnailUrl: c?.thumbnailUrl ?? '',
    videoUrl: c?.videoUrl ?? '',
  };
}

export function CourseForm({ course }: { course?: Course }) {
  const { t, locale } = useI18n();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const categories = trpc.categories.list.useQuery();
  const mine = trpc.courses.mine.useQuery();
  const form = useSaveForm(schema, {
    ...AUTHORING_ERRORS,
    item: course,
    toForm: initial,
    create: trpc.courses.create.useMutation(),
    update: trpc.courses.update.useMutation(),
    // A new course opens in the builder; a saved one is refetched there.
    afterSave: async (saved, created) => {
      if (!created) return utils.courses.editor.invalidate({ id: saved.id });
      await utils.courses.mine.invalidate();
      navigate(`/instructor/courses/${saved.id}`);
    },
    success: { updated: t('authoring.saved') },
  });
  const thumbnailUrl = useWatch({ control: form.control, name: 'thumbnailUrl' });

  const prerequisites = (mine.data ?? []).filter((c) => c.id !== course?.id);
  return (
    <Form form={form} className="form grid-2" aria-label={t('authoring.courseForm')}>
      <TextField name="title" label={t('authoring.field.title')} required maxLength={255} />
      <SelectField
        name="categoryId"
        numeric
        label={t('authoring.field.category')}
        options={[{ value: '', label: t('authoring.choose') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
      />
      <TextField name="shortDescription" label={t('authoring.field.shortDescription')} maxLength={500} />
      <TextAreaField name="description" label={t('authoring.field.description')} rows={6} />
      <SelectField name="difficulty" label={t('catalog.difficulty')} options={DIFFICULTIES.map((d) => ({ value: d, label: t(`difficulty.${d}`) }))} />
      <SelectField
        name="language"
        label={t('catalog.language')}
        options={COURSE_LANGUAGES.map((l) => ({ value: l, label: languageName(l, locale) }))}
      />
      <NumberField name="price" min={0} step="any" label={t('authoring.field.price')} hint={t('authoring.priceHint')} />
      <TextField name="currency" label={t('authoring.field.currency')} maxLength={3} />
      <NumberField name="durationMinutes" min={0} label={t('authoring.field.duration')} />
      <SelectField
        name="prerequisiteCourseId"
        numeric
        label={t('authoring.field.prerequisite')}
        options={[{ value: '', label: t('authoring.none') }, ...prerequisites.map((c) => ({ value: c.id, label: c.title }))]}
      />
      <TextField name="courseStartDate" type="datetime-local" label={t('course.startDate')} />
      <TextField name="courseEndDate" type="datetime-local" label={t('course.endDate')} />
      <TextField name="enrollmentDeadline" type="datetime-local" label={t('course.deadline')} />
      <TextField name="videoUrl" type="url" label={t('authoring.field.videoUrl')} />
      {course && (
        <div className="stack">
          <MediaUpload
            courseId={course.id}
            category="image"
            label={t('authoring.field.thumbnail')}
            onUploaded={(m) => form.setValue('thumbnailUrl', m.url, { shouldDirty: true })}
          />
          {thumbnailUrl && (
            <img src={thumbnailUrl} alt={t('authoring.thumbnailPreview')} className="thumb-preview" width={240} height={135} />
          )}
        </div>
      )}
      <div className="form-actions">
        <SubmitButton>{course ? t('authoring.save') : t('authoring.createCourse')}</SubmitButton>
      </div>
    </Form>
  );
}
