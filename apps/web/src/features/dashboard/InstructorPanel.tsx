// An instructor's dashboard: their courses with enrolments, questions waiting for an answer,
// posts to moderate, and the latest questions (dashboard.instructor).
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

type Teaching = RouterOutputs['dashboard']['instructor'];

export function InstructorPanel() {
  const q = trpc.dashboard.instructor.useQuery();
  return <QueryState query={q}>{(d) => <InstructorDashboard d={d} />}</QueryState>;
}

function InstructorDashboard({ d }: { d: Teaching }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <div className="dash-grid" data-testid="dash-instructor">
      <section className="card dash-wide" aria-labelledby="dash-teach">
        <div className="row">
          <h2 id="dash-teach">{t('dash.teach.title')}</h2>
          <Link href="/instructor/courses/new">{t('dash.teach.new')}</Link>
        </div>
        <p className="muted small">
          {t('dash.teach.enrolments', { count: d.totals.activeEnrolments })} · {t('dash.teach.unanswered', { count: d.totals.unansweredQuestions })} ·{' '}
          {t('dash.teach.pending', { count: d.totals.pendingModeration })} ·{' '}
          <span data-testid="dash-to-grade">{t('dash.teach.toGrade', { count: d.totals.toGrade })}</span>
        </p>
        {d.courses.length === 0 ? (
          <p className="muted">{t('dash.teach.none')}</p>
        ) : (
          <ul className="list">
            {d.courses.map((c) => (
              <li key={c.id} className="dash-course">
                <div className="row">
                  <Link href={`/instructor/courses/${c.id}`}>{c.title}</Link>
                  {!c.isPublished && <span className="badge">{t('dash.teach.draft')}</span>}
                </div>
                <p className="muted small">
                  {t('dash.teach.enrolments', { count: c.activeEnrolments })} · {t('dash.teach.newThisWeek', { count: c.newEnrolmentsThisWeek })} ·{' '}
                  {t('dash.teach.completed', { count: c.completedEnrolments })}
                </p>
                {c.toGrade > 0 && (
                  <p className="small">
                    <Link href={`/instructor/courses/${c.id}/grading`}>{t('dash.teach.toGrade', { count: c.toGrade })}</Link>
                  </p>
                )}
                {(c.unansweredQuestions > 0 || c.pendingModeration > 0) && (
                  <p className="small">
                    <Link href={`/discussions/course/${c.id}`}>{t('dash.teach.unanswered', { count: c.unansweredQuestions })}</Link>
                    {c.pendingModeration > 0 && (
                      <>
                        {' · '}
                        <Link href="/moderation">{t('dash.teach.pending', { count: c.pendingModeration })}</Link>
                      </>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card dash-wide" aria-labelledby="dash-questions">
        <h2 id="dash-questions">{t('dash.teach.questions')}</h2>
        {d.latestQuestions.length === 0 ? (
          <p className="muted">{t('dash.teach.questionsNone')}</p>
        ) : (
          <ul className="list">
            {d.latestQuestions.map((q) => (
              <li key={q.threadId}>
                <Link href={`/discussions/${q.threadId}`}>{q.title}</Link>
                <p className="muted small">
                  {t('dash.teach.questionMeta', { course: q.courseTitle, author: q.authorName, count: q.replyCount })} ·{' '}
                  {f.relative(q.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
