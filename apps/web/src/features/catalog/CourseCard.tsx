import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { CARD_IMAGE_SIZES, imageSources, useLowData } from '../../lib/low-data';
import { formatMinutes, formatPrice } from './format';

export type CourseCardData = RouterOutputs['courses']['list']['items'][number];

export function PriceTag({ price, currency }: { price: number; currency: string }) {
  const { t, locale } = useI18n();
  return (
    <span className="price">{price > 0 ? formatPrice(price, currency, locale) : t('catalog.free')}</span>
  );
}

/**
 * `heading`: the level that follows the page's outline (h2 under the catalog's h1, h3 under a
 * dashboard section's h2). `first`: the card on top of the list, whose image is usually the page's
 * largest paint, so it loads at once and early instead of lazily.
 */
export function CourseCard({ course, heading: Heading = 'h3', first = false }: { course: CourseCardData; heading?: 'h2' | 'h3'; first?: boolean }) {
  const { t, locale } = useI18n();
  const duration = formatMinutes(course.durationMinutes, locale);
  const lowData = useLowData().enabled;
  return (
    <li className="course-card" style={{ borderTopColor: course.category.color ?? undefined }}>
      {course.thumbnailUrl ? (
        <img
          {...imageSources(course.thumbnailUrl, lowData, { sizes: CARD_IMAGE_SIZES })}
          alt=""
          loading={first ? 'eager' : 'lazy'}
          fetchPriority={first ? 'high' : undefined}
          width={320}
          height={180}
          className="course-thumb"
        />
      ) : (
        <div className="course-thumb placeholder" aria-hidden="true" />
      )}
      <div className="course-card-body">
        <p className="muted small">{course.category.name}</p>
        <Heading>
          <Link href={`/courses/${course.slug}`}>{course.title}</Link>
        </Heading>
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
