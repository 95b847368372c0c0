// A quiz from the learner's side: what it is, attempts left, take it (timer), result and history.
import type { RouterOutputs } from '@mdsc/api';
import { useMutation } from '@tanstack/react-query';
import type { SubmitAttemptInput } from '@mdsc/validators';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { submitLearning, useLearningQueue } from '../../lib/heartbeat-queue';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { learningErrorKey } from '../learning/errors';
import { AttemptFeedback } from './AttemptFeedback';
import { QuizRunner, type AnswerValue } from './QuizRunner';
import '../learning/learning.css';

type Started = RouterOutputs['quizzes']['startAttempt'];
type Result = RouterOutputs['quizzes']['submitAttempt'];

export function QuizPage() {
  const { t, locale } = useI18n();
  const params = useParams<{ slug: string; quizId: string }>();
  const quizId = Number(params.quizId);
  const utils = trpc.useUtils();
  const overview = trpc.quizzes.overview.useQuery({ quizId }, { retry: false });
  const history = trpc.quizzes.attempts.useQuery({ quizId }, { retry: false });
  const [running, setRunning] = useState<{ attempt: Started; offset: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [openHistory, setOpenHistory] = useState<number | null>(null);
  const { pending } = useLearningQueue();
  const start = trpc.quizzes.startAttempt.useMutation({
    onSuccess: (attempt) => {
      setResult(null);
      setRunning({ attempt, offset: Date.parse(attempt.serverNow) - Date.now() });
    },
  });
  // Answers go through the learning queue: with no network they are kept and sent when it is back,
  // and the server grades them then (its time limit still applies).
  const submit = useMutation({
    networkMode: 'always',
    mutationFn: (input: SubmitAttemptInput) => submitLearning({ kind: 'quiz', input, quizId, title: overview.data?.quiz.title ?? '' }),
    onSuccess: async (sent) => {
      setRunning(null);
      if (!sent.sent) return;
      setResult(sent.result as Result);
      await Promise.all([
        utils.quizzes.overview.invalidate({ quizId }),
        utils.quizzes.attempts.invalidate({ quizId }),
        utils.progress.course.invalidate({ slug: params.slug }),
        utils.progress.lesson.invalidate(),
        utils.enrollments.mine.invalidate(),
      ]);
    },
  });

  if (!overview.data) {
    return (
      <QueryState
        query={overview}
        errorText={(err) => t(learningErrorKey(err))}
        errorAction={<Link href={`/learn/${params.slug}`}>{t('learn.backToCourse')}</Link>}
      />
    );
  }
  const o = overview.data;
  const q = o.quiz;
  const queued = pending.some((c) => c.kind === 'quiz' && c.quizId === quizId);
  const courseDone = result?.passed && q.isFinal;

  if (running) {
    return (
      <section className="stack" aria-labelledby="quiz-title">
        <h1 id="quiz-title">{q.title}</h1>
        <QuizRunner
          attempt={running.attempt}
          clockOffset={running.offset}
          submitting={submit.isPending}
          onSubmit={(answers: { questionId: number; answer: AnswerValue }[]) =>
            submit.mutate({ attemptId: running.attempt.attemptId, answers })
          }
        />
        {submit.isError && (
          <p role="alert" className="form-error">
            {t(learningErrorKey(submit.error))}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="stack" aria-labelledby="quiz-title">
      <p className="small">
        <Link href={`/learn/${params.slug}`}>← {o.course.title}</Link>
      </p>
      <h1 id="quiz-title">{q.title}</h1>
      {result && <AttemptFeedback result={result} />}
      {queued && (
        <p className="callout" data-testid="quiz-queued">
          {t('quiz.queued')}
        </p>
      )}
      {courseDone && (
        <p>
          <Link className="button primary" href={`/learn/${params.slug}/complete`} data-testid="go-completion">
            {t('learn.completion.link')}
          </Link>
        </p>
      )}
      {result?.passed && !q.isFinal && q.lessonId && (
        <p>
          <Link href={`/learn/${params.slug}/lessons/${q.lessonId}`}>{t('learn.backToLesson')}</Link>
        </p>
      )}
      <div className="card stack">
        {q.description && <p>{q.description}</p>}
        <ul className="small">
          <li>{t('quiz.questionCount', { count: q.questionCount })}</li>
          <li>{t('quiz.passingScore', { value: q.passingScore })}</li>
          <li>{q.timeLimitMinutes ? t('quiz.timeLimit', { count: q.timeLimitMinutes }) : t('quiz.noTimeLimit')}</li>
          <li>{t('quiz.attemptsLeft', { left: o.attemptsLeft, max: q.maxAttempts })}</li>
          {o.bestPercentage !== null && <li>{t('quiz.best', { value: o.bestPercentage })}</li>}
        </ul>
        {o.lockedReason ? (
          <p className="callout">{t(`learn.error.${o.lockedReason}`)}</p>
        ) : o.inProgress || o.attemptsLeft > 0 ? (
          <div className="form-actions">
            <button type="button" onClick={() => start.mutate({ quizId })} disabled={start.isPending} data-testid="start-quiz">
              {o.inProgress ? t('quiz.resume') : result || o.attemptsUsed > 0 ? t('quiz.retry') : t('quiz.start')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('learn.error.no_attempts_left')}</p>
        )}
        {start.isError && (
          <p role="alert" className="form-error">
            {t(learningErrorKey(start.error))}
          </p>
        )}
      </div>
      {history.data && history.data.length > 0 && (
        <section aria-labelledby="history" className="stack">
          <h2 id="history">{t('quiz.history')}</h2>
          <ul className="list">
            {history.data.map((a) => (
              <li key={a.id} className="card">
                <div className="row">
                  <span>
                    {new Date(a.startedAt).toLocaleString(locale)} — <strong>{a.percentage} %</strong>{' '}
                    <span className={`badge ${a.passed ? 'ok' : 'warn'}`}>{a.passed ? t('quiz.passed') : t('quiz.failed')}</span>
                  </span>
                  <button type="button" className="link-button" aria-expanded={openHistory === a.id} onClick={() => setOpenHistory(openHistory === a.id ? null : a.id)}>
                    {openHistory === a.id ? t('quiz.hideDetails') : t('quiz.showDetails')}
                  </button>
                </div>
                {openHistory === a.id && <AttemptFeedback result={a} />}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
