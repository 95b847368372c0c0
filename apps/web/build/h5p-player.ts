// h5p-standalone's player assets (main.bundle.js, frame.bundle.js, styles, fonts, images) served
// from our own origin under /h5p-player/ (the player page, /api/h5p-player.html, loads them): copied from node_modules into the build, and served from there by the
// dev server. No CDN.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const PREFIX = '/h5p-player/';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.png': 'image/png',
};

function distDir(): string {
  return path.join(path.dirname(require.resolve('h5p-standalone/package.json')), 'dist');
}

function walk(dir: string, base = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name), `${base}${e.name}/`) : [`${base}${e.name}`],
    );
}

export function h5pPlayerAssets(): Plugin {
  return {
    name: 'mdsc-h5p-player-assets',
    configureServer(server) {
      const dir = distDir();
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(PREFIX)) return next();
        const file = path.resolve(dir, '.' + url.slice(PREFIX.length - 1));
        if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) return next();
        res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      const dir = distDir();
      for (const rel of walk(dir)) {
        if (rel.endsWith('.d.ts') || rel.endsWith('.LICENSE.txt')) continue;
        this.emitFile({
          type: 'asset',
          fileName: `h5p-player/${rel}`,
          source: fs.readFileSync(path.join(dir, rel)),
        });
      }
    },
  };
}
