import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { formatMinutes, formatPrice } from './format';

export type CourseCardData = RouterOutputs['courses']['list']['items'][number];

export function PriceTag({ price, currency }: { price: number; currency: string }) {
  const { t, locale } = useI18n();
  return (
    <span className="price">{price > 0 ? formatPrice(price, currency, locale) : t('catalog.free')}</span>
  );
}

export function CourseCard({ course }: { course: CourseCardData }) {
  const { t, locale } = useI18n();
  const duration = formatMinutes(course.durationMinutes, locale);
  return (
    <li className="course-card" style={{ borderTopColor: course.category.color ?? undefined }}>
      {course.thumbnailUrl ? (
        <img
          src={course.thumbnailUrl}
          alt=""
          loading="lazy"
          width={320}
          height={180}
          className="course-thumb"
        />
      ) : (
        <div className="course-thumb placeholder" aria-hidden="true" />
      )}
      <div className="course-card-body">
        <p className="muted small">{course.category.name}</p>
        <h3>
          <Link href={`/courses/${course.slug}`}>{course.title}</Link>
        </h3>
        {course.shortDescription && <p className="small">{course.shortDescription}</p>}
        <p className="muted small">
          {course.instructor.name} · {t(`difficulty.${course.difficulty}`)}
          {duration ? ` · ${duration}` : ''}
        </p>
        <p className="row small">
          <PriceTag price={course.price} currency={course.currency} />
          <span className="muted">{t('catalog.enrolled', { count: course.enrollmentCount })}</span>
        </p>
      </div>
    </li>
  );
}
