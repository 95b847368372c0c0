// Every admin page and every form, at 360 px and 1280 px, in the light and the dark theme: no serious
// axe violation, no horizontal scroll on the phone, a screenshot for review
// (e2e/artifacts/screens-<name>-<theme>-<width>.png). Forms are shown with their errors on (an empty
// submit), which is where contrast and layout most often break.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const VARIANTS = [
  { width: 'phone', theme: 'light' },
  { width: 'phone', theme: 'dark' },
  { width: 'desktop', theme: 'light' },
  { width: 'desktop', theme: 'dark' },
] as const;

async function open(variant: (typeof VARIANTS)[number]): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORTS[variant.width], colorScheme: variant.theme });
  page.on('dialog', (d) => void d.dismiss());
  return page;
}

async function login(page: Page, email: string): Promise<void> {
  const baseUrl = inject('baseUrl');
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('Demo-2026!');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Checks and captures the page as it is now. */
async function review(page: Page, name: string, variant: (typeof VARIANTS)[number]): Promise<void> {
  // The picture first, so that a failure below can be looked at.
  await screenshot(page, `screens-${name}-${variant.theme}-${variant.width}`);
  if (variant.width === 'phone') await fitsPhoneWidth(page);
  expect(await seriousA11yViolations(page), `${name} ${variant.theme} ${variant.width}`).toEqual([]);
}

/** An empty submit, so that the form shows its field errors. */
async function submitEmpty(page: Page, form: string, button: string | RegExp): Promise<void> {
  await page.locator(form).getByRole('button', { name: button }).first().click();
  await page.locator(`${form} .field-error`).first().waitFor();
}

describe.each(VARIANTS)('admin pages and forms ($theme, $width)', (variant) => {
  it('admin: users, categories, badges, challenges (lists and side forms)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await open(variant);
    await login(page, 'admin@mdsc.test');

    await page.goto(`${baseUrl}/admin/users`);
    await page.getByTestId('admin-user-list').waitFor();
    await review(page, 'admin-users', variant);

    await page.goto(`${baseUrl}/admin/categories`);
    await page.getByTestId('admin-categories').waitFor();
    await submitEmpty(page, '[data-testid="category-form"]', 'Créer la catégorie');
    await review(page, 'admin-categories', variant);

    await page.goto(`${baseUrl}/admin/badges`);
    await page.getByTestId('admin-badges').waitFor();
    await review(page, 'admin-badges', variant);
    await page.getByRole('button', { name: 'Nouveau', exact: true }).click();
    await submitEmpty(page, '[data-testid="badge-form"]', 'Enregistrer');
    await review(page, 'admin-badge-form', variant);

    await page.goto(`${baseUrl}/admin/challenges`);
    await page.getByTestId('admin-challenges').waitFor();
    await page.getByRole('button', { name: 'Nouveau', exact: true }).click();
    await submitEmpty(page, '[data-testid="challenge-form"]', 'Enregistrer');
    await review(page, 'admin-challenge-form', variant);

    await page.goto(`${baseUrl}/admin/jobs`);
    await page.getByTestId('job-health').waitFor();
    await review(page, 'admin-jobs', variant);

    await page.goto(`${baseUrl}/messages/new`);
    await submitEmpty(page, 'form.card', /Envoyer/);
    await review(page, 'compose', variant);

    await page.goto(`${baseUrl}/profile`);
    await page.getByTestId('profile-email').waitFor();
    await submitEmpty(page, 'section[aria-labelledby="profile-password"] form', 'Changer le mot de passe');
    await review(page, 'profile', variant);
    await page.close();
  });

  it('instructor: course form, lesson editor, module form', async () => {
    const baseUrl = inject('baseUrl');
    const page = await open(variant);
    await login(page, 'instructeur@mdsc.test');
    await page.goto(`${baseUrl}/instructor/courses/new`);
    await submitEmpty(page, 'form', 'Créer le cours');
    await review(page, 'course-form', variant);

    await page.goto(`${baseUrl}/instructor`);
    await page.getByTestId('my-courses').locator('a').first().click();
    await page.getByRole('button', { name: '+ Ajouter une leçon' }).first().click();
    const lesson = 'form[aria-label="Nouvelle leçon"]';
    await submitEmpty(page, lesson, 'Ajouter une leçon');
    await review(page, 'lesson-editor', variant);
    await page.close();
  });

  it('visitor: sign-up, login, forgot and reset password', async () => {
    const baseUrl = inject('baseUrl');
    const page = await open(variant);
    for (const [path, name, button] of [
      ['/signup', 'signup', 'Créer mon compte'],
      ['/login', 'login', 'Se connecter'],
      ['/forgot-password', 'forgot', 'Envoyer le lien'],
      ['/reset-password?token=AAAAAAAAAAAAAAAAAAAAAAAA', 'reset', /mot de passe/i],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await submitEmpty(page, 'form', button);
      await review(page, name, variant);
    }
    await page.close();
  });
});
