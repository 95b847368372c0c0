import { trpc } from '../../lib/trpc';

/** The signed-in user (auth.me), shared by every component through the query cache. */
export function useAuth() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000, retry: false });
  return { user: me.data ?? null, isLoading: me.isPending, refetch: me.refetch };
}

/** Where to go after logging in: only same-site paths (no open redirect). */
export function safeNext(search: string, fallback = '/dashboard'): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}
