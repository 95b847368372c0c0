// Issue 17: log-in lands on the role's dashboard; on a 360 px phone the lesson comes first (its
// title visible without scrolling), the course outline opens as a drawer, the header is one row.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn } from './helpers';

describe('learner home and lesson layout', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('360 px: log-in lands on the dashboard; continue opens the lesson, title on the first screen, outline in a drawer', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(page, baseUrl, 'koffi.mensah@mdsc.test');
    await dismissCelebrations(page);
    await page.getByTestId('dashboard').waitFor();
    const resume = page.getByTestId('dash-resume');
    await resume.getByRole('link', { name: 'Reprendre' }).waitFor();
    await page.getByTestId('dash-courses').waitFor();
    await page
      .getByTestId('dash-gamification')
      .getByText(/jours? de suite|Aucun jour de suite/)
      .waitFor();
    // The header is one row: its height is that of one control, not three.
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThan(64);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learner-dashboard-phone');

    await resume.getByRole('link', { name: 'Reprendre' }).click();
    await page.waitForURL(/\/learn\/[^/]+\/lessons\/\d+$/);
    const title = page.getByTestId('lesson-title');
    await title.waitFor();
    const box = await title.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(VIEWPORTS.phone.height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // The outline is closed (off screen, not focusable) until asked for.
    const drawer = page.getByTestId('outline-drawer');
    expect(await drawer.isVisible()).toBe(false);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learner-lesson-phone');

    const toggle = page.getByTestId('outline-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await drawer.boundingBox())?.x ?? -1).toBe(0);
    await drawer.locator('a[aria-current="page"]').waitFor();
    const links = await drawer.locator('.outline a').count();
    expect(links).toBeGreaterThan(1);
    await page.waitForTimeout(250); // the slide-in transition
    await screenshot(page, 'learner-lesson-drawer-phone');
    // Escape closes it, focus back on the page.
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // Following a lesson in the drawer opens it and closes the drawer.
    await toggle.click();
    const other = drawer.locator('.outline a:not([aria-current="page"])').first();
    const href = await other.getAttribute('href');
    await other.click();
    await page.waitForURL(`${baseUrl}${href}`);
    await expect.poll(() => drawer.isVisible()).toBe(false);
    await page.close();
  });

  it('1280 px: the dashboard in columns and the outline as a side column beside the lesson', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await logIn(page, baseUrl, 'koffi.mensah@mdsc.test');
    await dismissCelebrations(page);
    await page.getByTestId('dash-resume').getByRole('link', { name: 'Reprendre' }).waitFor();
    await page.getByTestId('dash-courses').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learner-dashboard-desktop');

    await page.getByTestId('dash-resume').getByRole('link', { name: 'Reprendre' }).click();
    const title = page.getByTestId('lesson-title');
    await title.waitFor();
    const drawer = page.getByTestId('outline-drawer');
    expect(await drawer.isVisible()).toBe(true);
    expect(await page.getByTestId('outline-toggle').isVisible()).toBe(false);
    // Side column: the outline is left of the lesson, on the same band.
    const [side, main] = [await drawer.boundingBox(), await title.boundingBox()];
    expect(side!.x + side!.width).toBeLessThanOrEqual(main!.x);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'learner-lesson-desktop');
    await page.close();
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`instructor and admin land on their own dashboards (${name})`, async () => {
      const baseUrl = inject('baseUrl');
      const page = await browser.newPage({ viewport });
      await logIn(page, baseUrl, 'instructeur@mdsc.test');
      await dismissCelebrations(page);
      await page.getByTestId('dash-instructor').getByRole('heading', { name: 'Mon enseignement' }).waitFor();
      await page
        .getByTestId('dash-instructor')
        .getByText(/\d+ inscrits?|aucun inscrit/)
        .first()
        .waitFor();
      await expect
        .poll(() => page.getByTestId('dash-to-grade').textContent())
        .toMatch(/\d+ devoirs? à corriger|aucun devoir à corriger/);
      if (name === 'phone') await fitsPhoneWidth(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `instructor-dashboard-${name}`);
      await page.context().clearCookies();

      await logIn(page, baseUrl, 'admin@mdsc.test');
      await dismissCelebrations(page);
      await page.getByTestId('dash-admin').getByRole('heading', { name: 'Santé de la plateforme' }).waitFor();
      await page.getByTestId('dash-failed').waitFor();
      // Payments of the week: received, bank transfers to confirm, failures.
      await page.getByTestId('dash-payments').getByRole('heading', { name: 'Paiements (7 jours)' }).waitFor();
      await expect(page.getByTestId('dash-transfers').textContent()).resolves.toMatch(/virements? à confirmer/);
      if (name === 'phone') await fitsPhoneWidth(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `admin-dashboard-${name}`);
      await page.close();
    });
  }
});

describe('search that forgives', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('360 px: "gouvernence" finds the governance course and offers "Vouliez-vous dire gouvernance ?"', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await page.goto(`${baseUrl}/courses?q=gouvernence`);
    const list = page.getByTestId('course-list');
    await list.getByRole('link', { name: /Gouvernance associative/ }).waitFor();
    const hint = page.getByTestId('did-you-mean');
    await hint.getByRole('button', { name: 'gouvernance' }).waitFor();
    expect(await hint.innerText()).toMatch(/^Vouliez-vous dire gouvernance\s?\?$/);
    await fitsPhoneWidth(page);
    await screenshot(page, 'catalog-did-you-mean-phone');
    await hint.getByRole('button', { name: 'gouvernance' }).click();
    await page.waitForURL(`${baseUrl}/courses?q=gouvernance`);
    await expect.poll(() => page.getByTestId('did-you-mean').count()).toBe(0);
    // Without its accent and with a typo: "mobilisaton citoyene" still finds the advocacy course.
    await page.goto(`${baseUrl}/courses?q=mobilisaton%20citoyene`);
    await page
      .getByTestId('course-list')
      .getByRole('link', { name: /Plaidoyer et mobilisation/ })
      .waitFor();
    await page.close();
  });
});
