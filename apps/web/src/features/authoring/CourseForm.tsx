// Every editable column of a course, for creation and for the builder. Cross-field rules (dates in
// order, XOF prices whole) are checked with the same shared function as the server.
import type { RouterOutputs } from '@mdsc/api';
import { courseRuleIssues, DIFFICULTIES } from '@mdsc/validators';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { authoringErrors, fieldMessage, type FieldErrors } from './errors';
import { isoToLocalInput, localInputToIso, Select, TextArea, TextInput } from './fields';
import { MediaUpload } from './MediaUpload';

type Course = RouterOutputs['courses']['editor']['course'];

const LANGUAGES = ['fr', 'en', 'fon', 'yo', 'ha', 'wo', 'ee', 'dyu'];

function initial(c?: Course) {
  return {
    title: c?.title ?? '',
    categoryId: c ? String(c.categoryId) : '',
    shortDescription: c?.shortDescription ?? '',
    description: c?.description ?? '',
    difficulty: c?.difficulty ?? 'beginner',
    language: c?.language ?? 'fr',
    price: String(c?.price ?? 0),
    currency: c?.currency ?? 'XOF',
    durationMinutes:
      c?.durationMinutes === null || c?.durationMinutes === undefined ? '' : String(c.durationMinutes),
    courseStartDate: isoToLocalInput(c?.courseStartDate ?? null),
    courseEndDate: isoToLocalInput(c?.courseEndDate ?? null),
    enrollmentDeadline: isoToLocalInput(c?.enrollmentDeadline ?? null),
    prerequisiteCourseId: c?.prerequisiteCourseId ? String(c.prerequisiteCourseId) : '',
    thumbnailUrl: c?.thumbnailUrl ?? '',
    videoUrl: c?.videoUrl ?? '',
  };
}

export function CourseForm({ course }: { course?: Course }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const categories = trpc.categories.list.useQuery();
  const mine = trpc.courses.mine.useQuery();
  const [values, setValues] = useState(() => initial(course));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const create = trpc.courses.create.useMutation();
  const update = trpc.courses.update.useMutation();
  const set = (k: keyof typeof values) => (v: string) => {
    setValues((p) => ({ ...p, [k]: v }));
    setErrors((p) => ({ ...p, [k]: undefined, form: undefined }));
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload = {
      title: values.title.trim(),
      categoryId: Number(values.categoryId),
      shortDescription: values.shortDescription || null,
      description: values.description || null,
      difficulty: values.difficulty as (typeof DIFFICULTIES)[number],
      language: values.language,
      price: Number(values.price || 0),
      currency: values.currency.trim().toUpperCase(),
      durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
      courseStartDate: localInputToIso(values.courseStartDate),
      courseEndDate: localInputToIso(values.courseEndDate),
      enrollmentDeadline: localInputToIso(values.enrollmentDeadline),
      prerequisiteCourseId: values.prerequisiteCourseId ? Number(values.prerequisiteCourseId) : null,
      thumbnailUrl: values.thumbnailUrl || null,
      videoUrl: values.videoUrl || null,
    };
    const local: FieldErrors = {};
    if (payload.title.length < 3) local.title = t('errors.tooShort', { min: 3 });
    if (!payload.categoryId) local.categoryId = t('errors.required');
    for (const i of courseRuleIssues(payload)) local[i.field] ??= fieldMessage(t, i.field);
    if (Object.keys(local).length) return setErrors({ ...local, form: t('authoring.fixErrors') });
    try {
      if (course) {
        await update.mutateAsync({ id: course.id, ...payload });
        await utils.courses.editor.invalidate({ id: course.id });
        setSaved(true);
      } else {
        const created = await create.mutateAsync(payload);
        await utils.courses.mine.invalidate();
        navigate(`/instructor/courses/${created.id}`);
      }
    } catch (err) {
      setErrors(authoringErrors(t, err));
    }
  }

  const pending = create.isPending || update.isPending;
  const prerequisites = (mine.data ?? []).filter((c) => c.id !== course?.id);
  return (
    <form onSubmit={submit} noValidate className="form grid-2" aria-label={t('authoring.courseForm')}>
      {errors.form && (
        <p role="alert" className="form-error">
          {errors.form}
        </p>
      )}
      <TextInput
        name="title"
        label={t('authoring.field.title')}
        value={values.title}
        onChange={set('title')}
        error={errors.title}
        required
        maxLength={255}
      />
      <Select
        name="categoryId"
        label={t('authoring.field.category')}
        value={values.categoryId}
        onChange={set('categoryId')}
        error={errors.categoryId}
        options={[
          { value: '', label: t('authoring.choose') },
          ...(categories.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
        ]}
      />
      <TextInput
        name="shortDescription"
        label={t('authoring.field.shortDescription')}
        value={values.shortDescription}
        onChange={set('shortDescription')}
        error={errors.shortDescription}
        maxLength={500}
      />
      <TextArea
        name="description"
        label={t('authoring.field.description')}
        value={values.description}
        onChange={set('description')}
        error={errors.description}
        rows={6}
      />
      <Select
        name="difficulty"
        label={t('catalog.difficulty')}
        value={values.difficulty}
        onChange={set('difficulty')}
        options={DIFFICULTIES.map((d) => ({ value: d, label: t(`difficulty.${d}`) }))}
      />
      <Select
        name="language"
        label={t('catalog.language')}
        value={values.language}
        onChange={set('language')}
        error={errors.language}
        options={LANGUAGES.map((l) => ({
          value: l,
          label: l === 'fr' ? 'Français' : l === 'en' ? 'English' : l,
        }))}
      />
      <TextInput
        name="price"
        type="number"
        min={0}
        step="any"
        label={t('authoring.field.price')}
        value={values.price}
        onChange={set('price')}
        error={errors.price}
        hint={t('authoring.priceHint')}
      />
      <TextInput
        name="currency"
        label={t('authoring.field.currency')}
        value={values.currency}
        onChange={set('currency')}
        error={errors.currency}
        maxLength={3}
      />
      <TextInput
        name="durationMinutes"
        type="number"
        min={0}
        label={t('authoring.field.duration')}
        value={values.durationMinutes}
        onChange={set('durationMinutes')}
        error={errors.durationMinutes}
      />
      <Select
        name="prerequisiteCourseId"
        label={t('authoring.field.prerequisite')}
        value={values.prerequisiteCourseId}
        onChange={set('prerequisiteCourseId')}
        error={errors.prerequisiteCourseId}
        options={[
          { value: '', label: t('authoring.none') },
          ...prerequisites.map((c) => ({ value: String(c.id), label: c.title })),
        ]}
      />
      <TextInput
        name="courseStartDate"
        type="datetime-local"
        label={t('course.startDate')}
        value={values.courseStartDate}
        onChange={set('courseStartDate')}
        error={errors.courseStartDate}
      />
      <TextInput
        name="courseEndDate"
        type="datetime-local"
        label={t('course.endDate')}
        value={values.courseEndDate}
        onChange={set('courseEndDate')}
        error={errors.courseEndDate}
      />
      <TextInput
        name="enrollmentDeadline"
        type="datetime-local"
        label={t('course.deadline')}
        value={values.enrollmentDeadline}
        onChange={set('enrollmentDeadline')}
        error={errors.enrollmentDeadline}
      />
      <TextInput
        name="videoUrl"
        type="url"
        label={t('authoring.field.videoUrl')}
        value={values.videoUrl}
        onChange={set('videoUrl')}
        error={errors.videoUrl}
      />
      {course && (
        <div className="stack">
          <MediaUpload
            courseId={course.id}
            category="image"
            label={t('authoring.field.thumbnail')}
            onUploaded={(m) => set('thumbnailUrl')(m.url)}
          />
          {values.thumbnailUrl && (
            <img
              src={values.thumbnailUrl}
              alt={t('authoring.thumbnailPreview')}
              className="thumb-preview"
              width={240}
              height={135}
            />
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {course ? t('authoring.save') : t('authoring.createCourse')}
        </button>
        {saved && (
          <span role="status" className="notice">
            {t('authoring.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
