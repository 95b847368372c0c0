// The quiz's questions in order: each as a summary (answers with the right ones marked), edited in
// place, duplicated, deleted after a confirmation, reordered by drag and drop or the ↑ ↓ buttons.
import type { RouterOutputs } from '@mdsc/api';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button, ConfirmButton } from '../../ui/components';
import { actionErrorText } from '../../ui/form';
import { useToast } from '../../ui/toast';
import { useActionFeedback } from '../../ui/useActionFeedback';
import { SortableList } from '../authoring/SortableList';
import { QUIZ_EDITOR_ERRORS } from './errors';
import { QuestionForm } from './QuestionForm';

type Quiz = RouterOutputs['quizzes']['editor'];
type Question = Quiz['questions'][number];

function Answers({ q }: { q: Question }) {
  const { t } = useI18n();
  if (q.questionType === 'true_false') {
    return (
      <p className="small">
        {t('quizEd.rightAnswerIs', { value: q.correctAnswer ? t('quiz.true') : t('quiz.false') })}
      </p>
    );
  }
  const items =
    q.questionType === 'multiple_choice'
      ? (q.options ?? []).map((o) => ({ text: o.text, right: o.correct }))
      : (q.acceptedAnswers ?? []).map((text) => ({ text, right: true }));
  return (
    <ul className="quiz-answer-summary small">
      {items.map((a, i) => (
        <li key={i} className={a.right ? 'right' : undefined}>
          <span aria-hidden="true">{a.right ? '✓' : '○'}</span> {a.text}
          {a.right && q.questionType === 'multiple_choice' && <span className="visually-hidden"> ({t('quizEd.correct')})</span>}
        </li>
      ))}
    </ul>
  );
}

/** A question's short name for buttons and announcements: its number and the start of its text. */
export function questionLabel(q: Question, index: number): string {
  const text = q.questionText.length > 40 ? `${q.questionText.slice(0, 40)}…` : q.questionText;
  return `${index + 1}. ${text}`;
}

export function QuestionList({ quiz }: { quiz: Quiz }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const refresh = () =>
    Promise.all([
      utils.quizzes.editor.invalidate({ id: quiz.id }),
      utils.quizzes.listForCourse.invalidate({ courseId: quiz.courseId }),
    ]);
  const feedback = useActionFeedback();
  const toast = useToast();
  // Each move is announced by the list itself; only a refusal gets a toast (and the server's order).
  const reorder = trpc.quizzes.reorderQuestions.useMutation({
    onError: (err) => toast.error(actionErrorText(t, err, QUIZ_EDITOR_ERRORS)),
    onSettled: refresh,
  });
  const duplicate = trpc.quizzes.duplicateQuestion.useMutation(feedback(t('quizEd.duplicated'), refresh, QUIZ_EDITOR_ERRORS.codes));
  const remove = trpc.quizzes.deleteQuestion.useMutation(feedback(t('quizEd.deleted'), refresh, QUIZ_EDITOR_ERRORS.codes));
  const indexOf = new Map(quiz.questions.map((q, i) => [q.id, i]));
  const total = quiz.questions.reduce((s, q) => s + q.points, 0);

  return (
    <section aria-labelledby="questions-title" className="stack">
      <h2 id="questions-title">
        {t('quizEd.questions')}{' '}
        <span className="muted small">
          ({t('quiz.questionCount', { count: quiz.questions.length })} · {t('quiz.pointsShort', { count: total })})
        </span>
      </h2>
      {quiz.questions.length === 0 && <p className="empty-state">{t('quizEd.noQuestions')}</p>}
      <SortableList
        items={quiz.questions}
        getId={(q) => q.id}
        getLabel={(q) => questionLabel(q, indexOf.get(q.id) ?? 0)}
        onReorder={(ids) => reorder.mutate({ quizId: quiz.id, questionIds: ids })}
        testId="questions"
        render={(q, i) =>
          editing === q.id ? (
            <QuestionForm quizId={quiz.id} question={q} onDone={() => setEditing(null)} />
          ) : (
            <article className="stack question-card" aria-label={t('quizEd.questionN', { n: i + 1 })}>
              <p className="question-head">
                <strong>{i + 1}.</strong> <Badge>{t(`quizEd.type.${q.questionType}`)}</Badge>{' '}
                <Badge tone="info">{t('quiz.pointsShort', { count: q.points })}</Badge>
              </p>
              <p className="question-text">{q.questionText}</p>
              <Answers q={q} />
              {q.explanation && (
                <p className="small muted question-explanation">
                  {t('quiz.explanation')} {q.explanation}
                </p>
              )}
              <div className="row-actions">
                <Button variant="secondary" onClick={() => setEditing(q.id)} aria-label={t('quizEd.editNamed', { n: i + 1 })}>
                  {t('quizEd.edit')}
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => duplicate.mutate({ id: q.id })}
                  disabled={duplicate.isPending}
                  aria-label={t('quizEd.duplicateNamed', { n: i + 1 })}
                >
                  {t('quizEd.duplicate')}
                </Button>
                <ConfirmButton
                  confirm={t('quizEd.confirmDelete', { n: i + 1 })}
                  onConfirm={() => remove.mutate({ id: q.id })}
                  aria-label={t('quizEd.deleteNamed', { n: i + 1 })}
                >
                  {t('quizEd.delete')}
                </ConfirmButton>
              </div>
            </article>
          )
        }
      />
      {editing === 'new' ? (
        <QuestionForm quizId={quiz.id} onDone={() => setEditing(null)} />
      ) : (
        <p>
          <Button onClick={() => setEditing('new')}>+ {t('quizEd.addQuestion')}</Button>
        </p>
      )}
    </section>
  );
}
