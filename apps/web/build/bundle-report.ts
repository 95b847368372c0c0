// Vite plugin: prints the gzipped size of the JavaScript a visitor downloads before the catalog
// page can render (the entry chunk, the catalog route's lazy chunk, and every chunk they import
// statically), and writes it to dist/bundle-report.json for the budget test.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

export const CATALOG_BUDGET_BYTES = 150 * 1024;

export function bundleReport(opts: { routeModule: RegExp }): Plugin {
  let outDir = 'dist';
  return {
    name: 'mdsc-bundle-report',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle: Rollup.OutputBundle) {
      const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      const route = chunks.find((c) => c.facadeModuleId && opts.routeModule.test(c.facadeModuleId));
      const files = new Set<string>();
      const visit = (c: OutputChunk | undefined) => {
        if (!c || files.has(c.fileName)) return;
        files.add(c.fileName);
        c.imports.forEach((f) => visit(byFile.get(f)));
      };
      visit(entry);
      visit(route);
      const gzip = [...files].reduce((n, f) => n + gzipSync(byFile.get(f)!.code, { level: 9 }).length, 0);
      const report = {
        route: route?.facadeModuleId ? path.relative(process.cwd(), route.facadeModuleId) : null,
        files: [...files],
        gzipBytes: gzip,
        budgetBytes: CATALOG_BUDGET_BYTES,
      };
      fs.writeFileSync(path.join(outDir, 'bundle-report.json'), JSON.stringify(report, null, 2));
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = gzip <= CATALOG_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(
        `\n[bundle] catalog page initial JS: ${kb(gzip)} gzipped (${files.size} chunks) — ${verdict} the ${kb(CATALOG_BUDGET_BYTES)} budget` +
          (route ? '' : ' (catalog route chunk not found: entry only)'),
      );
    },
  };
}
