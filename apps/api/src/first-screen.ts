// The first screen's data inlined into index.html (issue 17: Lighthouse on a phone). Without it, a
// page's first paint waited for HTML → JavaScript → a tRPC round trip (auth.me, then the page's own
// queries). The answers go into a JSON script element the web app's first-screen link answers
// those queries from, once each (apps/web/src/lib/first-screen.ts). Inputs come from the same
// builders as the web app's (packages/validators/first-screen), so the keys match.
import { appRouter, createCallerFactory, type Context } from '@mdsc/api';
import {
  catalogFilters,
  catalogListInput,
  DEFAULT_LOCALE,
  FIRST_SCREEN_ELEMENT_ID,
  type FirstScreenPayload,
} from '@mdsc/validators';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;
type Question = { path: string; input: unknown; ask: (c: Caller) => Promise<unknown> };

/** The web app's module that renders a page (its lazily loaded route chunk), by path. */
export function routeModule(pathname: string): string | null {
  if (/^\/courses\/?$/.test(pathname)) return 'src/features/catalog/CatalogPage.tsx';
  if (/^\/learn\/[^/]+\/lessons\/\d+\/?$/.test(pathname)) return 'src/features/learning/LessonPage.tsx';
  return null;
}

/** Vite's build manifest (`build.manifest`): each source module's chunk, the chunks it imports, its CSS. */
export type ViteManifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

/**
 * Preload links for a page's route chunk and what it imports (JavaScript and CSS), so that they
 * download with the entry chunk instead of after it has run. The entry's own chunks are left out:
 * index.html already names them. The CSS preloads carry `crossorigin` too: Vite's preload helper
 * adds the route's stylesheets as `<link rel="stylesheet" crossorigin>` (CORS mode), and Chromium
 * only reuses a preload made in the same mode; without it the stylesheet was downloaded twice.
 */
export function routePreloads(manifest: ViteManifest | null, url: string): string {
  const module = routeModule(url.split('?')[0]!);
  if (!manifest || !module || !manifest[module]) return '';
  const entry = Object.values(manifest).find((c) => c.isEntry);
  const loaded = new Set<string>();
  const skip = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    if (into.has(key) || !manifest[key]) return;
    into.add(key);
    for (const i of manifest[key].imports ?? []) walk(i, into);
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k] === entry);
  if (entryKey) walk(entryKey, skip);
  walk(module, loaded);
  const chunks = [...loaded].filter((k) => !skip.has(k)).map((k) => manifest[k]!);
  const css = new Set(chunks.flatMap((c) => c.css ?? []).filter((f) => !(entry?.css ?? []).includes(f)));
  return [
    ...chunks.map((c) => `<link rel="modulepreload" crossorigin href="/${c.file}">`),
    ...[...css].map((f) => `<link rel="preload" as="style" crossorigin href="/${f}">`),
  ].join('');
}

/** The queries a page's first screen makes, by its URL (path and query string). */
export function firstScreenQuestions(url: string): Question[] {
  const [pathname = '/', search = ''] = url.split('?');
  const questions: Question[] = [{ path: 'auth.me', input: undefined, ask: (c) => c.auth.me() }];
  if (pathname === '/courses' || pathname === '/courses/') {
    const input = catalogListInput(catalogFilters(search));
    questions.push(
      { path: 'courses.list', input, ask: (c) => c.courses.list(input) },
      { path: 'categories.list', input: undefined, ask: (c) => c.categories.list() },
    );
  }
  const lesson = /^\/learn\/([^/]+)\/lessons\/(\d+)\/?$/.exec(pathname);
  if (lesson) {
    const slug = decodeURIComponent(lesson[1]!);
    const lessonId = Number(lesson[2]);
    questions.push(
      { path: 'progress.course', input: { slug }, ask: (c) => c.progress.course({ slug }) },
      { path: 'progress.lesson', input: { lessonId }, ask: (c) => c.progress.lesson({ lessonId }) },
    );
  }
  return questions;
}

/**
 * The answers for this URL, asked as the reader (their session) in the default language (the
 * reader's chosen one lives in their browser; the web app drops answers made in another). A query
 * that fails (a visitor on a lesson, an unknown course) is left for the web app to ask and show.
 */
export async function firstScreenPayload(url: string, ctx: Context): Promise<FirstScreenPayload> {
  const caller = createCaller({ ...ctx, locale: DEFAULT_LOCALE });
  const settled = await Promise.all(
    firstScreenQuestions(url).map(async (q) => {
      try {
        return [{ path: q.path, input: q.input, data: await q.ask(caller) }];
      } catch {
        return [];
      }
    }),
  );
  return { locale: DEFAULT_LOCALE, answers: settled.flat() };
}

/**
 * index.html with the payload in a JSON script element (`<` escaped: no `</script>` can end it),
 * after `head` (preload links).
 */
export function htmlWithFirstScreen(html: string, payload: FirstScreenPayload, head = ''): string {
  const json = JSON.stringify(payload).replace(/</g, '\\u003c');
  const tag = `${head}<script id="${FIRST_SCREEN_ELEMENT_ID}" type="application/json">${json}</script>`;
  return html.includes('</head>') ? html.replace('</head>', `${tag}</head>`) : `${html}${tag}`;
}
