// Issue 17 (installable and offline), at 360 px: a new learner enrols, downloads the course for
// offline use, goes offline (Playwright's setOffline), opens a downloaded text lesson and a PDF from
// the kept copy, completes the lesson offline; back online the completion is replayed and recorded
// by the server. Then a new version of the service worker brings up the update prompt.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import {
  callInPage,
  enrolWithDemoVoucher,
  fitsPhoneWidth,
  logIn,
  trpcMutation,
  waitForMail,
} from './helpers';

const SLUG = 'plaidoyer-mobilisation-citoyenne';
const TEXT_LESSON = 'Du problème à l’objectif de plaidoyer';
const PDF_LESSON = 'Fiche pratique : matrice pouvoir-intérêt';
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

type LessonView = {
  lesson: { content: { media: { url: string } | null } | null };
  progress: { status: string } | null;
};

async function newLearner(baseUrl: string): Promise<string> {
  const email = `e2e-offline-${Date.now()}@mdsc.test`;
  await trpcMutation(baseUrl, 'auth.register', {
    email,
    password: 'Karité-Hors-Ligne-2026',
    firstName: 'Afi',
    lastName: 'Houngbo',
  });
  const mail = await waitForMail(inject('dataDir'), email, /verify-email\?token=/);
  await trpcMutation(baseUrl, 'auth.verifyEmail', {
    token: /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail)![1],
  });
  return email;
}

/** The service worker controls the page (it was installed, precached the shell and claimed it). */
async function controlledBySW(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 })
    .toBe(true);
}

/** The lesson's href in the course outline, by its title. */
async function lessonHref(page: Page, title: string): Promise<string> {
  const href = await page
    .getByTestId('course-outline')
    .getByRole('link', { name: new RegExp(`^${title}`) })
    .getAttribute('href');
  return href!;
}

describe('installable and offline', () => {
  let browser: Browser;
  let phone: BrowserContext;
  let desktop: BrowserContext;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('360 px: downloads a course, reads a text lesson and a PDF offline, and a lesson completed offline is recorded once online', async () => {
    const baseUrl = inject('baseUrl');
    const email = await newLearner(baseUrl);
    phone = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await phone.newPage();
    await dismissCelebrations(page);
    await logIn(page, baseUrl, email, { password: 'Karité-Hors-Ligne-2026', next: `/courses/${SLUG}` });
    await controlledBySW(page);
    // Installable: the manifest the page links to names the app in French, with its icons.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      return (await fetch(href)).json() as Promise<{
        name: string;
        short_name: string;
        display: string;
        start_url: string;
        icons: { sizes: string; purpose: string }[];
      }>;
    });
    expect(manifest).toMatchObject({ short_name: 'MdSC MOOC', display: 'standalone', start_url: '/' });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    // Chromium's own installability check (what Lighthouse's "installable" audit reads); a
    // Playwright context is an incognito profile, the one thing it may not be installed from.
    const cdp = await phone.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await cdp.detach();

    // A priced course: the learner's seat is sponsored (the demo voucher).
    await enrolWithDemoVoucher(page, baseUrl, SLUG);
    const panel = page.getByTestId('offline-panel');
    await panel.getByTestId('offline-download').click();
    // The size before starting, and the space the site uses on this device.
    await expect
      .poll(() => panel.getByTestId('offline-estimate').textContent())
      .toMatch(/^À télécharger : environ [\d,]+\s(ko|Mo) \(\d leçons, \d+ fichiers?\)\.$/);
    await panel.getByTestId('offline-storage').waitFor();
    // The lesson video, with its 360p and sound-only renditions once the worker has made them.
    expect(await panel.getByText(/Audio et vidéo : (1 fichier|3 fichiers), [\d,]+\s(ko|Mo) de plus\./).count()).toBe(1);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'offline-course-plan-phone');
    await panel.getByTestId('offline-start').click();
    await expect
      .poll(() => panel.getByTestId('offline-saved').textContent(), { timeout: 30_000 })
      .toMatch(/Copie hors-ligne du .+ : [\d,]+\s(ko|Mo), \d leçons\./);
    await panel.getByTestId('offline-remove').waitFor();
    await screenshot(page, 'offline-course-saved-phone');

    const textUrl = `${baseUrl}${await lessonHref(page, TEXT_LESSON)}`;
    const pdfUrl = `${baseUrl}${await lessonHref(page, PDF_LESSON)}`;
    const textId = Number(textUrl.split('/').pop());
    const pdfView = await callInPage<LessonView>(
      page,
      'progress.lesson',
      { lessonId: Number(pdfUrl.split('/').pop()) },
      'GET',
    );
    const pdfFile = pdfView.lesson.content!.media!.url;

    // A second device view (desktop) with the same session checks the server while the phone is offline.
    desktop = await browser.newContext({ viewport: VIEWPORTS.desktop });
    await desktop.addCookies(await phone.cookies());
    const wide = await desktop.newPage();
    await dismissCelebrations(wide);
    await wide.goto(`${baseUrl}/learn/${SLUG}`);
    await wide.getByTestId('offline-panel').waitFor();
    await screenshot(wide, 'offline-course-panel-desktop');
    const serverStatus = async () =>
      (await callInPage<LessonView>(wide, 'progress.lesson', { lessonId: textId }, 'GET')).progress?.status;

    await phone.setOffline(true);
    // A full page load: the service worker serves the app shell, the lesson comes from the copy.
    await page.goto(textUrl);
    await page.getByTestId('lesson-title').getByText(TEXT_LESSON).waitFor();
    await expect.poll(() => page.getByTestId('lesson-body').innerText()).toMatch(/plaidoyer/i);
    await page.getByTestId('offline-badge').waitFor();
    await page.getByText('Vous êtes hors ligne.', { exact: false }).waitFor();
    await fitsPhoneWidth(page);
    await screenshot(page, 'offline-text-lesson-phone');

    await page.goto(pdfUrl);
    await page.getByTestId('lesson-title').getByText(PDF_LESSON).waitFor();
    await page.locator(`iframe[src="${pdfFile}"]`).waitFor({ state: 'attached' });
    // The document itself, through the service worker, from the kept copy.
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const head = new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5));
      return { status: res.status, type: res.headers.get('content-type'), head };
    }, pdfFile);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // Complete the text lesson offline: kept, shown as waiting, not yet on the server.
    await page.goto(textUrl);
    await page.getByTestId('complete-lesson').click();
    await page.getByTestId('complete-pending').waitFor();
    await expect
      .poll(() => page.getByTestId('sync-pending').textContent())
      .toBe('1 étape de progression attend d’être envoyée.');
    expect(await serverStatus()).not.toBe('completed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'offline-completion-queued-phone');

    // Back online: the queue replays the completion, the server records it, the page follows.
    await phone.setOffline(false);
    await expect.poll(serverStatus, { timeout: 30_000 }).toBe('completed');
    await page.getByTestId('lesson-title').waitFor();
    await expect.poll(() => page.getByTestId('sync-pending').count(), { timeout: 30_000 }).toBe(0);
    await page.getByText('Leçon terminée').first().waitFor();
    expect(await page.getByTestId('offline-badge').count()).toBe(0);

    // Deleting the copy empties it.
    await page.goto(`${baseUrl}/learn/${SLUG}`);
    await page.getByTestId('offline-remove').click();
    await page.getByTestId('offline-download').getByText('Télécharger pour hors-ligne').waitFor();
    expect(
      await page.evaluate(async () => (await (await caches.open('mdsc-offline-files')).keys()).length),
    ).toBe(0);
    await wide.close();
  });

  it('a new version waiting: "Nouvelle version disponible — Recharger" loads it', async () => {
    const baseUrl = inject('baseUrl');
    const swFile = path.join(dist, 'sw.js');
    const original = fs.readFileSync(swFile, 'utf8');
    // A deployment writes the script and the compressed copies the server prefers (build/precompress).
    const deploy = (text: string) => {
      fs.writeFileSync(swFile, text);
      fs.writeFileSync(`${swFile}.br`, zlib.brotliCompressSync(text));
      fs.writeFileSync(`${swFile}.gz`, zlib.gzipSync(text));
    };
    try {
      expect(phone && desktop, 'the first test opened both contexts').toBeTruthy();
      for (const [name, context] of [
        ['phone', phone],
        ['desktop', desktop],
      ] as const) {
        const page = await context.newPage();
        await dismissCelebrations(page);
        await page.goto(`${baseUrl}/learn/${SLUG}`);
        await controlledBySW(page);
        if (name === 'desktop') {
          // The header badge and the banner follow the connection, without a reload.
          await page.getByTestId('offline-panel').waitFor();
          await context.setOffline(true);
          await page.getByTestId('offline-badge').waitFor();
          await page.getByText('Vous êtes hors ligne.', { exact: false }).waitFor();
          await screenshot(page, 'offline-banner-desktop');
          await context.setOffline(false);
          await expect.poll(() => page.getByTestId('offline-badge').count()).toBe(0);
        }
        // A deployment: the service worker's script changes; the browser finds it on its update check.
        deploy(`${original}\n// deployed ${name} ${Date.now()}\n`);
        await page.evaluate(async () => void (await (await navigator.serviceWorker.ready).update()));
        const prompt = page.getByTestId('update-prompt');
        await prompt.waitFor({ timeout: 30_000 });
        expect(await prompt.innerText()).toMatch(/Nouvelle version disponible\s+Recharger/);
        if (name === 'phone') await fitsPhoneWidth(page);
        await screenshot(page, `update-prompt-${name}`);
        if (name === 'desktop') {
          // Recharger: the waiting worker takes over and the page reloads on the new version.
          const reloaded = page.waitForEvent('load');
          await prompt.getByRole('button', { name: 'Recharger' }).click();
          await reloaded;
          await page.getByTestId('offline-panel').waitFor();
          expect(await page.getByTestId('update-prompt').count()).toBe(0);
        }
        await page.close();
      }
    } finally {
      deploy(original);
      await phone?.close();
      await desktop?.close();
    }
  });
});
