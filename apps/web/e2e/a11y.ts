// Accessibility check with axe-core, injected into the page under test: no serious or critical
// violation of WCAG 2 A/AA rules is allowed, in the light theme and in the dark one.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Returns the serious and critical violations, formatted for an assertion message: the page as it
 * is, then the same page in dark mode (prefers-color-scheme: dark, and the theme toggle's
 * attribute if the reader had chosen light), put back as it was afterwards.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const asIs = await axeOnce(page);
  const wasDark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  const saved = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  await page.emulateMedia({ colorScheme: 'dark' });
  if (saved === 'light') await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  try {
    const dark = await axeOnce(page);
    return [...asIs, ...dark.map((v) => `[dark] ${v}`)];
  } finally {
    await page.emulateMedia({ colorScheme: wasDark ? 'dark' : 'light' });
    if (saved === 'light') await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  }
}

async function axeOnce(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    // Colours are only meaningful once entrance animations (opacity fades) are over, and an element
    // that starts animating while axe runs (a celebration dialog opening) would be measured mid-fade:
    // wait for finite animations, and run again when one started during the run. Animation events are
    // dispatched on the next frame, so the listener stays until two frames after the run, and an
    // animation still running (or started since the run began) counts as well.
    const finite = () => document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    const settle = () => Promise.all(finite().map((a) => a.finished.catch(() => undefined)));
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    let result: { violations: unknown[] } = { violations: [] };
    for (let attempt = 0; attempt < 4; attempt++) {
      await settle();
      let started = false;
      const onStart = () => (started = true);
      document.addEventListener('animationstart', onStart, true);
      document.addEventListener('transitionstart', onStart, true);
      const since = document.timeline.currentTime as number;
      try {
        result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        await frame();
        await frame();
      } finally {
        document.removeEventListener('animationstart', onStart, true);
        document.removeEventListener('transitionstart', onStart, true);
      }
      const moved = finite().some((a) => a.playState === 'running' || (typeof a.startTime === 'number' && a.startTime >= since));
      if (!started && !moved) break;
    }
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
