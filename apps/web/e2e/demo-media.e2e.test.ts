// A demo that plays (issue 12): every lesson of the demo courses opens in Chromium without a media
// error — videos and audio load real data (readyState ≥ 2), documents are served as PDF — in the
// embedded mode the e2e API runs in. The demo instructor previews each lesson of the courses.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth } from './helpers';

interface EditorLesson {
  id: number;
  title: string;
  contentType: string;
  content: {
    media: { url: string; fileType: string } | null;
    videoUrl: string | null;
    contentUrl: string | null;
  } | null;
}

async function trpcQuery<T>(page: Page, proc: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([p, i]) => {
      const res = await fetch(i === undefined ? `/trpc/${p}` : `/trpc/${p}?input=${encodeURIComponent(JSON.stringify(i))}`);
      const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
      if (!res.ok) throw new Error(`${p}: ${JSON.stringify(body.error)}`);
      return body.result!.data;
    },
    [proc, input] as const,
  ) as Promise<T>;
}

describe('the demo plays', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens every lesson of the demo courses without a media error', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    const mediaErrors: string[] = [];
    page.on(
      'console',
      (m) => m.type() === 'error' && /media|video|audio|pdf/i.test(m.text()) && mediaErrors.push(m.text()),
    );
    await page.goto(`${baseUrl}/login?next=%2Finstructor`);
    await page.getByLabel('Adresse e-mail').fill('instructeur@mdsc.test');
    await page.getByLabel('Mot de passe').fill('Demo-2026!');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes cours' }).waitFor();

    const mine = await trpcQuery<{ id: number; slug: string; thumbnailUrl: string | null }[]>(
      page,
      'courses.mine',
      undefined,
    );
    const demo = mine.filter((c) =>
      ['gouvernance-associative-fondamentaux', 'plaidoyer-mobilisation-citoyenne'].includes(c.slug),
    );
    expect(demo).toHaveLength(2);
    const seen = { video: 0, audio: 0, document: 0, other: 0 };
    for (const course of demo) {
      // The course image is a real image, served as one.
      expect(course.thumbnailUrl).toMatch(/^\/api\/media\/\d+$/);
      const img = await page.request.get(`${baseUrl}${course.thumbnailUrl}`);
      expect(img.status()).toBe(200);
      expect(img.headers()['content-type']).toMatch(/^image\//);

      const editor = await trpcQuery<{
        modules: { lessons: EditorLesson[] }[];
        courseLessons: EditorLesson[];
        problems: unknown[];
      }>(page, 'courses.editor', { id: course.id });
      expect(editor.problems).toEqual([]);
      const lessons = [...editor.modules.flatMap((m) => m.lessons), ...editor.courseLessons];
      for (const lesson of lessons) {
        await page.goto(`${baseUrl}/learn/${course.slug}/lessons/${lesson.id}`);
        await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
        await page.getByTestId('lesson-body').waitFor();
        if (lesson.contentType === 'video' || lesson.contentType === 'audio') {
          seen[lesson.contentType]++;
          const selector = lesson.contentType === 'video' ? 'video' : 'audio';
          // Loads real data: at least the current frame (HAVE_CURRENT_DATA), and never an error.
          await page.waitForFunction(
            (sel) => {
              const m = document.querySelector(sel) as HTMLMediaElement | null;
              if (m && !m.getAttribute('preload')?.includes('auto')) m.preload = 'auto';
              return !!m && (m.readyState >= 2 || m.error !== null);
            },
            selector,
            { timeout: 15_000 },
          );
          const state = await page.evaluate((sel) => {
            const m = document.querySelector(sel) as HTMLMediaElement;
            return {
              readyState: m.readyState,
              error: m.error?.code ?? null,
              duration: m.duration,
              src: m.currentSrc,
            };
          }, selector);
          expect(state.error, `${lesson.title}: ${state.src}`).toBeNull();
          expect(state.readyState, lesson.title).toBeGreaterThanOrEqual(2);
          expect(state.duration).toBeGreaterThan(3);
          expect(state.src).toMatch(/\/api\/media\/\d+$/);
          if (lesson.contentType === 'video') await screenshot(page, 'demo-video-lesson-phone');
        } else if (lesson.contentType === 'document') {
          seen.document++;
          const url = lesson.content?.media?.url;
          expect(url).toMatch(/^\/api\/media\/\d+$/);
          const pdf = await page.request.get(`${baseUrl}${url}`);
          expect(pdf.status()).toBe(200);
          expect(pdf.headers()['content-type']).toBe('application/pdf');
          expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
          // The inline frame shows the PDF, not the web app's "page not found".
          await page.locator('.lesson-body iframe').waitFor();
          if (seen.document === 1) await screenshot(page, 'demo-document-lesson-phone');
        } else {
          seen.other++;
        }
        await fitsPhoneWidth(page);
      }
    }
    expect(seen).toMatchObject({ video: 3, audio: 1, document: 2 });
    expect(seen.other).toBeGreaterThan(0);
    expect(mediaErrors).toEqual([]);
    await page.close();
  });
});
