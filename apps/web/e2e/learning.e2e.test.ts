// The learning path in the browser, at 360 px: a new (verified) student logs in, enrols in the demo
// course, follows every lesson (a lesson quiz included), passes the final quiz, downloads the
// certificate, and its verification page says it is valid.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn, registerVerified } from './helpers';

const SLUG = 'gouvernance-associative-fondamentaux';

async function completeCurrentLesson(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByTestId('complete-lesson').click();
}

/** Video and audio lessons (real demo files) complete by being played to the end, then move on. */
async function playToEnd(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.evaluate(async () => {
    const m = document.querySelector('video, audio') as HTMLMediaElement;
    m.muted = true;
    const ended = new Promise((resolve) => m.addEventListener('ended', resolve, { once: true }));
    await m.play();
    await ended;
  });
  await page.getByText('Leçon terminée').waitFor();
  await page.getByTestId('next-lesson').click();
}

describe('learning path in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enrols, completes the lessons and the final quiz, and downloads the certificate', async () => {
    const baseUrl = inject('baseUrl');
    const email = `e2e-learner-${Date.now()}@mdsc.test`;
    const password = 'Karité-Et-Néré-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Aïssatou', lastName: 'Ouédraogo' });

    const page = await browser.newPage({ viewport: VIEWPORTS.phone, acceptDownloads: true });
    await dismissCelebrations(page);
    await logIn(page, baseUrl, email, { password, next: `/courses/${SLUG}` });

    // Enrol from the course page; the course path opens with module 2 locked.
    await page.getByTestId('enrol').click();
    await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
    const outline = page.getByTestId('course-outline');
    await outline.waitFor();
    await expect(outline.getByText('Verrouillé').count()).resolves.toBeGreaterThan(0);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learning-path-phone');

    await page.getByTestId('resume').click();
    await completeCurrentLesson(page, 'Qu’est-ce que la gouvernance ?');
    await playToEnd(page, 'Les organes d’une association');

    // The lesson quiz: passing it completes the lesson and opens module 2.
    await page.getByRole('heading', { level: 1, name: 'Quiz : les organes' }).waitFor();
    await page.getByRole('link', { name: 'Passer le quiz' }).click();
    await page.getByTestId('start-quiz').click();
    const form = page.getByTestId('quiz-form');
    await form.getByLabel('L’assemblée générale des membres').check();
    await form.getByRole('group', { name: /Le règlement intérieur peut contredire les statuts/ }).getByLabel('Faux').check();
    await form.getByLabel('Le bureau exécutif').check();
    await fitsPhoneWidth(page);
    await screenshot(page, 'learning-quiz-phone');
    await page.getByTestId('submit-quiz').click();
    await expect(page.getByTestId('quiz-result').textContent()).resolves.toContain('Réussi');
    await page.getByRole('link', { name: 'Retour à la leçon' }).click();
    await page.getByText('Quiz réussi : leçon validée.').waitFor();
    await page.getByTestId('next-lesson').click();

    await completeCurrentLesson(page, 'Rendre compte à ses membres');
    await playToEnd(page, 'Écoute : ouverture de l’assemblée générale');
    await completeCurrentLesson(page, 'Modèle de rapport annuel');
    await page.getByRole('heading', { level: 1, name: 'Modèle de rapport annuel' }).waitFor();
    await page.getByText('Leçon terminée').waitFor();

    // The final quiz, with its timer.
    await page.goto(`${baseUrl}/learn/${SLUG}`);
    await page.getByRole('link', { name: 'Passer l’évaluation finale' }).click();
    await page.getByTestId('start-quiz').click();
    await page.getByRole('timer').waitFor();
    await page.getByTestId('quiz-form').getByLabel('Présenter chaque année les comptes aux membres').check();
    await page.getByRole('group', { name: /conflit d’intérêts/ }).getByLabel('Vrai').check();
    await page.getByRole('group', { name: /cadre juridique/ }).getByRole('textbox').fill('  Les Statuts ');
    await page.getByTestId('submit-quiz').click();
    await expect(page.getByTestId('quiz-result').textContent()).resolves.toContain('100');
    await page.getByTestId('go-completion').click();

    // The certificate, rendered by the in-process worker, downloaded as a PDF.
    const link = page.getByTestId('download-certificate');
    await link.waitFor({ timeout: 30_000 });
    await fitsPhoneWidth(page);
    await screenshot(page, 'learning-completion-phone');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-e2e-cert-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Aïssatou Ouédraogo');
    expect(text).toContain('Gouvernance associative : les fondamentaux');
    fs.rmSync(dir, { recursive: true, force: true });

    // My certificates, then the public verification page the QR code leads to.
    await page.goto(`${baseUrl}/certificates`);
    const verifyLink = page.getByTestId('certificates').getByRole('link', { name: 'Page de vérification' });
    await verifyLink.click();
    await expect(page.getByTestId('verify-result').getAttribute('data-status')).resolves.toBe('valid');
    await page.getByText('Aïssatou Ouédraogo').waitFor();
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learning-verify-phone');

    await page.goto(`${baseUrl}/learning`);
    await expect(page.getByTestId('my-courses').textContent()).resolves.toContain('Certifié');
    await page.close();
  });
});
