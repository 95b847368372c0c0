// The assignment on its lesson page, for the learner: instructions, due date, grading, my latest
// work with its status, grade and feedback, and the form to hand in (a file, a text or both).
import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { Badge, Notice } from '../../ui/components';
import { QueryState } from '../../ui/QueryState';
import { RichText } from '../../ui/RichText';
import { reasonText } from '../../ui/form';
import { SubmitForm } from './SubmitForm';
import './assignments.css';

type View = RouterOutputs['assignments']['forLesson'];
type Submission = View['submissions'][number];

export function AssignmentPanel({ lessonId }: { lessonId: number }) {
  const { t } = useI18n();
  const f = useFormat();
  const view = trpc.assignments.forLesson.useQuery({ lessonId }, { retry: false });
  if (!view.data) return <QueryState query={view} />;
  const v = view.data;
  const s = v.settings;
  if (!s) return <Notice>{t('asg.notReady')}</Notice>;
  const [latest, ...earlier] = v.submissions;
  return (
    <section className="card stack assignment" aria-labelledby="asg-title" data-testid="assignment-panel">
      <h2 id="asg-title">{t('asg.title')}</h2>
      <RichText html={s.instructionsHtml} />
      <dl className="asg-facts">
        <div>
          <dt>{t('asg.due')}</dt>
          <dd data-testid="assignment-due">{s.dueAt ? f.dateTime(s.dueAt) : t('asg.noDue')}</dd>
        </div>
        <div>
          <dt>{t('asg.pointsLabel')}</dt>
          <dd>{t('asg.pointsValue', { points: s.points, pass: s.passMark })}</dd>
        </div>
        {s.dueAt && (
          <div>
            <dt>{t('asg.latePolicyLabel')}</dt>
            <dd>{t(`asg.late.${s.latePolicy}`)}</dd>
          </div>
        )}
      </dl>
      {latest && <SubmissionCard s={latest} points={s.points} passMark={s.passMark} />}
      {v.canSubmit ? (
        <SubmitForm
          key={latest ? `${latest.id}-${latest.submittedAt}` : 'first'}
          settings={s}
          replacing={latest?.status === 'submitted'}
          onDone={() => {
            void view.refetch();
          }}
        />
      ) : (
        v.blockedReason &&
        v.blockedReason !== 'already_graded' && <Notice>{reasonText(t, v.blockedReason)}</Notice>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>{t('asg.history', { count: earlier.length })}</summary>
          <div className="stack">
            {earlier.map((e) => (
              <SubmissionCard key={e.id} s={e} points={s.points} passMark={s.passMark} />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function SubmissionCard({ s, points, passMark }: { s: Submission; points: number; passMark: number }) {
  const { t } = useI18n();
  const f = useFormat();
  const g = s.grade;
  return (
    <article className="asg-submission stack" data-testid="assignment-submission" data-status={s.status}>
      <header className="row">
        <h3>
          {t('asg.yourWork')} · {t('asg.attempt', { n: s.attempt })}
        </h3>
        <Badge tone={s.status === 'graded' ? 'ok' : s.status === 'returned' ? 'warn' : 'info'}>
          {t(`asg.status.${s.status}`)}
        </Badge>
        {s.isLate && <Badge tone="warn">{t('asg.lateBadge')}</Badge>}
      </header>
      <p className="muted small">{t('asg.submittedAt', { date: f.dateTime(s.submittedAt) })}</p>
      {s.text && <p className="asg-text">{s.text}</p>}
      {s.file && (
        <p>
          <a href={s.file.url} download={s.file.originalFilename}>
            {t('asg.download', { name: s.file.originalFilename })}
          </a>
        </p>
      )}
      {g?.outcome === 'graded' && g.score !== null && (
        <div className="asg-grade" data-testid="assignment-grade">
          <p className="asg-score">{t('asg.grade', { score: g.score, points })}</p>
          <p>{g.score >= passMark ? t('asg.passed') : t('asg.notPassed', { pass: passMark })}</p>
        </div>
      )}
      {g?.outcome === 'returned' && <p>{t('asg.returnedHint')}</p>}
      {g?.feedback && (
        <blockquote className="asg-feedback" data-testid="assignment-feedback">
          <p className="small muted">{t('asg.feedback')}</p>
          <p className="asg-text">{g.feedback}</p>
        </blockquote>
      )}
    </article>
  );
}
