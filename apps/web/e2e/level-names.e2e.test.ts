// Level names per language (issue 17, part 5), at 360 and 1280 px: an admin renames the learner's
// level in English on the admin screen (a bad name is refused beside its field), and the learner in
// English sees the new name on the dashboard, in the header's XP bar, on "My achievements" and on
// the leaderboard; in French the French name stays.
import { LEVELS } from '@mdsc/validators';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn } from './helpers';

const SIZES = [
  ['360', VIEWPORTS.phone],
  ['1280', { width: 1280, height: 900 }],
] as const;

async function open(browser: Browser, email: string, locale: 'fr' | 'en', path: string, viewport: { width: number; height: number }) {
  const baseUrl = inject('baseUrl');
  const page = await browser.newPage({ viewport });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await logIn(page, baseUrl, email);
  await page.evaluate((l) => localStorage.setItem('mdsc.locale', l), locale);
  await page.goto(`${baseUrl}${path}`);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
  return page;
}

/** The dashboard's "Level N · Name" line. */
const dashLevel = (page: Page) => page.getByTestId('dash-gamification').locator('.dash-level').first();

describe('level names in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin renames the learner’s level in English; the learner in English sees it, in French not', async () => {
    // The learner's level, as the dashboard says it in English before the rename.
    const before = await open(browser, 'etudiant@mdsc.test', 'en', '/dashboard', VIEWPORTS.phone);
    await expect.poll(() => dashLevel(before).textContent()).toMatch(/^Level \d+ · /);
    const [, level, shipped] = /^Level (\d+) · (.+)$/.exec((await dashLevel(before).textContent())!)!;
    await before.close();

    let renamed = '';
    for (const [size, viewport] of SIZES) {
      const page = await open(browser, 'admin@mdsc.test', 'en', '/admin/levels', viewport);
      const row = page.getByTestId('admin-levels').locator(`li[data-level-number="${level}"]`);
      await expect.poll(() => row.textContent()).toContain(renamed || shipped);
      await row.getByRole('button', { name: 'Edit', exact: true }).click();
      const form = page.getByTestId('level-form');
      await expect.poll(() => form.getByLabel('English name').inputValue()).toBe(renamed || shipped);

      // An empty French name is refused beside its field, and nothing is saved.
      const french = await form.getByLabel('French name').inputValue();
      await form.getByLabel('French name').fill('   ');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => form.getByLabel('French name').getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel('French name').fill(french);

      renamed = `Trailblazer ${size}`;
      await form.getByLabel('English name').fill(renamed);
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `level-names-admin-form-${size}`);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => form.isVisible()).toBe(false);
      await expect.poll(() => row.textContent()).toContain(renamed);
      await screenshot(page, `level-names-admin-list-${size}`);
      await page.close();
    }

    for (const [size, viewport] of SIZES) {
      const page = await open(browser, 'etudiant@mdsc.test', 'en', '/dashboard', viewport);
      await expect.poll(() => dashLevel(page).textContent()).toBe(`Level ${level} · ${renamed}`);
      // The header's XP bar names it too.
      await expect.poll(() => page.locator('[aria-label*="Trailblazer"]').count()).toBeGreaterThan(0);
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `level-names-dashboard-en-${size}`);
      // "My achievements" (the learner's profile of XP and badges).
      await page.goto(`${inject('baseUrl')}/achievements`);
      await expect.poll(() => page.getByTestId('level-card').getByRole('heading').first().textContent()).toBe(`Level ${level} · ${renamed}`);
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `level-names-achievements-en-${size}`);
      await page.goto(`${inject('baseUrl')}/leaderboard`);
      // Each ranked learner's level is named in English: the renamed one, the others as seeded (on a
      // fresh run the learner has no XP yet and is not ranked; the demo learners are).
      const cells = page.getByTestId('leaderboard').locator('.board-level');
      await expect.poll(() => cells.count()).toBeGreaterThan(0);
      for (const text of await cells.allTextContents()) {
        const n = Number(/^\d+/.exec(text.trim())![0]);
        expect(text.trim()).toBe(`${n} ${String(n) === level ? renamed : LEVELS[n - 1].nameEn}`);
      }
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `level-names-leaderboard-en-${size}`);
      await page.close();
    }

    // In French the French name is unchanged.
    const fr = await open(browser, 'etudiant@mdsc.test', 'fr', '/dashboard', VIEWPORTS.phone);
    await expect.poll(() => dashLevel(fr).textContent()).toMatch(new RegExp(`^Niveau ${level} · `));
    expect(await dashLevel(fr).textContent()).not.toContain('Trailblazer');
    await fr.close();
  });
});
