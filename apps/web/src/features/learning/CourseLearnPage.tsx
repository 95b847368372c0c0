// A course from the learner's side: enrol, progress, the path with its locks, resume, certificate.
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { CourseOutline } from './CourseOutline';
import { EnrolButton } from './EnrolButton';
import { isNotFound } from './errors';
import { ProgressBar } from './ProgressBar';
import { ReviewSection } from './ReviewSection';
import './learning.css';

// The offline download code loads only for an enrolled learner's course page.
const OfflineCoursePanel = lazy(() => import('../offline/OfflineCoursePanel').then((m) => ({ default: m.OfflineCoursePanel })));

export function CourseLearnPage() {
  const { t } = useI18n();
  const { slug } = useParams<{ slug: string }>();
  const view = trpc.progress.course.useQuery({ slug }, { retry: false });
  const utils = trpc.useUtils();
  const unenroll = trpc.enrollments.unenroll.useMutation({ onSuccess: () => utils.progress.course.invalidate({ slug }) });

  if (!view.data) {
    return (
      <QueryState
        query={view}
        errorText={(err) => (isNotFound(err) ? t('learn.error.not_found') : undefined)}
        errorAction={<Link href="/learning">{t('learn.mine.title')}</Link>}
      />
    );
  }
  const d = view.data;
  const e = d.enrollment;
  const done = e?.status === 'completed' || e?.status === 'certified';
  return (
    <article className="stack">
      <header className="stack">
        <p className="muted small">
          <Link href={`/courses/${d.course.slug}`}>{t('learn.coursePage')}</Link>
          {e && (
            <>
              {' · '}
              <Link href={`/discussions/course/${d.course.id}`} data-testid="course-discussions">
                {t('disc.courseDiscussions')}
              </Link>
            </>
          )}
        </p>
        <h1>{d.course.title}</h1>
        {d.course.instructorName && <p className="muted">{t('learn.by', { name: d.course.instructorName })}</p>}
        {e ? (
          <div className="card stack">
            <div className="row">
              <strong>{t(`learn.status.${e.status}`)}</strong>
              {done && <Link href={`/learn/${d.course.slug}/complete`}>{t('learn.completion.link')}</Link>}
            </div>
            <ProgressBar value={e.progressPercentage} />
            <div className="form-actions">
              {d.resumeLessonId && (
                <Link className="button primary" href={`/learn/${d.course.slug}/lessons/${d.resumeLessonId}`} data-testid="resume">
                  {e.startedAt ? t('learn.continue') : t('learn.start')}
                </Link>
              )}
              {d.finalQuiz && !d.finalQuiz.locked && !d.finalQuiz.passed && (
                <Link className="button" href={`/learn/${d.course.slug}/quiz/${d.finalQuiz.id}`}>
                  {t('learn.takeFinalQuiz')}
                </Link>
              )}
              {d.certificate && <Link href="/certificates">{d.certificate.ready ? t('cert.view') : t('cert.preparing')}</Link>}
            </div>
          </div>
        ) : (
          <EnrolButton courseId={d.course.id} slug={d.course.slug} canEnroll={d.canEnroll} prerequisite={d.course.prerequisite} />
        )}
      </header>
      {e && (
        <Suspense fallback={null}>
          <OfflineCoursePanel slug={d.course.slug} />
        </Suspense>
      )}
      <section className="card" aria-labelledby="path">
        <h2 id="path">{t('learn.outline')}</h2>
        {!e && <p className="muted small">{t('learn.enrolToStart')}</p>}
        <CourseOutline data={d} />
      </section>
      <ReviewSection courseId={d.course.id} canReview={!!e} />
      {e && (
        <p className="small">
          <button
            type="button"
            className="link-button"
            disabled={unenroll.isPending}
            onClick={() => window.confirm(t('learn.unenrollConfirm')) && unenroll.mutate({ courseId: d.course.id })}
          >
            {t('learn.unenroll')}
          </button>
        </p>
      )}
    </article>
  );
}
