// Badge names in the reader's language (issue 17, part 5), at 360 and 1280 px: in English a learner's
// badges to earn show their English names (seeded with the demo data), and the admin's badge form
// shows and saves the English name beside the French original.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn } from './helpers';

const SIZES = [
  ['360', VIEWPORTS.phone],
  ['1280', { width: 1280, height: 900 }],
] as const;

/** A new page of `email`, logged in (in French), then switched to English and opened on `path`. */
async function inEnglish(browser: Browser, email: string, path: string, viewport: { width: number; height: number }) {
  const baseUrl = inject('baseUrl');
  const page = await browser.newPage({ viewport });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await logIn(page, baseUrl, email);
  await page.evaluate(() => localStorage.setItem('mdsc.locale', 'en'));
  await page.goto(`${baseUrl}${path}`);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
  return page;
}

describe('translated badge names in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a learner in English sees the badges to earn under their English names', async () => {
    for (const [size, viewport] of SIZES) {
      const page = await inEnglish(browser, 'etudiant@mdsc.test', '/achievements', viewport);
      await page.getByText('To earn', { exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Pillar of civil society' }).isVisible()).toBe(true);
      expect(await page.getByText('Pilier de la société civile').count()).toBe(0);
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `translated-badges-en-${size}`);
      await page.close();
    }
  });

  it('an admin sets a badge\'s English name in the side form; the learner sees it in English', async () => {
    let stored = 'Diligent'; // the seeded English name, then what the previous pass saved
    for (const [size, viewport] of SIZES) {
      const page = await inEnglish(browser, 'admin@mdsc.test', '/admin/badges', viewport);
      await page.getByTestId('admin-badges').locator('li', { hasText: 'Assidu' }).getByRole('button', { name: 'Edit', exact: true }).click();
      const form = page.getByTestId('badge-form');
      await expect.poll(() => form.getByLabel('English name').inputValue()).toBe(stored);
      stored = `Steady learner ${size}`;
      await form.getByLabel('English name').fill(stored);
      await form.getByLabel('English description').fill('Learn seven days in a row.');
      if (size === '360') await fitsPhoneWidth(page);
      await screenshot(page, `translated-badge-form-en-${size}`);
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => form.isVisible()).toBe(false);
      await page.close();
    }
    const learner = await inEnglish(browser, 'etudiant@mdsc.test', '/achievements', VIEWPORTS.phone);
    await expect.poll(() => learner.getByText('Steady learner 1280').count()).toBeGreaterThan(0);
    await learner.close();
  });
});
