// Catalog pages, each its own lazily loaded chunk (the catalog has a JS budget, see vite.config).
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n';

const Catalog = lazy(() => import('./CatalogPage').then((m) => ({ default: m.CatalogPage })));
const Course = lazy(() => import('./CoursePage').then((m) => ({ default: m.CoursePage })));

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

export function CatalogRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <Catalog />
    </Suspense>
  );
}

export function CourseRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <Course />
    </Suspense>
  );
}
