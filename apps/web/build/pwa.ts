// The installable app (vite-plugin-pwa, Workbox's generateSW): the web manifest, and a service
// worker that precaches the app shell, answers client-side routes with index.html, and keeps
// nothing of the API except the files a learner chose to keep offline ("Télécharger pour
// hors-ligne"), which it only reads (the page writes them, see src/features/offline). /trpc is
// never routed through a cache, so no query or mutation answer is ever stored by the worker.
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import { OFFLINE_FILES_CACHE } from '../src/lib/offline-names.ts';

export function pwa() {
  return VitePWA({
    registerType: 'prompt',
    // Registered from src/features/pwa (lazily, after the first render): nothing injected in index.html.
    injectRegister: false,
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
    manifest: {
      id: '/',
      name: 'MdSC MOOC — formations de la société civile',
      short_name: 'MdSC MOOC',
      description: 'Cours en ligne, quiz, badges et certificats vérifiables, même hors connexion.',
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0f5e9c',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The shell and every route's code, so any page opens offline (≈ 370 KB gzipped, fetched once
      // in the background), except what needs the network anyway or only authors use: the lesson
      // editor (TipTap), the SCORM runtime and the H5P player (h5p-player/, not listed).
      globPatterns: ['index.html', 'assets/*.{js,css}', 'favicon.svg', 'icons/*.png'],
      globIgnores: ['assets/RichTextEditor-*', 'assets/scorm-again-*'],
      maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/trpc/, /^\/api\//, /^\/healthz/, /^\/\.well-known\//],
      cleanupOutdatedCaches: true,
      // The first service worker takes the open page at once (an update still waits for the prompt).
      clientsClaim: true,
      runtimeCaching: [
        {
          // Lesson files (/api/media/<id>): the network first; offline, the copy the learner kept.
          // Never written here: only "Télécharger pour hors-ligne" stores files, for the signed-in
          // learner, and logging out deletes them.
          urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/media/'),
          method: 'GET',
          handler: keptFileHandler,
        },
      ],
    },
  });
}

/**
 * Serialised into the service worker by Workbox (so it may not use anything from this module):
 * hence the cache's name written out, checked against the page's below.
 */
type Handler = NonNullable<NonNullable<VitePWAOptions['workbox']>['runtimeCaching']>[number]['handler'];
const keptFileHandler: Handler = async ({ request }) => {
  try {
    return await fetch(request);
  } catch (err) {
    const cache = await caches.open('mdsc-offline-files');
    const kept = await cache.match(request.url, { ignoreVary: true, ignoreSearch: true });
    if (!kept) throw err;
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('range') ?? '');
    if (!range) return kept;
    // Audio and video ask for byte ranges: cut them from the kept file.
    const body = await kept.blob();
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), body.size - 1) : body.size - 1;
    return new Response(body.slice(start, end + 1), {
      status: 206,
      headers: {
        'content-type': kept.headers.get('content-type') ?? 'application/octet-stream',
        'content-range': `bytes ${start}-${end}/${body.size}`,
        'content-length': String(end - start + 1),
      },
    });
  }
};
if (!keptFileHandler.toString().includes(OFFLINE_FILES_CACHE)) {
  throw new Error(`the service worker's file handler must read the cache ${OFFLINE_FILES_CACHE}`);
}
