import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleReport } from './build/bundle-report.ts';
import { h5pPlayerAssets } from './build/h5p-player.ts';
import { precompress } from './build/precompress.ts';
import { pwa } from './build/pwa.ts';

const api = process.env.VITE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    h5pPlayerAssets(),
    pwa(),
    bundleReport({
      routeModule: /features\/catalog\/CatalogPage\.tsx$/,
      editorModule: /features\/authoring\/rich-editor\/RichTextEditor\.tsx$/,
      lessonModule: /features\/learning\/LessonPage\.tsx$/,
    }),
    precompress(),
  ],
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/api': api, '/healthz': api, '/.well-known': api },
  },
  // manifest: the API preloads a page's route chunk with the page (apps/api/src/first-screen.ts).
  build: { target: 'es2022', sourcemap: false, manifest: true },
});
