// "Preview as a student": the quiz exactly as the learner's screen shows it (no answer marked),
// then the feedback after grading. Graded by the server like an attempt; nothing is recorded.
import type { RouterOutputs } from '@mdsc/api';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Button } from '../../ui/components';
import { actionErrorText } from '../../ui/form';
import { AttemptFeedback } from '../quiz/AttemptFeedback';
import { QuizRunner, type AnswerValue } from '../quiz/QuizRunner';
import { QUIZ_EDITOR_ERRORS } from './errors';
import '../learning/learning.css';

type Quiz = RouterOutputs['quizzes']['editor'];

/** The questions as a learner receives them: texts and option texts, nothing about correctness. */
function asLearner(quiz: Quiz) {
  return quiz.questions.map((q) => ({
    id: q.id,
    questionText: q.questionText,
    questionType: q.questionType,
    points: q.points,
    options: q.options ? q.options.map((o, index) => ({ index, text: o.text })) : null,
  }));
}

export function QuizPreview({ quiz, onClose }: { quiz: Quiz; onClose(): void }) {
  const { t } = useI18n();
  // Fixed when the preview opens, like an attempt's deadline.
  const [attempt, setAttempt] = useState(() => ({
    deadlineAt: quiz.timeLimitMinutes ? new Date(Date.now() + quiz.timeLimitMinutes * 60_000).toISOString() : null,
    questions: asLearner(quiz),
  }));
  const preview = trpc.quizzes.preview.useMutation();
  const restart = () => {
    preview.reset();
    setAttempt({ ...attempt, deadlineAt: attempt.deadlineAt && new Date(Date.now() + quiz.timeLimitMinutes! * 60_000).toISOString() });
  };

  return (
    <section aria-labelledby="preview-title" className="card stack quiz-preview" data-testid="quiz-preview">
      <div className="row">
        <h2 id="preview-title">{t('quizEd.preview.title', { title: quiz.title })}</h2>
        <Button variant="secondary" onClick={onClose}>
          {t('quizEd.preview.close')}
        </Button>
      </div>
      <p className="callout small">{t('quizEd.preview.notRecorded')}</p>
      {preview.data ? (
        <>
          <AttemptFeedback result={preview.data} />
          <p>
            <Button variant="secondary" onClick={restart}>
              {t('quizEd.preview.again')}
            </Button>
          </p>
        </>
      ) : (
        <QuizRunner
          attempt={attempt}
          clockOffset={0}
          submitting={preview.isPending}
          onSubmit={(answers: { questionId: number; answer: AnswerValue }[]) => preview.mutate({ quizId: quiz.id, answers })}
        />
      )}
      {preview.isError && (
        <p role="alert" className="form-error">
          {actionErrorText(t, preview.error, QUIZ_EDITOR_ERRORS)}
        </p>
      )}
    </section>
  );
}
