import type { AppRouter } from '@mdsc/api';
import { TRPC_MAX_BATCH_SIZE } from '@mdsc/validators';
import { httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';

export const trpc = createTRPCReact<AppRouter>();

const withCookies: typeof fetch = (url, init) => fetch(url, { ...init, credentials: 'include' });

export function createTrpcClient() {
  return trpc.createClient({
    links: [
      // Subscriptions (live notifications) over Server-Sent Events; the browser's EventSource
      // sends the session cookie (same origin) and reconnects by itself.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        false: splitLink({
          // The server refuses auth.* mutations inside a batch: each goes alone.
          condition: (op) => op.type === 'mutation' && op.path.startsWith('auth.'),
          true: httpLink({ url: '/trpc', fetch: withCookies }),
          false: httpBatchLink({ url: '/trpc', maxItems: TRPC_MAX_BATCH_SIZE, fetch: withCookies }),
        }),
      }),
    ],
  });
}
