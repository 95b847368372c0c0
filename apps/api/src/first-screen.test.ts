import { FIRST_SCREEN_ELEMENT_ID } from '@mdsc/validators';
import { describe, expect, it } from 'vitest';
import { firstScreenQuestions, htmlWithFirstScreen, routePreloads, type ViteManifest } from './first-screen';

const manifest: ViteManifest = {
  'index.html': { file: 'assets/index-A.js', isEntry: true, imports: ['_i18n.js'], css: ['assets/index-A.css'] },
  '_i18n.js': { file: 'assets/i18n-B.js' },
  '_card.js': { file: 'assets/CourseCard-C.js', imports: ['_i18n.js'], css: ['assets/card-C.css'] },
  'src/features/catalog/CatalogPage.tsx': { file: 'assets/CatalogPage-D.js', imports: ['_card.js', '_i18n.js'] },
  'src/features/learning/LessonPage.tsx': { file: 'assets/LessonPage-E.js', css: ['assets/LessonPage-E.css'] },
};

describe('first screen (server side)', () => {
  it("asks each page's first queries: who the reader is, then the catalog's or the lesson's", () => {
    const paths = (url: string) => firstScreenQuestions(url).map((q) => [q.path, q.input]);
    expect(paths('/courses?category=2&q=budget')).toEqual([
      ['auth.me', undefined],
      ['courses.list', { q: 'budget', categoryId: 2, difficulty: undefined, language: undefined, pricing: undefined, sort: 'newest', limit: 20 }],
      ['categories.list', undefined],
    ]);
    expect(paths('/learn/gouvernance/lessons/12')).toEqual([
      ['auth.me', undefined],
      ['progress.course', { slug: 'gouvernance' }],
      ['progress.lesson', { lessonId: 12 }],
    ]);
    expect(paths('/profile')).toEqual([['auth.me', undefined]]);
  });

  it("preloads a page's route chunk and what it imports, not what index.html already loads", () => {
    expect(routePreloads(manifest, '/courses?q=x')).toBe(
      '<link rel="modulepreload" crossorigin href="/assets/CatalogPage-D.js">' +
        '<link rel="modulepreload" crossorigin href="/assets/CourseCard-C.js">' +
        '<link rel="preload" as="style" crossorigin href="/assets/card-C.css">',
    );
    expect(routePreloads(manifest, '/learn/x/lessons/3')).toContain('LessonPage-E.css');
    expect(routePreloads(manifest, '/profile')).toBe('');
    expect(routePreloads(null, '/courses')).toBe('');
  });

  it('puts the answers in the head, with no way for the data to close the script element', () => {
    const html = htmlWithFirstScreen('<html><head><title>t</title></head><body></body></html>', {
      locale: 'fr',
      answers: [{ path: 'auth.me', input: undefined, data: { name: '</script><script>alert(1)</script>' } }],
    });
    expect(html).toMatch(new RegExp(`<script id="${FIRST_SCREEN_ELEMENT_ID}" type="application/json">[^<]*</script></head>`));
    const json = /type="application\/json">(.*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json).answers[0].data.name).toBe('</script><script>alert(1)</script>');
  });
});
