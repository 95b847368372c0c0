// The quiz's own settings: title, description, time limit, passing score, attempts, published.
import type { RouterOutputs } from '@mdsc/api';
import { quizUpdateInput } from '@mdsc/validators';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { CheckboxField, Form, NumberField, SubmitButton, TextAreaField, TextField, useZodForm } from '../../ui/form';
import { QUIZ_EDITOR_ERRORS } from './errors';

type Quiz = RouterOutputs['quizzes']['editor'];

const schema = quizUpdateInput
  .omit({ id: true })
  .required({ title: true, passingScore: true, maxAttempts: true, isPublished: true });

export function QuizSettingsForm({ quiz }: { quiz: Quiz }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const update = trpc.quizzes.update.useMutation();
  const form = useZodForm(schema, {
    ...QUIZ_EDITOR_ERRORS,
    defaultValues: {
      title: quiz.title,
      description: quiz.description ?? '',
      timeLimitMinutes: quiz.timeLimitMinutes,
      passingScore: quiz.passingScore,
      maxAttempts: quiz.maxAttempts,
      isPublished: quiz.isPublished,
    },
    onSubmit: async (v) => {
      await update.mutateAsync({ id: quiz.id, ...v });
      await Promise.all([
        utils.quizzes.editor.invalidate({ id: quiz.id }),
        utils.quizzes.listForCourse.invalidate({ courseId: quiz.courseId }),
        utils.courses.editor.invalidate({ id: quiz.courseId }),
      ]);
    },
    success: t('quizEd.settingsSaved'),
  });
  return (
    <Form form={form} aria-label={t('quizEd.settings')} data-testid="quiz-settings">
      <TextField name="title" label={t('quizEd.title')} maxLength={255} />
      <TextAreaField name="description" label={t('quizEd.description')} rows={2} maxLength={5000} />
      <div className="quiz-settings-grid">
        <NumberField name="timeLimitMinutes" label={t('quizEd.timeLimit')} hint={t('quizEd.timeLimitHint')} min={1} max={600} />
        <NumberField name="passingScore" label={t('quizEd.passingScore')} min={0} max={100} step="any" />
        <NumberField name="maxAttempts" label={t('quizEd.maxAttempts')} min={1} max={100} />
      </div>
      <CheckboxField name="isPublished" label={t('quizEd.published')} />
      <div className="form-actions">
        <SubmitButton testId="save-settings">{t('quizEd.saveSettings')}</SubmitButton>
      </div>
    </Form>
  );
}
