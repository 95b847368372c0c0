// Every feature route is built the same way: its page in its own lazily loaded chunk, the skeleton
// while the chunk loads, behind the guard it needs (signed in, admin), optionally wrapped (authoring).
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { RequireAuth } from '../features/auth/RequireAuth';
import { Skeleton } from '../ui/QueryState';

export type Guard = 'public' | 'user' | 'admin';

export function lazyPage(load: () => Promise<ComponentType>, guard: Guard = 'public', wrap?: (page: ReactNode) => ReactNode) {
  // The chunk starts loading as soon as its route renders, not once the guard has heard from the
  // API who the reader is (that was one round trip more before a lesson could paint).
  let loading: Promise<ComponentType> | undefined;
  const start = () => (loading ??= load());
  const Page = lazy(async () => ({ default: await start() }));
  return function Route() {
    void start().catch(() => undefined); // a failed load is thrown by lazy() below, where Suspense shows it
    const page = (
      <Suspense fallback={<Skeleton lines={4} />}>
        <Page />
      </Suspense>
    );
    const body = wrap ? wrap(page) : page;
    return guard === 'public' ? body : <RequireAuth admin={guard === 'admin'}>{body}</RequireAuth>;
  };
}
