import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleReport } from './build/bundle-report.ts';
import { h5pPlayerAssets } from './build/h5p-player.ts';

const api = process.env.VITE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    h5pPlayerAssets(),
    bundleReport({
      routeModule: /features\/catalog\/CatalogPage\.tsx$/,
      editorModule: /features\/authoring\/rich-editor\/RichTextEditor\.tsx$/,
    }),
  ],
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/api': api, '/healthz': api, '/.well-known': api },
  },
  build: { target: 'es2022', sourcemap: false },
});
