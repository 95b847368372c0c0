import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { openHeaderMenu } from './helpers';

describe('home page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows categories from the API and switches language (${name})`, async () => {
      const baseUrl = inject('baseUrl');
      const apiCategories = (await (await fetch(`${baseUrl}/trpc/categories.list`)).json()) as {
        result: { data: { name: string }[] };
      };
      expect(apiCategories.result.data.length).toBeGreaterThan(0);

      const page = await browser.newPage({ viewport });
      await page.goto(baseUrl);
      await page.getByRole('heading', { name: 'Catégories' }).waitFor();
      const list = page.getByTestId('category-list');
      await list.waitFor();
      for (const c of apiCategories.result.data) {
        await expect(list.getByRole('heading', { name: c.name, exact: true }).count()).resolves.toBe(1);
      }
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `home-fr-${name}`);

      await openHeaderMenu(page);
      await page.getByTestId('language-switch').selectOption('en');
      await page.getByRole('heading', { name: 'Categories' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshot(page, `home-en-${name}`);
      await page.close();
    });
  }
});
