// Gamification in the browser, at 360 px: a new student completes a lesson; the XP bar in the header
// moves and the badge of the first lesson ("Premier pas", seeded) is celebrated; the achievements
// page lists it with its PDF, the history explains the points; the leaderboard shows the student's
// own rank, and the challenges page their progress.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn, registerVerified } from './helpers';

const SLUG = 'gouvernance-associative-fondamentaux';

const xpOf = async (page: Page) => Number(await page.getByTestId('xp-bar').getAttribute('data-xp'));

describe('gamification in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a student completes a lesson and sees the XP bar move and a badge appear', async () => {
    const baseUrl = inject('baseUrl');
    const email = `e2e-gamer-${Date.now()}@mdsc.test`;
    const password = 'Baobab-Et-Karité-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Comlan', lastName: 'Dossou' });

    const page = await browser.newPage({ viewport: VIEWPORTS.phone, acceptDownloads: true });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await logIn(page, baseUrl, email, { password, next: `/courses/${SLUG}` });

    // A new learner: level 1, no XP.
    const bar = page.getByTestId('xp-bar');
    await bar.waitFor();
    expect(await xpOf(page)).toBe(0);
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('0');

    await page.getByTestId('enrol').click();
    await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
    await page.getByTestId('resume').click();
    await page.getByRole('heading', { level: 1, name: 'Qu’est-ce que la gouvernance ?' }).waitFor();
    await page.getByTestId('complete-lesson').click();

    // The worker pays the lesson (10 XP) and awards the first-lesson badge: the bar moves and the
    // badge is celebrated.
    await page.waitForFunction(() => document.querySelector('[data-testid="xp-bar"]')?.getAttribute('data-xp') === '10', null, {
      timeout: 15_000,
    });
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe(String(Math.floor((10 * 100) / 120)));
    await expect(page.getByTestId('xp-points').textContent()).resolves.toBe('10 XP');
    const dialog = page.getByTestId('badge-celebration');
    await dialog.waitFor({ timeout: 15_000 });
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Nouveau badge : Premier pas');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-badge-phone');
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Celebrated once: a reload does not show it again.
    await page.reload();
    await bar.waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('badge-celebration').count()).toBe(0);

    // The achievements page: the badge (with its PDF) and why the points were earned.
    await page.goto(`${baseUrl}/achievements`);
    const earned = page.getByTestId('earned-badges');
    await earned.getByRole('heading', { name: 'Premier pas' }).waitFor();
    await expect(page.getByTestId('xp-history').textContent()).resolves.toContain('Leçon terminée : Qu’est-ce que la gouvernance ?');
    await expect(page.getByTestId('streak-card').textContent()).resolves.toContain('1 jour d’affilée');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-achievements-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      earned.getByRole('button', { name: 'Télécharger le PDF du badge Premier pas' }).click(),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-e2e-badge-'));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Premier pas');
    expect(text).toContain('Comlan Dossou');
    fs.rmSync(dir, { recursive: true, force: true });

    // The leaderboard shows the learner's own row and rank; the tabs switch boards.
    await page.goto(`${baseUrl}/leaderboard`);
    const board = page.getByTestId('leaderboard');
    await board.locator('tr.me').waitFor();
    await expect(board.locator('tr.me').textContent()).resolves.toContain('Comlan D.');
    await expect(page.getByTestId('my-rank').textContent()).resolves.toMatch(/Votre rang : \d+ \(10 XP\)/);
    await page.getByRole('tab', { name: 'Ce mois-ci' }).click();
    await board.locator('tr.me').waitFor();
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-leaderboard-phone');

    // The weekly "5 lessons" challenge (seeded) counts the lesson.
    await page.goto(`${baseUrl}/challenges`);
    const challenge = page.getByTestId('challenges').locator('li', { hasText: 'Défi de la semaine : 5 leçons' });
    await expect(challenge.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('1');
    await expect(challenge.textContent()).resolves.toContain('Progression : 1 sur 5');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-challenges-phone');
    await page.close();
  });
  it('an admin creates a badge and a challenge from the admin pages', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${baseUrl}/login?next=${encodeURIComponent('/admin/badges')}`);
    await page.getByLabel('Adresse e-mail').fill('admin@mdsc.test');
    await page.getByLabel('Mot de passe').fill('Demo-2026!');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${baseUrl}/admin/badges`);
    await page.getByTestId('admin-badges').getByRole('heading', { name: /Premier pas/ }).waitFor();

    await page.getByRole('button', { name: 'Nouveau' }).click();
    const form = page.getByTestId('badge-form');
    await form.getByLabel('Nom').fill('Explorateur du catalogue');
    await form.getByLabel('Icône (emoji ou adresse d’image)').fill('🧭');
    await form.getByLabel('Rang').selectOption('gold');
    await form.getByLabel('Condition').selectOption('course_completion');
    await form.getByLabel('Seuil').fill('0');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    // Refused by the server, the error is shown next to the rule.
    await form.getByText('Vérifiez les champs signalés.').waitFor();
    await form.getByText('Seuil invalide pour cette condition').waitFor();
    await expect(form.getByLabel('Seuil').getAttribute('aria-invalid')).resolves.toBe('true');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-admin-badge-phone');
    await form.getByLabel('Seuil').fill('2');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('admin-badges').getByRole('heading', { name: /Explorateur du catalogue/ }).waitFor();
    await expect(page.getByTestId('admin-badges').textContent()).resolves.toContain('Terminer 2 cours');

    await page.goto(`${baseUrl}/admin/challenges`);
    await page.getByRole('button', { name: 'Nouveau' }).click();
    const cform = page.getByTestId('challenge-form');
    await cform.getByLabel('Nom').fill('Sprint de fin d’année');
    await cform.getByLabel('Type').selectOption('event');
    await cform.getByLabel('Condition').selectOption('quiz_perfect');
    await cform.getByLabel('Seuil').fill('2');
    await cform.getByLabel('Badge offert (facultatif)').selectOption({ label: 'Explorateur du catalogue' });
    await cform.getByLabel('Fin').fill('2020-01-01');
    await cform.getByRole('button', { name: 'Enregistrer' }).click();
    await cform.getByText('La fin ne peut pas précéder le début.').waitFor();
    await expect(cform.getByLabel('Fin').getAttribute('aria-invalid')).resolves.toBe('true');
    await cform.getByLabel('Fin').fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    await cform.getByRole('button', { name: 'Enregistrer' }).click();
    const item = page.getByTestId('admin-challenges').locator('li', { hasText: 'Sprint de fin d’année' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Obtenir 100 % à 2 quiz');
    await expect(item.textContent()).resolves.toContain('« Explorateur du catalogue »');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'gamification-admin-challenges-phone');
    await page.close();
  });
});
