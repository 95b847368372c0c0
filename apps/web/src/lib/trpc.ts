import type { AppRouter } from '@mdsc/api';
import { TRPC_MAX_BATCH_SIZE } from '@mdsc/validators';
import { httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import { chosenLocale } from '../i18n';
import { firstScreenLink } from './first-screen';
import { whenIdle } from './idle';
import { answerFromCopy, isCopiedQuery, refreshCopies } from './offline-copy';

export const trpc = createTRPCReact<AppRouter>();

const withCookies: typeof fetch = (url, init) => fetch(url, { ...init, credentials: 'include' });
/** The chosen language: the API answers with names (badges, challenges, categories) in it. */
const headers = () => ({ 'x-locale': chosenLocale() });

/**
 * Without a network, the queries a course's offline copy holds are answered from it; with one, the
 * copy is kept up to date (lib/offline-copy).
 */
const withOfflineCopy: typeof fetch = async (url, init) => {
  try {
    const res = await withCookies(url, init);
    // When the main thread is idle: the check opens Cache Storage and parses the answer a second
    // time, work a first screen does not need (issue 17).
    const copy = res.clone();
    whenIdle(() => void refreshCopies(String(url), copy).catch(() => undefined), 3000);
    return res;
  } catch (err) {
    const copy = await answerFromCopy(String(url)).catch(() => null);
    if (copy) return copy;
    throw err;
  }
};

/** `firstScreen`: the answers the server inlined into the page (lib/first-screen). */
export function createTrpcClient(firstScreen: Map<string, unknown> = new Map()) {
  const batch = (fetch: typeof withCookies) =>
    httpBatchLink({ url: '/trpc', maxItems: TRPC_MAX_BATCH_SIZE, fetch, headers });
  return trpc.createClient({
    links: [
      // The first screen's answers inlined in the page by the server, when there are some.
      firstScreenLink(firstScreen),
      // Subscriptions (live notifications) over Server-Sent Events; the browser's EventSource
      // sends the session cookie (same origin) and reconnects by itself.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc' }),
        false: splitLink({
          // The server refuses auth.* mutations inside a batch: each goes alone.
          condition: (op) => op.type === 'mutation' && op.path.startsWith('auth.'),
          true: httpLink({ url: '/trpc', fetch: withCookies, headers }),
          false: splitLink({
            // The queries an offline copy may answer are batched apart: a batch that fails for
            // want of a network then holds only queries the copy may answer.
            condition: (op) => op.type === 'query' && isCopiedQuery(op.path),
            true: batch(withOfflineCopy),
            false: batch(withCookies),
          }),
        }),
      }),
    ],
  });
}
