// The first screen's answers the server inlined into the page (apps/api/src/first-screen.ts): a
// tRPC link answers those queries from them, once each, so the first paint waits for no round trip.
import type { AppRouter } from '@mdsc/api';
import { FIRST_SCREEN_ELEMENT_ID, firstScreenKey, type FirstScreenPayload } from '@mdsc/validators';
import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { CARD_IMAGE_SIZES, imageSources } from './low-data';

/**
 * Reads (and removes) the inlined answers. Kept only when made in the language this reader sees
 * (names of categories and badges are translated); anything malformed is ignored.
 */
export function takeFirstScreen(locale: string, doc: Pick<Document, 'getElementById'> = document): Map<string, unknown> {
  const el = doc.getElementById(FIRST_SCREEN_ELEMENT_ID);
  const answers = new Map<string, unknown>();
  if (!el) return answers;
  el.remove();
  try {
    const payload = JSON.parse(el.textContent ?? '') as FirstScreenPayload;
    if (payload.locale !== locale || !Array.isArray(payload.answers)) return answers;
    for (const a of payload.answers) answers.set(firstScreenKey(a.path, a.input), a.data);
  } catch {
    // A page without (valid) answers asks the API as usual.
  }
  return answers;
}

/** Answers a query from `answers` the first time it is asked; everything else goes on. */
export function firstScreenLink(answers: Map<string, unknown>): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== 'query' || answers.size === 0) return next(op);
      const key = firstScreenKey(op.path, op.input);
      if (!answers.has(key)) return next(op);
      const data = answers.get(key);
      answers.delete(key); // once: a later refetch asks the API
      return observable((observer) => {
        observer.next({ result: { type: 'data', data } });
        observer.complete();
        return () => undefined;
      });
    };
}

/**
 * Starts the download of the catalog's first course image (the page's largest paint on a phone)
 * now, not once the catalog's chunk has loaded and rendered its card: the same sources as the card's
 * `<img>` (low-data mode included), so the browser reuses this download.
 */
export function preloadFirstCourseImage(answers: Map<string, unknown>, lowData: boolean, doc: Document = document): void {
  for (const [key, data] of answers) {
    if (!key.startsWith('courses.list\u0000')) continue;
    const url = (data as { items?: { thumbnailUrl?: string | null }[] } | null)?.items?.[0]?.thumbnailUrl;
    if (!url) return;
    const { src, srcSet, sizes } = imageSources(url, lowData, { sizes: CARD_IMAGE_SIZES });
    const link = Object.assign(doc.createElement('link'), { rel: 'preload', as: 'image', href: src, fetchPriority: 'high' });
    if (srcSet) link.setAttribute('imagesrcset', srcSet);
    if (sizes) link.setAttribute('imagesizes', sizes);
    doc.head.appendChild(link);
    return;
  }
}
