// A course's public page: summary, instructor, prerequisite, dates, price and the outline. Lesson
// material appears only for enrolled students, the instructor and admins (decided by the server).
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { imageSources, useLowData } from '../../lib/low-data';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { isNotFound } from '../learning/errors';
import { PriceTag } from './CourseCard';
import { formatDate, formatMinutes } from './format';
import { LessonContent } from './LessonContent';
import { CourseLearningPanel } from '../learning/CourseLearningPanel';
import { ReviewSection } from '../learning/ReviewSection';
import { languageName } from '../../i18n/languages';

export function CoursePage() {
  const { t, locale } = useI18n();
  const { slug } = useParams<{ slug: string }>();
  const detail = trpc.courses.bySlug.useQuery({ slug }, { retry: false });
  const lowData = useLowData().enabled;

  if (!detail.data) {
    return (
      <QueryState
        query={detail}
        errorText={(err) => (isNotFound(err) ? t('course.notFound') : undefined)}
        errorAction={<Link href="/courses">{t('course.backToCatalog')}</Link>}
      />
    );
  }
  const { course, instructor, category, prerequisite, modules, courseLessons, viewer } = detail.data;
  const dates = [
    ['course.startDate', formatDate(course.courseStartDate, locale)],
    ['course.endDate', formatDate(course.courseEndDate, locale)],
    ['course.deadline', formatDate(course.enrollmentDeadline, locale)],
  ] as const;
  const lessonCount = modules.reduce((n, m) => n + m.lessons.length, courseLessons.length);

  const lessonItem = (l: (typeof courseLessons)[number]) => (
    <li key={l.id} className="lesson-row">
      <div className="row">
        <span>
          <span className="badge">{t(`lessonType.${l.contentType}`)}</span> {l.title}
          {!l.isPublished && <span className="badge warn"> {t('course.draft')}</span>}
        </span>
        <span className="muted small">{formatMinutes(l.durationMinutes, locale)}</span>
      </div>
      {l.description && <p className="muted small">{l.description}</p>}
      {viewer.canSeeContent && <LessonContent lesson={l} />}
    </li>
  );

  return (
    <article className="stack course-page">
      <header className="course-hero">
        {course.thumbnailUrl && (
          <img
            {...imageSources(course.thumbnailUrl, lowData, { sizes: '(max-width: 40rem) 100vw, 640px' })}
            alt=""
            className="course-hero-img"
            width={640}
            height={360}
          />
        )}
        <div>
          <p className="muted">
            <Link href={`/courses?category=${category.id}`}>{category.name}</Link>
          </p>
          <h1>{course.title}</h1>
          {course.shortDescription && <p className="lead">{course.shortDescription}</p>}
          <p>
            {t('course.by', { name: instructor.name })}
            {instructor.organization ? ` — ${instructor.organization}` : ''}
          </p>
          {!course.isPublished && <p className="callout">{t('course.unpublishedNotice')}</p>}
          {viewer.isOwner && <Link href={`/instructor/courses/${course.id}`}>{t('course.edit')}</Link>}
          {course.isPublished && <CourseLearningPanel slug={course.slug} />}
        </div>
      </header>

      <dl className="facts">
        <div>
          <dt>{t('course.price')}</dt>
          <dd>
            <PriceTag price={course.price} currency={course.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('catalog.difficulty')}</dt>
          <dd>{t(`difficulty.${course.difficulty}`)}</dd>
        </div>
        <div>
          <dt>{t('catalog.language')}</dt>
          <dd>
            {languageName(course.language, locale)}
          </dd>
        </div>
        {course.durationMinutes !== null && (
          <div>
            <dt>{t('course.duration')}</dt>
            <dd>{formatMinutes(course.durationMinutes, locale)}</dd>
          </div>
        )}
        {dates.map(([key, value]) =>
          value ? (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
        <div>
          <dt>{t('course.students')}</dt>
          <dd>{course.enrollmentCount}</dd>
        </div>
      </dl>

      {prerequisite && (
        <p className="callout">
          {t('course.prerequisite')} <Link href={`/courses/${prerequisite.slug}`}>{prerequisite.title}</Link>
        </p>
      )}
      {course.description && (
        <section aria-labelledby="about">
          <h2 id="about">{t('course.about')}</h2>
          {course.description.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      )}

      <section aria-labelledby="outline" className="stack">
        <h2 id="outline">{t('course.outline', { count: lessonCount })}</h2>
        {!viewer.canSeeContent && <p className="muted small">{t('course.contentForEnrolled')}</p>}
        {modules.map((m, i) => (
          <details key={m.id} className="card module-block" open={i === 0}>
            <summary>
              <strong>
                {t('course.module', { n: i + 1 })} — {m.title}
              </strong>{' '}
              <span className="muted small">{t('course.lessons', { count: m.lessons.length })}</span>
            </summary>
            {m.description && <p className="muted small">{m.description}</p>}
            <ol className="list">{m.lessons.map(lessonItem)}</ol>
          </details>
        ))}
        {courseLessons.length > 0 && <ol className="list card">{courseLessons.map(lessonItem)}</ol>}
      </section>
      {course.isPublished && <ReviewSection courseId={course.id} canReview={viewer.isEnrolled} />}
    </article>
  );
}
