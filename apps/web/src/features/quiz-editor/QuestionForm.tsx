// One question, new or edited: its type, text, points, answers with their correct flags (several
// may be right), accepted answers for a short answer, and the explanation shown after grading.
// The form's own shape is turned into the API's input and checked with the shared schema.
import type { RouterOutputs } from '@mdsc/api';
import { QUESTION_TYPES, questionContentInput } from '@mdsc/validators';
import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { Button } from '../../ui/components';
import {
  CheckboxField,
  Form,
  FormActions,
  NumberField,
  optionsOf,
  SelectField,
  TextAreaField,
  TextField,
  useFieldError,
  useSaveForm,
  type ZodForm,
} from '../../ui/form';
import { QUIZ_EDITOR_ERRORS } from './errors';

type Question = RouterOutputs['quizzes']['editor']['questions'][number];

const MAX_OPTIONS = 12;
const MAX_ACCEPTED = 20;

/** The form's shape, turned into the API's input and checked with the shared schema. */
export const questionFormSchema = z
  .object({
    questionType: z.enum(QUESTION_TYPES),
    questionText: z.string(),
    points: z.number().nullable(),
    explanation: z.string(),
    options: z.array(z.object({ text: z.string(), correct: z.boolean() })),
    correctAnswer: z.enum(['true', 'false']),
    acceptedAnswers: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    if (v.points === null) ctx.addIssue({ code: 'custom', path: ['points'], message: 'required' });
    if (v.questionType === 'multiple_choice' && !v.options.some((o) => o.correct)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'quiz_option_correct' });
    }
  })
  .transform((v): z.input<typeof questionContentInput> => {
    const base = { questionText: v.questionText, points: v.points ?? undefined, explanation: v.explanation };
    if (v.questionType === 'multiple_choice') return { ...base, questionType: v.questionType, options: v.options };
    if (v.questionType === 'true_false') return { ...base, questionType: v.questionType, correctAnswer: v.correctAnswer === 'true' };
    return { ...base, questionType: v.questionType, acceptedAnswers: v.acceptedAnswers.map((a) => a.trim()) };
  })
  .pipe(questionContentInput);

const schema = questionFormSchema;
type Values = z.input<typeof schema>;

function defaults(q?: Question): Values {
  return {
    questionType: q?.questionType ?? 'multiple_choice',
    questionText: q?.questionText ?? '',
    points: q?.points ?? 1,
    explanation: q?.explanation ?? '',
    options: q?.options ?? [
      { text: '', correct: true },
      { text: '', correct: false },
    ],
    correctAnswer: q?.correctAnswer === false ? 'false' : 'true',
    acceptedAnswers: q?.acceptedAnswers ?? [''],
  };
}

/** Rows of a list field (options, accepted answers), added and removed through the form's values. */
function useRows<K extends 'options' | 'acceptedAnswers'>(form: ZodForm<typeof schema>, name: K) {
  const rows = useWatch({ control: form.control, name }) as Values[K];
  const set = (next: Values[K]) => form.setValue(name, next as never, { shouldDirty: true });
  return {
    rows,
    add: (row: Values[K][number]) => set([...rows, row] as Values[K]),
    remove: (i: number) => set(rows.filter((_, j) => j !== i) as Values[K]),
  };
}

/** What differs between the two list fields: their bounds, a new row and their texts. */
const LISTS = {
  options: {
    min: 2,
    max: MAX_OPTIONS,
    newRow: { text: '', correct: false },
    text: { legend: 'quizEd.options', help: 'quizEd.optionsHelp', add: 'quizEd.addOption', remove: 'quizEd.removeOption' },
  },
  acceptedAnswers: {
    min: 1,
    max: MAX_ACCEPTED,
    newRow: '',
    text: { legend: 'quizEd.acceptedAnswers', help: 'quizEd.acceptedHelp', add: 'quizEd.addAccepted', remove: 'quizEd.removeAccepted' },
  },
} as const satisfies { [K in 'options' | 'acceptedAnswers']: { min: number; max: number; newRow: Values[K][number]; text: Record<string, MessageKey> } };

/** A list field's rows (options, accepted answers): each row's inputs and a Remove button, then Add. */
function RowsEditor<K extends keyof typeof LISTS>({
  form,
  name,
  row,
  rowTestId,
  error,
}: {
  form: ZodForm<typeof schema>;
  name: K;
  row(i: number): ReactNode;
  rowTestId?: string;
  error?: string;
}) {
  const { t } = useI18n();
  const { rows, add, remove } = useRows(form, name);
  const { min, max, newRow, text } = LISTS[name];
  return (
    <fieldset className="stack quiz-answers" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{t(text.legend)}</legend>
      <p className="muted small">{t(text.help)}</p>
      {rows.map((_, i) => (
        <div key={i} className="quiz-answer-row" data-testid={rowTestId}>
          {row(i)}
          <Button variant="secondary" onClick={() => remove(i)} disabled={rows.length <= min} aria-label={t(text.remove, { n: i + 1 })}>
            {t('quizEd.remove')}
          </Button>
        </div>
      ))}
      {error && (
        <p id={`${name}-error`} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
      <p>
        <Button variant="secondary" onClick={() => add(newRow as Values[K][number])} disabled={rows.length >= max}>
          + {t(text.add)}
        </Button>
      </p>
    </fieldset>
  );
}

function OptionsEditor({ form }: { form: ZodForm<typeof schema> }) {
  const { t } = useI18n();
  // react-hook-form puts a list's own error under `root` once its rows are registered fields.
  const rootError = useFieldError('options.root');
  const listError = useFieldError('options');
  return (
    <RowsEditor
      form={form}
      name="options"
      rowTestId="option-row"
      error={rootError ?? listError}
      row={(i) => (
        <>
          <TextField name={`options.${i}.text`} label={t('quizEd.option', { n: i + 1 })} maxLength={1000} />
          <CheckboxField name={`options.${i}.correct`} label={t('quizEd.optionCorrect', { position: i + 1 })} />
        </>
      )}
    />
  );
}

export function QuestionForm({ quizId, question, onDone }: { quizId: number; question?: Question; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const form = useSaveForm(schema, {
    ...QUIZ_EDITOR_ERRORS,
    item: question,
    toForm: defaults,
    create: trpc.quizzes.addQuestion.useMutation(),
    update: trpc.quizzes.updateQuestion.useMutation(),
    parent: { quizId },
    afterSave: async () => {
      await utils.quizzes.editor.invalidate({ id: quizId });
      onDone();
    },
    success: { created: t('quizEd.questionAdded'), updated: t('quizEd.questionSaved') },
  });
  const type = useWatch({ control: form.control, name: 'questionType' });

  return (
    <Form
      form={form}
      className="form card question-form"
      aria-label={question ? t('quizEd.editQuestion') : t('quizEd.newQuestion')}
      data-testid="question-form"
    >
      <SelectField
        name="questionType"
        label={t('quizEd.type')}
        options={optionsOf(QUESTION_TYPES, (qt) => t(`quizEd.type.${qt}`))}
      />
      <TextAreaField name="questionText" label={t('quizEd.questionText')} rows={3} maxLength={5000} />
      <NumberField name="points" label={t('quizEd.points')} min={0.25} max={100} step={0.25} />
      {type === 'multiple_choice' && <OptionsEditor form={form} />}
      {type === 'true_false' && (
        <SelectField name="correctAnswer" label={t('quizEd.rightAnswer')} options={optionsOf(['true', 'false'], (v) => t(`quiz.${v}`))} />
      )}
      {type === 'short_answer' && (
        <RowsEditor
          form={form}
          name="acceptedAnswers"
          row={(i) => <TextField name={`acceptedAnswers.${i}`} label={t('quizEd.accepted', { n: i + 1 })} maxLength={500} />}
        />
      )}
      <TextAreaField
        name="explanation"
        label={t('quizEd.explanation')}
        hint={t('quizEd.explanationHint')}
        rows={2}
        maxLength={5000}
      />
      <FormActions save={question ? t('quizEd.save') : t('quizEd.addQuestion')} onCancel={onDone} />
    </Form>
  );
}
