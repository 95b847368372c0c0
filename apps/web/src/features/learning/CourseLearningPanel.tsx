// On the course page: enrol (or why not), or continue where I left off.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { EnrolButton } from './EnrolButton';
import { ProgressBar } from './ProgressBar';
import './learning.css';

export function CourseLearningPanel({ slug }: { slug: string }) {
  const { t } = useI18n();
  const view = trpc.progress.course.useQuery({ slug }, { retry: false });
  if (!view.data) return null;
  const d = view.data;
  if (!d.enrollment) {
    return <EnrolButton courseId={d.course.id} slug={d.course.slug} canEnroll={d.canEnroll} prerequisite={d.course.prerequisite} />;
  }
  return (
    <div className="card stack" data-testid="course-learning-panel">
      <ProgressBar value={d.enrollment.progressPercentage} />
      <div className="form-actions">
        <Link className="button primary" href={d.resumeLessonId ? `/learn/${slug}/lessons/${d.resumeLessonId}` : `/learn/${slug}`}>
          {d.enrollment.startedAt ? t('learn.continue') : t('learn.start')}
        </Link>
        <Link href={`/learn/${slug}`}>{t('learn.outline')}</Link>
      </div>
    </div>
  );
}
