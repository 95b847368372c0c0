// The offline copy of a course ("Télécharger pour hors-ligne"): the answers of the tRPC queries the
// lesson page and the outline make, kept in Cache Storage under a key made of the procedure and its
// input. When the network is gone, the tRPC client's fetch answers those queries from the copy
// (lib/trpc.ts), so the same pages open offline with the same code. The copy is the signed-in
// learner's own (the server authorised every answer) and logging out deletes it.
import { OFFLINE_DATA_CACHE, OFFLINE_FILES_CACHE } from './offline-names';

/** The queries a course's offline copy holds, and which the client may answer from it. */
export const COPIED_QUERIES = ['auth.me', 'progress.course', 'progress.lesson'] as const;
export type CopiedQuery = (typeof COPIED_QUERIES)[number];
export const isCopiedQuery = (path: string): path is CopiedQuery =>
  (COPIED_QUERIES as readonly string[]).includes(path);

/** Index of the saved courses (which keys and files each holds), in localStorage. */
export const OFFLINE_INDEX_KEY = 'mdsc.offlineCourses';

const hasCaches = () => typeof caches !== 'undefined';

/** The Cache Storage key of one query's answer. */
export function copyKey(path: CopiedQuery, input: unknown): string {
  return `/offline-data/${path}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`;
}

export async function writeCopy(path: CopiedQuery, input: unknown, data: unknown): Promise<number> {
  const body = JSON.stringify(data);
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  await cache.put(
    copyKey(path, input),
    new Response(body, { headers: { 'content-type': 'application/json' } }),
  );
  return body.length;
}

async function readCopy(path: CopiedQuery, input: unknown): Promise<{ data: unknown } | null> {
  if (!hasCaches()) return null;
  const hit = await caches.match(copyKey(path, input), { cacheName: OFFLINE_DATA_CACHE });
  return hit ? { data: (await hit.json()) as unknown } : null;
}

/** The procedures and inputs of a tRPC batch GET (`/trpc/a,b?batch=1&input={"0":…,"1":…}`). */
function batchCalls(url: string): { path: string; input: unknown }[] | null {
  const u = new URL(url, 'http://copy.invalid');
  const m = /^\/trpc\/(.+)$/.exec(u.pathname);
  if (!m) return null;
  try {
    const inputs = JSON.parse(u.searchParams.get('input') ?? '{}') as Record<string, unknown>;
    return decodeURIComponent(m[1]!)
      .split(',')
      .map((path, i) => ({ path, input: inputs[String(i)] }));
  } catch {
    return null;
  }
}

/**
 * The answer the batch would have had, built from the copy; null when nothing of it was copied.
 * Calls without a copy get an error item.
 */
export async function answerFromCopy(url: string): Promise<Response | null> {
  const calls = batchCalls(url);
  if (!calls) return null;
  const items = await Promise.all(
    calls.map(({ path, input }) => (isCopiedQuery(path) ? readCopy(path, input) : null)),
  );
  if (items.every((x) => x === null)) return null;
  const body = items.map((x, i) =>
    x
      ? { result: { data: x.data } }
      : {
          error: {
            message: 'Offline',
            code: -32603,
            data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 503, path: calls[i]!.path },
          },
        },
  );
  return new Response(JSON.stringify(body), {
    status: items.every(Boolean) ? 200 : 207,
    headers: { 'content-type': 'application/json', 'x-mdsc-offline-copy': '1' },
  });
}

/**
 * Online, a fresh answer replaces the copy of the same query when one was kept (the outline's
 * statuses and locks follow the learner's progress); nothing new is ever added here.
 */
export async function refreshCopies(url: string, response: Response): Promise<void> {
  const calls = batchCalls(url);
  if (!calls || !hasCaches() || !response.ok || !(await caches.has(OFFLINE_DATA_CACHE))) return;
  const cache = await caches.open(OFFLINE_DATA_CACHE);
  const body = (await response.json()) as { result?: { data: unknown } }[];
  await Promise.all(
    calls.map(async ({ path, input }, i) => {
      const data = body[i]?.result;
      if (!data || !isCopiedQuery(path) || !(await cache.match(copyKey(path, input)))) return;
      await writeCopy(path, input, data.data);
    }),
  );
}

/** Logging out: the learner's offline copies go with the session. */
export async function clearOfflineCopies(): Promise<void> {
  localStorage.removeItem(OFFLINE_INDEX_KEY);
  if (hasCaches()) await Promise.all([caches.delete(OFFLINE_DATA_CACHE), caches.delete(OFFLINE_FILES_CACHE)]);
}
