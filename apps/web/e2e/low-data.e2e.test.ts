// Issue 17, low-data mode: on by default when the browser says Save-Data; a video lesson then
// loads nothing before play (poster frame only), offers the worker's light rendition and the sound
// alone, never autoplays; course images come as the worker's small thumbnails. Turned off in the
// profile, the original video and the full image (srcset) come back. The demo's videos get their
// renditions from the worker at start-up (embedded mode, Debian's ffmpeg).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { callInPage, fitsPhoneWidth, logIn } from './helpers';

interface Rendition {
  kind: string;
  url: string;
  height: number | null;
}
interface EditorLesson {
  id: number;
  contentType: string;
  content: { media: { id: number; url: string; renditions: Rendition[] } | null } | null;
}

const COURSE = 'gouvernance-associative-fondamentaux';

/** Chromium reports no Save-Data on its own: the page sees the hint a phone with data saver gives. */
async function saveDataPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'connection', {
      configurable: true,
      value: Object.assign(new EventTarget(), { saveData: true, effectiveType: '4g' }),
    });
  });
  return page;
}

describe('low-data mode', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('360 px: on by default with Save-Data; the video lesson offers the light rendition and the sound alone, loads nothing before play', async () => {
    const baseUrl = inject('baseUrl');
    const page = await saveDataPage(browser, VIEWPORTS.phone);
    await logIn(page, baseUrl, 'instructeur@mdsc.test', { next: '/profile' });

    const toggle = page.getByTestId('low-data-toggle');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await page.getByText('Réglé automatiquement : votre navigateur signale une connexion lente').waitFor();
    await page.locator('#profile-low-data').scrollIntoViewIfNeeded();
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'low-data-setting-phone');

    // The demo's first video lesson, once the worker has made its renditions.
    const mine = await callInPage<{ id: number; slug: string }[]>(page, 'courses.mine', undefined, 'GET');
    const courseId = mine.find((c) => c.slug === COURSE)!.id;
    let lesson: EditorLesson | undefined;
    await expect
      .poll(
        async () => {
          const editor = await callInPage<{ modules: { lessons: EditorLesson[] }[] }>(page, 'courses.editor', { id: courseId }, 'GET');
          lesson = editor.modules.flatMap((m) => m.lessons).find((l) => l.contentType === 'video' && l.content?.media);
          return lesson?.content?.media?.renditions.map((r) => r.kind) ?? [];
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(['audio', 'poster', 'video_low']);
    const media = lesson!.content!.media!;
    const low = media.renditions.find((r) => r.kind === 'video_low')!;

    const videoRequests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url()).pathname;
      if (url === media.url || url.endsWith('/renditions/video_low') || url.endsWith('/renditions/audio')) videoRequests.push(url);
    });
    await page.goto(`${baseUrl}/learn/${COURSE}/lessons/${lesson!.id}`);
    const video = page.getByTestId('lesson-video');
    await video.waitFor();
    expect(await video.getAttribute('src')).toBe(low.url);
    expect(await video.getAttribute('preload')).toBe('none');
    expect(await video.getAttribute('poster')).toBe(`/api/media/${media.id}/renditions/poster`);
    expect(await video.evaluate((v: HTMLVideoElement) => ({ autoplay: v.autoplay, paused: v.paused }))).toEqual({
      autoplay: false,
      paused: true,
    });
    await page.getByTestId('low-data-note').getByText(`version allégée (${low.height}p)`).waitFor();
    // The poster is shown; no byte of the video itself is fetched until the learner presses play.
    await page.waitForTimeout(1000);
    expect(videoRequests).toEqual([]);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'low-data-lesson-phone');

    // "Audio seulement": the sound alone, in an audio player, still nothing loaded before play.
    const audioToggle = page.getByRole('button', { name: 'Audio seulement' });
    await audioToggle.click();
    expect(await audioToggle.getAttribute('aria-pressed')).toBe('true');
    const audio = page.getByTestId('lesson-audio-only');
    expect(await audio.getAttribute('src')).toBe(`/api/media/${media.id}/renditions/audio`);
    expect(await audio.getAttribute('preload')).toBe('none');
    expect(await page.getByTestId('lesson-video').count()).toBe(0);
    // Pressing play fetches the sound alone, and it plays.
    await audio.evaluate((a: HTMLAudioElement) => a.play());
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(2);
    expect(videoRequests.every((u) => u.endsWith('/renditions/audio'))).toBe(true);
    await screenshot(page, 'low-data-lesson-audio-phone');
    await page.close();
  });

  it('1280 px: course images come as small thumbnails in low-data mode, full images with a srcset once it is off', async () => {
    const baseUrl = inject('baseUrl');
    const page = await saveDataPage(browser, VIEWPORTS.desktop);
    await logIn(page, baseUrl, 'instructeur@mdsc.test', { next: '/profile' });
    expect(await page.getByTestId('low-data-toggle').isChecked()).toBe(true);
    await page.locator('#profile-low-data').scrollIntoViewIfNeeded();
    await screenshot(page, 'low-data-setting-desktop');

    await page.goto(`${baseUrl}/courses`);
    const img = page.locator('.course-card img.course-thumb').first();
    await img.waitFor();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    const small = await img.evaluate((i: HTMLImageElement) => ({ src: i.currentSrc, width: i.naturalWidth, srcset: i.srcset }));
    expect(small.src).toMatch(/\/api\/media\/\d+\/thumbnail$/);
    expect(small.width).toBeLessThanOrEqual(480);
    expect(small.srcset).toBe('');
    await screenshot(page, 'low-data-catalog-desktop');

    // The video lesson at desktop width, in low-data mode.
    const mine = await callInPage<{ id: number; slug: string }[]>(page, 'courses.mine', undefined, 'GET');
    const editor = await callInPage<{ modules: { lessons: EditorLesson[] }[] }>(
      page,
      'courses.editor',
      { id: mine.find((c) => c.slug === COURSE)!.id },
      'GET',
    );
    const lesson = editor.modules.flatMap((m) => m.lessons).find((l) => l.contentType === 'video' && l.content?.media)!;
    await page.goto(`${baseUrl}/learn/${COURSE}/lessons/${lesson.id}`);
    await page.getByTestId('lesson-video').waitFor();
    await page.waitForTimeout(500); // the poster
    await screenshot(page, 'low-data-lesson-desktop');

    // Off: the original video, and the full course image offered beside the thumbnail.
    await page.goto(`${baseUrl}/profile`);
    await page.getByTestId('low-data-toggle').uncheck();
    await page.getByRole('button', { name: 'Revenir au réglage automatique' }).waitFor();
    await page.goto(`${baseUrl}/learn/${COURSE}/lessons/${lesson.id}`);
    const video = page.getByTestId('lesson-video');
    await video.waitFor();
    expect(await video.getAttribute('src')).toBe(lesson.content!.media!.url);
    expect(await video.getAttribute('preload')).toBe('metadata');
    expect(await page.getByTestId('low-data-note').count()).toBe(0);
    await page.goto(`${baseUrl}/courses`);
    await img.waitFor();
    const full = await img.evaluate((i: HTMLImageElement) => ({ src: i.getAttribute('src'), srcset: i.srcset }));
    expect(full.src).toMatch(/^\/api\/media\/\d+$/);
    expect(full.srcset).toBe(`${full.src}/thumbnail 480w, ${full.src} 1280w`);
    await page.close();
  });
});
