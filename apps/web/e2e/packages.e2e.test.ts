// SCORM and H5P lessons in the browser (the demo course "Modules interactifs : SCORM et H5P",
// installed at start-up from the conformant fixture packages): a learner launches the SCORM 1.2
// module, goes to page 2 (location + suspend data committed), reloads and the SCO resumes from its
// suspend data; finishing it sets lesson_status=passed and a score, the server completes the
// lesson and pays its XP once (a second commit pays nothing). Then the H5P activity is answered
// and its xAPI statement completes the lesson. Screenshots at 360 and 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { callInPage, fitsPhoneWidth, logIn, registerVerified } from './helpers';

const SLUG = 'modules-interactifs-scorm-h5p';

interface CourseView {
  modules: { lessons: { id: number; title: string }[] }[];
}
interface XpItem {
  reason: string;
  sourceType: string;
  sourceId: number;
}

async function lessonXp(page: Page, lessonId: number): Promise<number> {
  const h = await callInPage<{ items?: XpItem[]; error?: string }>(
    page,
    'gamification.history',
    { limit: 100 },
    'GET',
  );
  if (!h.items) throw new Error(`gamification.history: ${h.error}`);
  return h.items.filter((i) => i.reason === 'lesson_completed' && Number(i.sourceId) === lessonId).length;
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('SCORM and H5P lessons in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('plays the SCORM 1.2 module (resume, passed, XP once) and the H5P activity', async () => {
    const baseUrl = inject('baseUrl');
    const email = `e2e-scorm-${Date.now()}@mdsc.test`;
    const password = 'Karité-Et-Néré-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Awa', lastName: 'Sanou' });

    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await dismissCelebrations(page);
    await logIn(page, baseUrl, email, { password, next: `/courses/${SLUG}` });
    await page.getByTestId('enrol').click();
    await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
    const view = await callInPage<CourseView>(page, 'progress.course', { slug: SLUG }, 'GET');
    const [scormId, h5pId] = view.modules[0].lessons.map((l) => l.id);

    // SCORM 1.2: the SCO finds window.API (scorm-again), page 2 commits location + suspend data.
    await page.goto(`${baseUrl}/learn/${SLUG}/lessons/${scormId}`);
    const frame = page.frameLocator('[data-testid="package-frame"]');
    await expect(page.getByTestId('package-frame').getAttribute('sandbox')).resolves.toBe(
      'allow-scripts allow-same-origin',
    );
    await frame.getByText('Position : page1').waitFor();
    await frame.getByRole('button', { name: 'Aller à la page 2' }).click();
    await waitFor(
      () =>
        callInPage<{ attempt: { suspendData: string | null } }>(
          page,
          'packages.launch',
          { lessonId: scormId },
          'GET',
        ),
      (l) => l.attempt.suspendData === 'step=2',
    );
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'packages-scorm-phone');

    // After a reload the SCO resumes from its suspend data and location.
    await page.reload();
    await frame.getByText('Position : page2 — reprise : step=2').waitFor();

    // Finishing: lesson_status=passed, score 85/100 (mastery 80) → the server completes the lesson.
    await frame.getByRole('button', { name: 'Terminer le module' }).click();
    await page.getByText('Leçon terminée').first().waitFor();
    // Committing again completes nothing more (XP is checked at the end).
    await frame.getByRole('button', { name: 'Terminer le module' }).click();
    const launched = await callInPage<{
      attempt: { lessonStatus: string; scoreRaw: number };
      lessonCompleted: boolean;
    }>(page, 'packages.launch', { lessonId: scormId }, 'GET');
    expect(launched).toMatchObject({
      lessonCompleted: true,
      attempt: { lessonStatus: 'passed', scoreRaw: 85 },
    });

    const wide = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await wide.context().addCookies(await page.context().cookies());
    await wide.goto(`${baseUrl}/learn/${SLUG}/lessons/${scormId}`);
    await wide.frameLocator('[data-testid="package-frame"]').getByText('reprise : step=done').waitFor();
    await screenshot(wide, 'packages-scorm-desktop');
    await wide.close();

    // H5P: the activity (a library of our own, played by h5p-standalone from our storage) emits
    // xAPI "completed" with a full score when answered.
    await page.goto(`${baseUrl}/learn/${SLUG}/lessons/${h5pId}`);
    const h5p = page.frameLocator('[data-testid="package-frame"]');
    await h5p.getByRole('button', { name: 'Oui, c’est la règle' }).click();
    await page.getByText('Leçon terminée').first().waitFor();
    await fitsPhoneWidth(page);
    await screenshot(page, 'packages-h5p-phone');

    // XP, paid by the in-process queue (behind the demo's own start-up jobs): once per lesson,
    // the second SCORM commit included.
    const xp = async () => [await lessonXp(page, scormId), await lessonXp(page, h5pId)];
    const paid = await waitFor(xp, ([a, b]) => a >= 1 && b >= 1, 120_000);
    if (paid[0] !== 1 || paid[1] !== 1) {
      console.log(
        'HISTORY',
        JSON.stringify(await callInPage(page, 'gamification.history', { limit: 100 }, 'GET')).slice(0, 3000),
      );
    }
    expect(paid).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await xp()).toEqual([1, 1]);
  }, 360_000);

  it('the builder shows the lesson’s package and refuses a bad upload with the server’s reason', async () => {
    const baseUrl = inject('baseUrl');
    for (const [viewport, name] of [
      [VIEWPORTS.phone, 'phone'],
      [VIEWPORTS.desktop, 'desktop'],
    ] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${baseUrl}/login?next=%2Finstructor`);
      await page.getByLabel('Adresse e-mail').fill('instructeur@mdsc.test');
      await page.getByLabel('Mot de passe').fill('Demo-2026!');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Mes cours' }).waitFor();
      await page.getByRole('link', { name: 'Modules interactifs : SCORM et H5P' }).first().click();
      await page.waitForURL(/\/instructor\/courses\/\d+$/);
      await page
        .getByRole('button', { name: 'Modifier « Module SCORM : gérer un projet associatif »' })
        .click();
      const upload = page.getByTestId('package-upload');
      await expect(upload.getByTestId('package-current').textContent()).resolves.toMatch(
        /SCORM 1\.2, 4 fichiers · score de maîtrise 80 %/,
      );
      await upload
        .getByLabel('Paquet SCORM (.zip)')
        .setInputFiles({ name: 'module.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
      await upload.getByRole('button', { name: 'Envoyer le paquet' }).click();
      await expect(upload.locator('[data-field-error="file"]').textContent()).resolves.toMatch(
        /Paquet refusé : ce n’est pas un fichier zip lisible — Not a readable zip file/,
      );
      if (name === 'phone') await fitsPhoneWidth(page);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await upload.scrollIntoViewIfNeeded();
      await screenshot(page, `packages-builder-${name}`);
      await page.close();
    }
  }, 120_000);
});
