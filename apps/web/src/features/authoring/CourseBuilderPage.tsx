// The course builder: the course's fields, its curriculum and its publication, on one page.
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { actionErrorText } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';
import { CourseForm } from './CourseForm';
import { CurriculumEditor } from './CurriculumEditor';
import { PublishPanel } from './PublishPanel';
import { QuizzesSection } from '../quiz-editor/QuizzesSection';

export function CourseBuilderPage() {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const courseId = Number(id);
  const editor = trpc.courses.editor.useQuery(
    { id: courseId },
    { enabled: Number.isInteger(courseId) && courseId > 0, retry: false },
  );

  if (!editor.data) {
    return (
      <QueryState
        query={editor}
        errorText={(err) => actionErrorText(t, err, AUTHORING_ERRORS)}
        errorAction={<Link href="/instructor">{t('authoring.backToDashboard')}</Link>}
      />
    );
  }
  const data = editor.data;
  return (
    <div className="stack builder">
      <p>
        <Link href="/instructor">← {t('authoring.backToDashboard')}</Link>
        {' · '}
        <Link href={`/discussions/course/${data.course.id}`}>{t('disc.courseDiscussions')}</Link>
        {' · '}
        <Link href={`/instructor/courses/${data.course.id}/grading`}>{t('asg.queue.link')}</Link>
      </p>
      <h1>{data.course.title}</h1>
      <PublishPanel data={data} />
      <section aria-labelledby="course-fields" className="card stack">
        <h2 id="course-fields">{t('authoring.courseDetails')}</h2>
        <CourseForm key={data.course.id} course={data.course} />
      </section>
      <CurriculumEditor data={data} />
      <QuizzesSection data={data} />
    </div>
  );
}
