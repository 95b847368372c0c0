// Answering an attempt: the questions (no correctness data ever reaches this screen), a timer driven
// by the server's deadline and clock, and submission (automatic when the time is up).
import type { RouterOutputs } from '@mdsc/api';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

type Started = RouterOutputs['quizzes']['startAttempt'];
export type AnswerValue = number[] | boolean | string;

function Timer({ deadline, offset, onTimeUp }: { deadline: number; offset: number; onTimeUp: () => void }) {
  const { t } = useI18n();
  const [left, setLeft] = useState(() => deadline - (Date.now() + offset));
  const fired = useRef(false);
  useEffect(() => {
    const id = setInterval(() => {
      const ms = deadline - (Date.now() + offset);
      setLeft(ms);
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        onTimeUp();
      }
    }, 1000);
    return () => clearInterval(id);
  }, [deadline, offset, onTimeUp]);
  const s = Math.max(0, Math.ceil(left / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return (
    <p className={`quiz-timer${s < 60 ? ' urgent' : ''}`} role="timer" aria-live={s < 60 ? 'polite' : 'off'}>
      {t('quiz.timeLeft')} {mm}:{ss}
    </p>
  );
}

export function QuizRunner(props: {
  /** An attempt, or an author's preview (the same questions, no attempt behind them). */
  attempt: Pick<Started, 'deadlineAt' | 'questions'>;
  /** serverNow − local now, measured when the attempt arrived. */
  clockOffset: number;
  submitting: boolean;
  onSubmit(answers: { questionId: number; answer: AnswerValue }[]): void;
}) {
  const { t } = useI18n();
  const { attempt } = props;
  const [answers, setAnswers] = useState<Record<number, AnswerValue>>({});
  const answersRef = useRef(answers);
  answersRef.current = answers;
  const set = (id: number, v: AnswerValue) => setAnswers((a) => ({ ...a, [id]: v }));
  const submit = () =>
    props.onSubmit(
      Object.entries(answersRef.current)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0) && v !== '')
        .map(([k, v]) => ({ questionId: Number(k), answer: v })),
    );
  const submitRef = useRef(submit);
  submitRef.current = submit;
  const [timeUp] = useState(() => () => submitRef.current());

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="quiz-form"
    >
      {attempt.deadlineAt && <Timer deadline={Date.parse(attempt.deadlineAt)} offset={props.clockOffset} onTimeUp={timeUp} />}
      {attempt.questions.map((q, i) => (
        <fieldset key={q.id} className="question">
          <legend>
            {i + 1}. {q.questionText} <span className="muted small">({t('quiz.pointsShort', { count: q.points })})</span>
          </legend>
          {q.questionType === 'multiple_choice' && (
            <>
              <p className="muted small">{t('quiz.chooseAll')}</p>
              {q.options?.map((o) => {
                const chosen = (answers[q.id] as number[] | undefined) ?? [];
                return (
                  <label key={o.index}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(o.index)}
                      onChange={(e) =>
                        set(q.id, e.target.checked ? [...chosen, o.index] : chosen.filter((x) => x !== o.index))
                      }
                    />
                    <span>{o.text}</span>
                  </label>
                );
              })}
            </>
          )}
          {q.questionType === 'true_false' &&
            ([true, false] as const).map((v) => (
              <label key={String(v)}>
                <input type="radio" name={`q-${q.id}`} checked={answers[q.id] === v} onChange={() => set(q.id, v)} />
                <span>{v ? t('quiz.true') : t('quiz.false')}</span>
              </label>
            ))}
          {q.questionType === 'short_answer' && (
            <input
              type="text"
              aria-label={t('quiz.yourAnswer')}
              maxLength={1000}
              value={(answers[q.id] as string | undefined) ?? ''}
              onChange={(e) => set(q.id, e.target.value)}
            />
          )}
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" disabled={props.submitting} data-testid="submit-quiz">
          {props.submitting ? t('common.loading') : t('quiz.submit')}
        </button>
        <span className="muted small">
          {t('quiz.answered', { count: Object.values(answers).filter((v) => !(Array.isArray(v) && v.length === 0) && v !== '').length, total: attempt.questions.length })}
        </span>
      </div>
    </form>
  );
}
