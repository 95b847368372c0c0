// The quiz editor (instructors, their own courses; the server checks): settings, questions,
// GIFT import/export and "preview as a student", on one page reached from the course builder.
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button } from '../../ui/components';
import { actionErrorText } from '../../ui/form';
import { QueryState } from '../../ui/QueryState';
import { QUIZ_EDITOR_ERRORS } from './errors';
import { GiftPanel } from './GiftPanel';
import { QuestionList } from './QuestionList';
import { QuizPreview } from './QuizPreview';
import { QuizSettingsForm } from './QuizSettingsForm';
import './quiz-editor.css';

export function QuizEditorPage() {
  const { t } = useI18n();
  const params = useParams<{ id: string; quizId: string }>();
  const courseId = Number(params.id);
  const quizId = Number(params.quizId);
  const editor = trpc.quizzes.editor.useQuery(
    { id: quizId },
    { enabled: Number.isInteger(quizId) && quizId > 0, retry: false },
  );
  const [previewing, setPreviewing] = useState(false);
  const back = <Link href={`/instructor/courses/${courseId}`}>← {t('quizEd.backToBuilder')}</Link>;

  if (!editor.data) {
    return (
      <QueryState query={editor} errorText={(err) => actionErrorText(t, err, QUIZ_EDITOR_ERRORS)} errorAction={back} />
    );
  }
  const quiz = editor.data;
  return (
    <div className="stack quiz-editor">
      <p>{back}</p>
      <h1>
        {quiz.title}{' '}
        <Badge tone={quiz.isPublished ? 'ok' : 'warn'}>{quiz.isPublished ? t('authoring.published') : t('authoring.draft')}</Badge>{' '}
        {quiz.isFinal && <Badge tone="info">{t('quizEd.final')}</Badge>}
      </h1>
      <section aria-labelledby="settings-title" className="card stack">
        <h2 id="settings-title">{t('quizEd.settings')}</h2>
        <QuizSettingsForm key={`${quiz.id}`} quiz={quiz} />
      </section>
      {previewing ? (
        <QuizPreview key={quiz.questions.map((q) => q.id).join(',')} quiz={quiz} onClose={() => setPreviewing(false)} />
      ) : (
        <p>
          <Button variant="secondary" onClick={() => setPreviewing(true)} disabled={quiz.questions.length === 0}>
            {t('quizEd.preview.open')}
          </Button>
        </p>
      )}
      <QuestionList quiz={quiz} />
      <GiftPanel quizId={quiz.id} courseId={quiz.courseId} />
    </div>
  );
}
