// An instructor's dashboard: their courses with enrolments, questions waiting for an answer,
// posts to moderate, and the latest questions (dashboard.instructor).
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { DashCard, DashList, DashPanel } from './DashCard';

type Teaching = RouterOutputs['dashboard']['instructor'];

export function InstructorPanel() {
  const { t } = useI18n();
  const f = useFormat();
  const q = trpc.dashboard.instructor.useQuery();
  return (
    <DashPanel query={q} testId="dash-instructor">
      {(d) => (
        <>
          <DashCard
            id="dash-teach"
            title={t('dash.teach.title')}
            className="card dash-wide"
            action={<Link href="/instructor/courses/new">{t('dash.teach.new')}</Link>}
          >
            <p className="muted small">
              {t('dash.teach.enrolments', { count: d.totals.activeEnrolments })} ·{' '}
              {t('dash.teach.unanswered', { count: d.totals.unansweredQuestions })} ·{' '}
              {t('dash.teach.pending', { count: d.totals.pendingModeration })} ·{' '}
              <span data-testid="dash-to-grade">{t('dash.teach.toGrade', { count: d.totals.toGrade })}</span>
            </p>
            <DashList items={d.courses} none={t('dash.teach.none')}>
              {(c) => <TaughtCourse key={c.id} c={c} />}
            </DashList>
          </DashCard>
          <DashCard id="dash-questions" title={t('dash.teach.questions')} className="card dash-wide">
            <DashList items={d.latestQuestions} none={t('dash.teach.questionsNone')}>
              {(q) => (
                <li key={q.threadId}>
                  <Link href={`/discussions/${q.threadId}`}>{q.title}</Link>
                  <p className="muted small">
                    {t('dash.teach.questionMeta', {
                      course: q.courseTitle,
                      author: q.authorName,
                      count: q.replyCount,
                    })}{' '}
                    · {f.relative(q.createdAt)}
                  </p>
                </li>
              )}
            </DashList>
          </DashCard>
        </>
      )}
    </DashPanel>
  );
}

/** One of the instructor's courses: enrolments, and links to what waits for them. */
function TaughtCourse({ c }: { c: Teaching['courses'][number] }) {
  const { t } = useI18n();
  return (
    <li className="dash-course">
      <div className="row">
        <Link href={`/instructor/courses/${c.id}`}>{c.title}</Link>
        {!c.isPublished && <span className="badge">{t('dash.teach.draft')}</span>}
      </div>
      <p className="muted small">
        {t('dash.teach.enrolments', { count: c.activeEnrolments })} ·{' '}
        {t('dash.teach.newThisWeek', { count: c.newEnrolmentsThisWeek })} ·{' '}
        {t('dash.teach.completed', { count: c.completedEnrolments })}
      </p>
      {c.toGrade > 0 && (
        <p className="small">
          <Link href={`/instructor/courses/${c.id}/grading`}>
            {t('dash.teach.toGrade', { count: c.toGrade })}
          </Link>
        </p>
      )}
      {(c.unansweredQuestions > 0 || c.pendingModeration > 0) && (
        <p className="small">
          <Link href={`/discussions/course/${c.id}`}>
            {t('dash.teach.unanswered', { count: c.unansweredQuestions })}
          </Link>
          {c.pendingModeration > 0 && (
            <>
              {' · '}
              <Link href="/moderation">{t('dash.teach.pending', { count: c.pendingModeration })}</Link>
            </>
          )}
        </p>
      )}
    </li>
  );
}
