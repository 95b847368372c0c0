// The catalog page's initial JavaScript stays under 150 KB gzipped (issue 8), and so does the lesson
// page's, without the assignment and H5P/SCORM panels only some lessons need (issue 17: they are
// lazily loaded). The e2e global setup has just built the app; the build's bundle-report plugin
// measured it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

describe('bundle budget', () => {
  it('keeps the catalog route initial JS under 150 KB gzipped', () => {
    const report = JSON.parse(fs.readFileSync(path.join(dist, 'bundle-report.json'), 'utf8')) as {
      route: string | null;
      files: string[];
      gzipBytes: number;
      budgetBytes: number;
    };
    expect(report.route, 'the catalog route must be its own lazily loaded chunk').toMatch(/CatalogPage\.tsx$/);
    expect(report.files.length).toBeGreaterThan(1);
    expect(report.budgetBytes).toBe(150 * 1024);
    expect(report.gzipBytes).toBeLessThanOrEqual(report.budgetBytes);
  });

  it('keeps the lesson text editor (TipTap/ProseMirror) in its own lazily loaded chunk', () => {
    const { editor } = JSON.parse(fs.readFileSync(path.join(dist, 'bundle-report.json'), 'utf8')) as {
      editor: { chunk: string | null; libChunks: string[]; leaks: string[]; inCatalog: string[] } | null;
    };
    expect(editor?.chunk, 'the editor must be loaded with a dynamic import').toMatch(
      /RichTextEditor-[\w-]+\.js$/,
    );
    expect(editor!.libChunks.length).toBeGreaterThan(0);
    // No page other than the editor's imports TipTap statically, the catalog and the learner's included.
    expect(editor!.leaks).toEqual([]);
    expect(editor!.inCatalog).toEqual([]);
  });

  it('keeps the lesson page initial JS under 150 KB gzipped, without the assignment and package panels', () => {
    const { lesson } = JSON.parse(fs.readFileSync(path.join(dist, 'bundle-report.json'), 'utf8')) as {
      lesson: { chunk: string; files: string[]; gzipBytes: number; lazyModulesIn: string[] } | null;
    };
    expect(lesson?.chunk, 'the lesson route must be its own lazily loaded chunk').toMatch(/LessonPage-[\w-]+\.js$/);
    // Assignment submission, H5P and SCORM players (and scorm-again) come with the lessons that use them.
    expect(lesson!.lazyModulesIn).toEqual([]);
    expect(lesson!.gzipBytes).toBeLessThanOrEqual(150 * 1024);
  });
});
