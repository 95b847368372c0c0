// A submitted attempt: score, pass/fail and, per question, my answer and whether it was right (the
// expected answer and the author's explanation too once the server reveals them: quiz passed or no
// attempt left). Also shows an author's preview, graded the same way.
import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';

type Result = Pick<
  RouterOutputs['quizzes']['submitAttempt'],
  'score' | 'totalPoints' | 'percentage' | 'passed' | 'late' | 'revealed' | 'questions'
>;
type Question = Result['questions'][number];

function answerText(q: Question, value: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return t('quiz.noAnswer');
  if (q.questionType === 'multiple_choice' && Array.isArray(value)) {
    return value.map((i) => q.options?.find((o) => o.index === i)?.text ?? '?').join(' · ');
  }
  if (q.questionType === 'true_false') return value ? t('quiz.true') : t('quiz.false');
  return String(value);
}

export function AttemptFeedback({ result }: { result: Result }) {
  const { t, locale } = useI18n();
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(result.percentage);
  return (
    <div className="stack" data-testid="quiz-result">
      <div className={`card ${result.passed ? 'status-valid' : 'status-revoked'}`}>
        <p className="result-score">{pct} %</p>
        <p>
          <strong>{result.passed ? t('quiz.passed') : t('quiz.failed')}</strong> —{' '}
          {t('quiz.points', { score: result.score, total: result.totalPoints })}
        </p>
        {result.late && <p className="callout">{t('quiz.late')}</p>}
        {!result.revealed && <p className="muted small">{t('quiz.answersHidden')}</p>}
      </div>
      <ol className="list">
        {result.questions.map((q) => (
          <li key={q.id} className={`card feedback ${q.correct ? 'ok' : 'ko'}`}>
            <p>
              <strong>{q.questionText}</strong>
            </p>
            <p className="small">
              {t('quiz.yourAnswer')} {answerText(q, q.answer, t)} — {q.correct ? t('quiz.right') : t('quiz.wrong')} (
              {t('quiz.points', { score: q.pointsAwarded, total: q.points })})
            </p>
            {q.expected && !q.correct && (
              <p className="small">
                {t('quiz.expected')}{' '}
                {q.questionType === 'multiple_choice'
                  ? answerText(q, q.expected.optionIndexes, t)
                  : q.questionType === 'true_false'
                    ? answerText(q, q.expected.value, t)
                    : (q.expected.acceptedAnswers ?? []).join(' / ')}
              </p>
            )}
            {q.explanation && (
              <p className="small quiz-explanation" data-testid="quiz-explanation">
                <strong>{t('quiz.explanation')}</strong> {q.explanation}
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
