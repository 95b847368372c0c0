// One question, new or edited: its type, text, points, answers with their correct flags (several
// may be right), accepted answers for a short answer, and the explanation shown after grading.
// The form's own shape is turned into the API's input and checked with the shared schema.
import type { RouterOutputs } from '@mdsc/api';
import { QUESTION_TYPES, questionContentInput } from '@mdsc/validators';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Button } from '../../ui/components';
import {
  CheckboxField,
  Form,
  NumberField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useFieldError,
  useZodForm,
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

function OptionsEditor({ form }: { form: ZodForm<typeof schema> }) {
  const { t } = useI18n();
  const { rows, add, remove } = useRows(form, 'options');
  // react-hook-form puts a list's own error under `root` once its rows are registered fields.
  const rootError = useFieldError('options.root');
  const listError = useFieldError('options');
  const error = rootError ?? listError;
  return (
    <fieldset className="stack quiz-answers" aria-describedby={error ? 'options-error' : undefined}>
      <legend>{t('quizEd.options')}</legend>
      <p className="muted small">{t('quizEd.optionsHelp')}</p>
      {rows.map((_, i) => (
        <div key={i} className="quiz-answer-row" data-testid="option-row">
          <TextField name={`options.${i}.text`} label={t('quizEd.option', { n: i + 1 })} maxLength={1000} />
          <CheckboxField name={`options.${i}.correct`} label={t('quizEd.optionCorrect', { position: i + 1 })} />
          <Button
            variant="secondary"
            onClick={() => remove(i)}
            disabled={rows.length <= 2}
            aria-label={t('quizEd.removeOption', { n: i + 1 })}
          >
            {t('quizEd.remove')}
          </Button>
        </div>
      ))}
      {error && (
        <p id="options-error" className="field-error" data-field-error="options">
          {error}
        </p>
      )}
      <p>
        <Button variant="secondary" onClick={() => add({ text: '', correct: false })} disabled={rows.length >= MAX_OPTIONS}>
          + {t('quizEd.addOption')}
        </Button>
      </p>
    </fieldset>
  );
}

function AcceptedAnswersEditor({ form }: { form: ZodForm<typeof schema> }) {
  const { t } = useI18n();
  const { rows, add, remove } = useRows(form, 'acceptedAnswers');
  return (
    <fieldset className="stack quiz-answers">
      <legend>{t('quizEd.acceptedAnswers')}</legend>
      <p className="muted small">{t('quizEd.acceptedHelp')}</p>
      {rows.map((_, i) => (
        <div key={i} className="quiz-answer-row">
          <TextField name={`acceptedAnswers.${i}`} label={t('quizEd.accepted', { n: i + 1 })} maxLength={500} />
          <Button
            variant="secondary"
            onClick={() => remove(i)}
            disabled={rows.length <= 1}
            aria-label={t('quizEd.removeAccepted', { n: i + 1 })}
          >
            {t('quizEd.remove')}
          </Button>
        </div>
      ))}
      <p>
        <Button variant="secondary" onClick={() => add('')} disabled={rows.length >= MAX_ACCEPTED}>
          + {t('quizEd.addAccepted')}
        </Button>
      </p>
    </fieldset>
  );
}

export function QuestionForm({ quizId, question, onDone }: { quizId: number; question?: Question; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const add = trpc.quizzes.addQuestion.useMutation();
  const update = trpc.quizzes.updateQuestion.useMutation();
  const form = useZodForm(schema, {
    ...QUIZ_EDITOR_ERRORS,
    defaultValues: defaults(question),
    onSubmit: async (content) => {
      if (question) await update.mutateAsync({ id: question.id, ...content });
      else await add.mutateAsync({ quizId, ...content });
      await utils.quizzes.editor.invalidate({ id: quizId });
      onDone();
    },
    success: question ? t('quizEd.questionSaved') : t('quizEd.questionAdded'),
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
        options={QUESTION_TYPES.map((qt) => ({ value: qt, label: t(`quizEd.type.${qt}`) }))}
      />
      <TextAreaField name="questionText" label={t('quizEd.questionText')} rows={3} maxLength={5000} />
      <NumberField name="points" label={t('quizEd.points')} min={0.25} max={100} step={0.25} />
      {type === 'multiple_choice' && <OptionsEditor form={form} />}
      {type === 'true_false' && (
        <SelectField
          name="correctAnswer"
          label={t('quizEd.rightAnswer')}
          options={[
            { value: 'true', label: t('quiz.true') },
            { value: 'false', label: t('quiz.false') },
          ]}
        />
      )}
      {type === 'short_answer' && <AcceptedAnswersEditor form={form} />}
      <TextAreaField
        name="explanation"
        label={t('quizEd.explanation')}
        hint={t('quizEd.explanationHint')}
        rows={2}
        maxLength={5000}
      />
      <div className="form-actions">
        <SubmitButton>{question ? t('quizEd.save') : t('quizEd.addQuestion')}</SubmitButton>
        <Button variant="secondary" onClick={onDone}>
          {t('quizEd.cancel')}
        </Button>
      </div>
    </Form>
  );
}
