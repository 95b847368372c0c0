// The builder's form for an assignment lesson: instructions, due date and late policy, points and
// pass mark, what learners hand in (file types and size, or online text).
import type { RouterOutputs } from '@mdsc/api';
import {
  ASSIGNMENT_FILE_TYPE_LIST,
  ASSIGNMENT_LATE_POLICIES,
  ASSIGNMENT_MAX_FILE_MB,
  ASSIGNMENT_MAX_POINTS,
  ASSIGNMENT_SUBMISSION_TYPES,
} from '@mdsc/validators';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import {
  CheckboxField,
  Form,
  NumberField,
  SelectField,
  SubmitButton,
  TextField,
  useFieldError,
  useZodForm,
} from '../../ui/form';
import { RichTextField } from '../authoring/RichTextField';
import { isoToLocalInput, localInputToIso } from './text';
import './assignments.css';

type Settings = RouterOutputs['assignments']['forLesson']['settings'];

export function AssignmentSettings({ courseId, lessonId }: { courseId: number; lessonId: number }) {
  const { t } = useI18n();
  const view = trpc.assignments.forLesson.useQuery({ lessonId }, { retry: false });
  return (
    <section
      className="card stack"
      aria-labelledby={`asg-settings-${lessonId}`}
      data-testid="assignment-settings"
    >
      <h3 id={`asg-settings-${lessonId}`}>{t('asg.settings.title')}</h3>
      {view.data ? (
        <SettingsForm courseId={courseId} lessonId={lessonId} settings={view.data.settings} />
      ) : (
        <QueryState query={view} />
      )}
    </section>
  );
}

const types = Object.fromEntries(ASSIGNMENT_FILE_TYPE_LIST.map((k) => [k, z.boolean()])) as Record<
  (typeof ASSIGNMENT_FILE_TYPE_LIST)[number],
  z.ZodBoolean
>;

function SettingsForm({ courseId, lessonId, settings }: { courseId: number; lessonId: number; settings: Settings }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const save = trpc.assignments.saveSettings.useMutation();
  const schema = z
    .object({
      instructions: z.string().trim().min(1).max(60_000),
      dueAt: z.string(),
      latePolicy: z.enum(ASSIGNMENT_LATE_POLICIES),
      points: z.number().int().min(1).max(ASSIGNMENT_MAX_POINTS),
      passMark: z.number().int().min(0).max(ASSIGNMENT_MAX_POINTS),
      submissionType: z.enum(ASSIGNMENT_SUBMISSION_TYPES),
      types: z.object(types),
      maxFileSizeMb: z.number().int().min(1).max(ASSIGNMENT_MAX_FILE_MB),
    })
    .superRefine((v, ctx) => {
      if (v.passMark > v.points)
        ctx.addIssue({ code: 'custom', path: ['passMark'], message: t('asg.settings.passMarkTooHigh') });
      if (v.submissionType !== 'text' && !Object.values(v.types).some(Boolean)) {
        ctx.addIssue({ code: 'custom', path: ['types'], message: t('asg.settings.chooseType') });
      }
    })
    .transform((v) => ({
      lessonId,
      instructionsHtml: v.instructions,
      dueAt: localInputToIso(v.dueAt),
      latePolicy: v.latePolicy,
      points: v.points,
      passMark: v.passMark,
      submissionType: v.submissionType,
      allowedFileTypes:
        v.submissionType === 'text' ? [] : ASSIGNMENT_FILE_TYPE_LIST.filter((k) => v.types[k]),
      maxFileSizeMb: v.maxFileSizeMb,
    }));
  const allowed = new Set(settings?.allowedFileTypes ?? ['pdf', 'docx']);
  const form = useZodForm(schema, {
    defaultValues: {
      instructions: settings?.instructionsHtml ?? '',
      dueAt: isoToLocalInput(settings?.dueAt ?? null),
      latePolicy: settings?.latePolicy ?? 'accept_flag',
      points: settings?.points ?? 20,
      passMark: settings?.passMark ?? 10,
      submissionType: settings?.submissionType ?? 'both',
      types: Object.fromEntries(ASSIGNMENT_FILE_TYPE_LIST.map((k) => [k, allowed.has(k)])),
      maxFileSizeMb: settings?.maxFileSizeMb ?? 20,
    },
    onSubmit: async (input) => {
      const saved = await save.mutateAsync(input);
      await utils.assignments.forLesson.invalidate({ lessonId });
      return saved;
    },
    success: t('asg.settings.saved'),
    fieldMap: { instructionsHtml: 'instructions', allowedFileTypes: 'types' },
  });
  const kind = useWatch({ control: form.control, name: 'submissionType' });
  return (
    <Form form={form} aria-label={t('asg.settings.title')} data-testid="assignment-settings-form">
      <RichTextField name="instructions" label={t('asg.settings.instructions')} courseId={courseId} lessonId={lessonId} />
      <TextField
        name="dueAt"
        type="datetime-local"
        label={t('asg.settings.dueAt')}
        testId="assignment-due-input"
      />
      <SelectField
        name="latePolicy"
        label={t('asg.settings.latePolicy')}
        options={ASSIGNMENT_LATE_POLICIES.map((p) => ({ value: p, label: t(`asg.late.${p}`) }))}
      />
      <div className="asg-numbers">
        <NumberField name="points" min={1} max={ASSIGNMENT_MAX_POINTS} label={t('asg.settings.points')} />
        <NumberField name="passMark" min={0} max={ASSIGNMENT_MAX_POINTS} label={t('asg.settings.passMark')} />
      </div>
      <SelectField
        name="submissionType"
        label={t('asg.settings.submissionType')}
        options={ASSIGNMENT_SUBMISSION_TYPES.map((k) => ({ value: k, label: t(`asg.settings.type.${k}`) }))}
      />
      {kind !== 'text' && (
        <>
          <fieldset className="asg-types">
            <legend>{t('asg.settings.fileTypes')}</legend>
            {ASSIGNMENT_FILE_TYPE_LIST.map((k) => (
              <CheckboxField key={k} name={`types.${k}`} label={k.toUpperCase()} />
            ))}
            <TypesError />
          </fieldset>
          <NumberField
            name="maxFileSizeMb"
            min={1}
            max={ASSIGNMENT_MAX_FILE_MB}
            label={t('asg.settings.maxSize')}
          />
        </>
      )}
      <SubmitButton testId="assignment-settings-save">{t('asg.settings.save')}</SubmitButton>
    </Form>
  );
}

function TypesError() {
  const error = useFieldError('types');
  return error ? (
    <p className="field-error" data-field-error="types">
      {error}
    </p>
  ) : null;
}
