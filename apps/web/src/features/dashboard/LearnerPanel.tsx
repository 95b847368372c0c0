// A learner's dashboard: where to continue, progress per course, deadlines, streak and level,
// recent badges and suggested courses — all from dashboard.learner.
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
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
  const { t, locale } = useI18n();
  const f = useFormat();
  return (
    <div className="dash-grid">
      <section className="card dash-resume" aria-labelledby="dash-resume" data-testid="dash-resume">
        <h2 id="dash-resume">{t('dash.resume.title')}</h2>
        {d.resume ? (
          <>
            <p className="dash-course-title">{d.resume.title}</p>
            {d.resume.lastLesson && <p className="muted small">{t('dash.resume.lesson', { title: d.resume.lastLesson.title })}</p>}
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
      </section>

      <section className="card" aria-labelledby="dash-progress" data-testid="dash-gamification">
        <h2 id="dash-progress">{t('dash.progress.title')}</h2>
        <p className="dash-level">{t('gam.level', { level: d.level.level, name: locale === 'fr' ? d.level.name : d.level.nameEn })}</p>
        <p className="muted small">{t('dash.xp', { count: d.totalXp })}</p>
        {d.level.xpToNextLevel !== null && <p className="muted small">{t('dash.xpToNext', { count: d.level.xpToNextLevel })}</p>}
        <p className="dash-streak">{t('dash.streak', { count: d.streak.daily })}</p>
        <p className="muted small">{t('dash.streak.longest', { count: d.streak.longest })}</p>
      </section>

      <section className="card" aria-labelledby="dash-deadlines" data-testid="dash-deadlines">
        <h2 id="dash-deadlines">{t('dash.deadlines.title')}</h2>
        {d.deadlines.length === 0 ? (
          <p className="muted">{t('dash.deadlines.none')}</p>
        ) : (
          <ul className="list">
            {d.deadlines.map((x) => (
              <li key={`${x.kind}-${x.quizId ?? x.courseSlug}`}>
                <Link href={x.quizId ? `/learn/${x.courseSlug}/quiz/${x.quizId}` : `/learn/${x.courseSlug}`}>
                  {x.kind === 'quiz' ? t('dash.deadlines.quiz', { title: x.title }) : `${t('dash.deadlines.courseEnd')} : ${x.courseTitle}`}
                </Link>
                <p className="muted small">
                  {x.kind === 'quiz' ? `${x.courseTitle} · ` : ''}
                  {x.dueAt ? t('dash.deadlines.due', { date: f.date(x.dueAt, 'long') }) : t('dash.deadlines.noDate')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {d.courses.length > 0 && (
        <section className="card dash-courses" aria-labelledby="dash-courses" data-testid="dash-courses">
          <h2 id="dash-courses">{t('dash.courses.title')}</h2>
          <ul className="list">
            {d.courses.map((c) => (
              <li key={c.courseId} className="dash-course">
                <Link href={courseHref(c)}>{c.title}</Link>
                <ProgressBar value={c.percentage} />
                <p className="muted small">{t('dash.courses.lessons', { done: c.completedLessons, total: c.totalLessons })}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="dash-badges" data-testid="dash-badges">
        <h2 id="dash-badges">{t('dash.badges.title')}</h2>
        {d.recentBadges.length === 0 ? (
          <p className="muted">{t('dash.badges.none')}</p>
        ) : (
          <ul className="list">
            {d.recentBadges.map((b) => (
              <li key={b.badgeId} className="row">
                <span>{b.name}</span>
                <span className={`badge tier-${b.tier}`}>{t(`gam.tier.${b.tier}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <Link href="/achievements">{t('dash.badges.all')}</Link>
      </section>

      <section className="dash-wide stack" aria-labelledby="dash-suggest">
        <h2 id="dash-suggest">{t('dash.suggest.title')}</h2>
        {d.suggestions.length === 0 ? (
          <p className="muted">{t('dash.suggest.none')}</p>
        ) : (
          <ul className="course-grid">
            {d.suggestions.map((c) => (
              <CourseCard key={c.id} course={c} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
