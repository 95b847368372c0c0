// Admin pages of the shared layer, loaded on demand behind the admin guard.
import { lazy, Suspense } from 'react';
import { Skeleton } from '../../ui/QueryState';
import { RequireAuth } from '../auth/RequireAuth';

const AdminCategoriesPage = lazy(() =>
  import('./AdminCategoriesPage').then((m) => ({ default: m.AdminCategoriesPage })),
);
const JobHealthPage = lazy(() => import('./JobHealthPage').then((m) => ({ default: m.JobHealthPage })));

export function JobHealthRoute() {
  return (
    <RequireAuth admin>
      <Suspense fallback={<Skeleton />}>
        <JobHealthPage />
      </Suspense>
    </RequireAuth>
  );
}

export function AdminCategoriesRoute() {
  return (
    <RequireAuth admin>
      <Suspense fallback={<Skeleton />}>
        <AdminCategoriesPage />
      </Suspense>
    </RequireAuth>
  );
}
