// Builds a Node app of the monorepo (apps/api, apps/worker) into dist/main.js with esbuild: our
// workspace packages (@mdsc/*, TypeScript sources) are bundled; third-party packages stay outside
// the bundle and are imported from where pnpm installed them, by a path relative to dist/, so that
// the app keeps using the exact versions resolved for each package. Each bundled file's
// `import.meta.url` still names its source file: createRequire(), asset and JSON reads next to the
// sources (pdfmake fonts, JSON-LD contexts, demo media) resolve as they do under tsx.
// Decorators (sequelize-typescript models): esbuild reads experimentalDecorators from each
// package's tsconfig; it emits no decorator metadata, hence explicit DataTypes (STACK-NOTES.md).
// Usage: node tooling/build/node-app.mjs <app dir> [entry ...]   (entries default to src/main.ts)
import fs from 'node:fs/promises';
import path from 'node:path';

import { createRequire } from 'node:module';

const appDir = path.resolve(process.argv[2] ?? '.');
const entries = process.argv.length > 3 ? process.argv.slice(3) : ['src/main.ts'];
const outdir = path.join(appDir, 'dist');
const toPosix = (p) => p.split(path.sep).join('/');
// esbuild is a dev dependency of each app (pinned in the catalog), resolved from the app.
const { build } = createRequire(path.join(appDir, 'package.json'))('esbuild');

/** Bare imports of third-party packages: external, by their installed path relative to dist/. */
const externals = {
  name: 'installed-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@mdsc/') || args.path.startsWith('node:') || args.pluginData === 'inner') return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
      if (r.errors.length) return { errors: r.errors };
      if (!r.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined; // a Node builtin or our own
      let rel = toPosix(path.relative(outdir, r.path));
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
  },
};

/** `import.meta.url` of each bundled source: its own file URL, relative to the bundle's. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = toPosix(path.relative(outdir, args.path));
      const own = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const started = performance.now();
await fs.rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: appDir,
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  splitting: false,
  metafile: true,
  logLevel: 'warning',
  // CommonJS code left inside the bundle may call require(): give ESM output one.
  banner: { js: "import { createRequire as __mdscCreateRequire } from 'node:module'; const require = __mdscCreateRequire(import.meta.url);" },
  plugins: [externals, sourceUrls],
});
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
console.log(`built ${path.relative(process.cwd(), outdir) || outdir} (${(bytes / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
