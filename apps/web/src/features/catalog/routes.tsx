// Catalog pages, each its own lazily loaded chunk (the catalog has a JS budget, see vite.config).
import { lazyPage } from '../../routes/lazyPage';

export const CatalogRoute = lazyPage(() => import('./CatalogPage').then((m) => m.CatalogPage));
export const CourseRoute = lazyPage(() => import('./CoursePage').then((m) => m.CoursePage));
