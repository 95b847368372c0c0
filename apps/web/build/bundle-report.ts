// Vite plugin: prints the gzipped size of the JavaScript a visitor downloads before the catalog
// page can render (the entry chunk, the catalog route's lazy chunk, and every chunk they import
// statically), and writes it to dist/bundle-report.json for the budget test. It also checks that the
// lesson text editor (TipTap/ProseMirror) stays in its own lazily loaded chunks: no other chunk may
// import them statically. And the lesson page's initial JavaScript (entry and lesson route chunk),
// with the panels only some lessons need (assignments, H5P/SCORM players) left out of it.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputChunk = Rollup.OutputChunk;

export const CATALOG_BUDGET_BYTES = 150 * 1024;

/** Modules of the rich-text editor's libraries. */
const EDITOR_LIBS =
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(@tiptap|prosemirror-[a-z-]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs)\//;

/**
 * Modules only assignment and package (H5P/SCORM) lessons need: lazily loaded by the lesson page.
 * Their features' routes.tsx (the lazy route declarations the router imports) are not among them.
 */
const LESSON_LAZY = /\/src\/features\/(assignments|packages)\/(?!routes\.tsx$)|node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?scorm-again\//;

export function bundleReport(opts: { routeModule: RegExp; editorModule?: RegExp; lessonModule?: RegExp }): Plugin {
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
      // The editor: its chunk, and any chunk that statically reaches editor code without being the
      // editor's own (a leak: that chunk's page would download TipTap).
      const hasEditorLib = (c: OutputChunk) => Object.keys(c.modules).some((m) => EDITOR_LIBS.test(m));
      const closure = (c: OutputChunk, seen = new Set<string>()): Set<string> => {
        if (seen.has(c.fileName)) return seen;
        seen.add(c.fileName);
        c.imports.forEach((f) => byFile.get(f) && closure(byFile.get(f)!, seen));
        return seen;
      };
      const editorChunk = opts.editorModule
        ? chunks.find((c) => c.facadeModuleId && opts.editorModule!.test(c.facadeModuleId))
        : undefined;
      const editorFiles = editorChunk ? [...closure(editorChunk)] : [];
      const editor = opts.editorModule
        ? {
            chunk: editorChunk?.fileName ?? null,
            libChunks: chunks.filter(hasEditorLib).map((c) => c.fileName),
            gzipBytes: editorFiles
              .filter((f) => hasEditorLib(byFile.get(f)!) || f === editorChunk?.fileName)
              .reduce((n, f) => n + gzipSync(byFile.get(f)!.code, { level: 9 }).length, 0),
            leaks: chunks
              .filter((c) => c !== editorChunk && !hasEditorLib(c))
              .filter((c) => [...closure(c)].some((f) => hasEditorLib(byFile.get(f)!)))
              .map((c) => c.fileName),
            inCatalog: [...files].filter((f) => hasEditorLib(byFile.get(f)!)),
          }
        : null;
      // The lesson page: what it downloads before it can render, and which lazy panels leaked into it.
      const lessonChunk = opts.lessonModule
        ? chunks.find((c) => c.facadeModuleId && opts.lessonModule!.test(c.facadeModuleId))
        : undefined;
      const lessonFiles = lessonChunk ? [...closure(lessonChunk, entry ? closure(entry) : new Set())] : [];
      const lesson = lessonChunk
        ? {
            chunk: lessonChunk.fileName,
            files: lessonFiles,
            gzipBytes: lessonFiles.reduce((n, f) => n + gzipSync(byFile.get(f)!.code, { level: 9 }).length, 0),
            lazyModulesIn: lessonFiles.flatMap((f) =>
              Object.keys(byFile.get(f)!.modules)
                .filter((m) => LESSON_LAZY.test(m))
                .map((m) => path.relative(process.cwd(), m)),
            ),
          }
        : null;
      Object.assign(report, { editor, lesson });
      fs.writeFileSync(path.join(outDir, 'bundle-report.json'), JSON.stringify(report, null, 2));
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = gzip <= CATALOG_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(
        `\n[bundle] catalog page initial JS: ${kb(gzip)} gzipped (${files.size} chunks) — ${verdict} the ${kb(CATALOG_BUDGET_BYTES)} budget` +
          (route ? '' : ' (catalog route chunk not found: entry only)'),
      );
      if (lesson) {
        console.log(
          `[bundle] lesson page initial JS: ${kb(lesson.gzipBytes)} gzipped (${lesson.files.length} chunks)` +
            (lesson.lazyModulesIn.length ? ` — with ${lesson.lazyModulesIn.length} module(s) meant to load lazily` : ''),
        );
      }
      if (editor) {
        console.log(
          `[bundle] lesson text editor: ${kb(editor.gzipBytes)} gzipped in its own chunks` +
            (editor.leaks.length ? ` — LEAKS into ${editor.leaks.join(', ')}` : ''),
        );
      }
    },
  };
}
