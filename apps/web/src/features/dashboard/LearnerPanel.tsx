// A learner's dashboard: where to continue, progress per course, deadlines, streak and level,
// recent badges and suggested courses — all from dashboard.learner.
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { DashCard, DashList } from './DashCard';
import { CourseCard } from '../catalog/CourseCard';
import { ProgressBar } from '../learning/ProgressBar';

type Learner = RouterOutputs['dashboard']['learner'];

/** `staff`: an instructor's or admin's own learning, shown only when they follow courses. */
export function LearnerPanel({ staff = false }: { staff?: boolean }) {
  const { t } = useI18n();
  const q = trpc.dashboard.learner.useQuery();
  if (staff && q.data && q.data.courses.length === 0) return null;
  return (
    <QueryState query={q}>
      {(d) =>
        staff ? (
          <section className="stack" aria-labelledby="dash-my-learning">
            <h2 id="dash-my-learning">{t('dash.myLearning')}</h2>
            <LearnerDashboard d={d} />
          </section>
        ) : (
          <LearnerDashboard d={d} />
        )
      }
    </QueryState>
  );
}

function courseHref(c: Learner['courses'][number]) {
  return c.lastLesson ? `/learn/${c.slug}/lessons/${c.lastLesson.id}` : `/learn/${c.slug}`;
}

function LearnerDashboard({ d }: { d: Learner }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <div className="dash-grid">
      <DashCard
        id="dash-resume"
        title={t('dash.resume.title')}
        className="card dash-resume"
        testId="dash-resume"
      >
        {d.resume ? (
          <>
            <p className="dash-course-title">{d.resume.title}</p>
            {d.resume.lastLesson && (
              <p className="muted small">{t('dash.resume.lesson', { title: d.resume.lastLesson.title })}</p>
            )}
            <ProgressBar value={d.resume.percentage} />
            <Link className="button-link" href={courseHref(d.resume)}>
              {t('learn.continue')}
            </Link>
          </>
        ) : (
          <p>
            {t('dash.resume.none')} <Link href="/courses">{t('dash.resume.browse')}</Link>
          </p>
        )}
      </DashCard>

      <DashCard id="dash-progress" title={t('dash.progress.title')} testId="dash-gamification">
        <p className="dash-level">
          {t('gam.level', { level: d.level.level, name: d.level.name })}
        </p>
        <p className="muted small">{t('dash.xp', { count: d.totalXp })}</p>
        {d.level.xpToNextLevel !== null && (
          <p className="muted small">{t('dash.xpToNext', { count: d.level.xpToNextLevel })}</p>
        )}
        <p className="dash-streak">{t('dash.streak', { count: d.streak.daily })}</p>
        <p className="muted small">{t('dash.streak.longest', { count: d.streak.longest })}</p>
      </DashCard>

      <DashCard id="dash-deadlines" title={t('dash.deadlines.title')} testId="dash-deadlines">
        <DashList items={d.deadlines} none={t('dash.deadlines.none')}>
          {(x) => (
            <li key={`${x.kind}-${x.quizId ?? x.courseSlug}`}>
              <Link href={x.quizId ? `/learn/${x.courseSlug}/quiz/${x.quizId}` : `/learn/${x.courseSlug}`}>
                {x.kind === 'quiz'
                  ? t('dash.deadlines.quiz', { title: x.title })
                  : `${t('dash.deadlines.courseEnd')} : ${x.courseTitle}`}
              </Link>
              <p className="muted small">
                {x.kind === 'quiz' ? `${x.courseTitle} · ` : ''}
                {x.dueAt
                  ? t('dash.deadlines.due', { date: f.date(x.dueAt, 'long') })
                  : t('dash.deadlines.noDate')}
              </p>
            </li>
          )}
        </DashList>
      </DashCard>

      {d.courses.length > 0 && (
        <DashCard
          id="dash-courses"
          title={t('dash.courses.title')}
          className="card dash-courses"
          testId="dash-courses"
        >
          <ul className="list">
            {d.courses.map((c) => (
              <li key={c.courseId} className="dash-course">
                <Link href={courseHref(c)}>{c.title}</Link>
                <ProgressBar value={c.percentage} />
                <p className="muted small">
                  {t('dash.courses.lessons', { done: c.completedLessons, total: c.totalLessons })}
                </p>
              </li>
            ))}
          </ul>
        </DashCard>
      )}

      <DashCard id="dash-badges" title={t('dash.badges.title')} testId="dash-badges">
        <DashList items={d.recentBadges} none={t('dash.badges.none')}>
          {(b) => (
            <li key={b.badgeId} className="row">
              <span>{b.name}</span>
              <span className={`badge tier-${b.tier}`}>{t(`gam.tier.${b.tier}`)}</span>
            </li>
          )}
        </DashList>
        <Link href="/achievements">{t('dash.badges.all')}</Link>
      </DashCard>

      <DashCard id="dash-suggest" title={t('dash.suggest.title')} className="dash-wide stack">
        <DashList items={d.suggestions} none={t('dash.suggest.none')} className="course-grid">
          {(c) => <CourseCard key={c.id} course={c} />}
        </DashList>
      </DashCard>
    </div>
  );
}
