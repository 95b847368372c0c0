import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

/** Debian's Chromium, with the flags that keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Level-up and badge celebrations are modal dialogs that may open at any moment after a learning
 * step (the XP job runs asynchronously): close them whenever they get in the way of an action.
 */
export async function dismissCelebrations(page: Page): Promise<void> {
  const open = page.locator('dialog.celebration[open]');
  await page.addLocatorHandler(
    open,
    async () => {
      // Several may be queued (a badge and a level at once): close until none is left.
      for (let i = 0; i < 10 && (await open.count()) > 0; i++) {
        await open.first().locator('.celebration-actions button').first().click();
        await page.waitForTimeout(100);
      }
    },
    { noWaitAfter: true },
  );
}
