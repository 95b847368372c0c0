// An instructor builds a course in the browser (course form, a module, two lessons reordered with
// the keyboard buttons, an uploaded image), publishes it; then a visitor finds it by searching a
// word of its description and opens its page. At 360 px, the width of the phones we target.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, png } from './helpers';

describe('course authoring in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an instructor builds and publishes a course; a visitor finds it by search', async () => {
    const baseUrl = inject('baseUrl');
    const word = `mangroves${Date.now().toString(36)}`;
    const title = `Protéger les ${word}`;
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());

    await page.goto(`${baseUrl}/login?next=%2Finstructor`);
    await page.getByLabel('Adresse e-mail').fill('instructeur@mdsc.test');
    await page.getByLabel('Mot de passe').fill('Demo-2026!');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes cours' }).waitFor();

    // Course form: a bad date order is refused next to the field, then the course is created.
    await page.getByRole('link', { name: '+ Nouveau cours' }).click();
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Catégorie').selectOption({ index: 1 });
    await page.getByLabel('Résumé (une phrase)').fill('Agir pour le littoral');
    await page.getByLabel('Description').fill(`Un cours sur la protection des ${word} du delta.`);
    await page.getByLabel('Prix').fill('5000');
    await page.getByLabel('Début du cours').fill('2027-03-10T09:00');
    await page.getByLabel('Fin du cours').fill('2027-03-01T09:00');
    await page.getByRole('button', { name: 'Créer le cours' }).click();
    await expect(page.locator('[data-field-error="courseEndDate"]').textContent()).resolves.toMatch(
      /suivre son début/,
    );
    await page.getByLabel('Fin du cours').fill('2027-06-30T17:00');
    await page.getByRole('button', { name: 'Créer le cours' }).click();
    await page.getByRole('heading', { name: title }).waitFor();

    // Publishing too early is refused, plainly, with what is missing and a link to fix each point.
    await page.getByRole('button', { name: 'Publier le cours' }).click();
    await page.getByTestId('publish-refused').waitFor();
    await expect(page.getByTestId('publish-missing').textContent()).resolves.toContain(
      'au moins une leçon publiée',
    );
    await expect(page.locator('[data-problem="publishedLesson"] a').getAttribute('href')).resolves.toBe(
      '#curriculum-title',
    );
    await expect(page.getByTestId('publish-status').textContent()).resolves.toBe('Brouillon');

    // The course image, with the upload progress bar.
    await page
      .getByLabel('Image du cours')
      .setInputFiles({ name: 'couverture.png', mimeType: 'image/png', buffer: png(640, 360, [31, 122, 77]) });
    await page.getByText('Fichier envoyé : couverture.png').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();

    // A module with two lessons.
    await page.getByPlaceholder('Titre du module').fill('Comprendre le littoral');
    await page.getByRole('button', { name: '+ Ajouter un module' }).click();
    await page.getByRole('heading', { name: 'Module 1 — Comprendre le littoral' }).waitFor();
    // An empty module is one more problem, linked to the module itself.
    const emptyModule = page.locator('[data-problem="emptyModule"]');
    await expect(emptyModule.textContent()).resolves.toContain(
      'le module « Comprendre le littoral » n’a aucune leçon publiée',
    );
    const moduleAnchor = await emptyModule.locator('a').getAttribute('href');
    expect(moduleAnchor).toMatch(/^#module-\d+$/);
    await page
      .locator(moduleAnchor!)
      .getByRole('heading', { name: /Comprendre le littoral/ })
      .waitFor();
    await page
      .getByTestId('publish-missing')
      .screenshot({ path: `${ARTIFACTS}/authoring-publish-problems-phone.png` });
    for (const lesson of ['Les marées', 'Les palétuviers']) {
      await page.getByRole('button', { name: '+ Ajouter une leçon' }).first().click();
      const form = page.getByRole('form', { name: 'Nouvelle leçon' });
      await form.getByLabel('Titre de la leçon').fill(lesson);
      await form.getByLabel('Texte de la leçon').fill(`Contenu de la leçon « ${lesson} ».`);
      await form.getByLabel('Leçon publiée (visible des étudiants)').check();
      await form.getByRole('button', { name: 'Ajouter une leçon' }).click();
      await page.getByRole('button', { name: `Modifier « ${lesson} »` }).waitFor();
    }
    // Reorder with the keyboard-accessible buttons: "Les palétuviers" first.
    const lessonOrder = (first: string) =>
      page.waitForFunction((name) => {
        const items = document.querySelectorAll('[data-testid^="lessons-"] > li');
        return items.length === 2 && !!items[0].textContent?.includes(name);
      }, first);
    await lessonOrder('Les marées');
    await page.getByRole('button', { name: 'Monter « Les palétuviers »' }).click();
    await lessonOrder('Les palétuviers');

    // A second module whose title already carries a number (as imported courses often do): the
    // builder numbers it once. Its long title in the "move to…" select must not widen the page.
    const longTitle = 'Restaurer les mangroves et protéger durablement les côtes du delta';
    await page.getByPlaceholder('Titre du module').fill(`Module 2 — ${longTitle}`);
    await page.getByRole('button', { name: '+ Ajouter un module' }).click();
    await page.getByRole('heading', { name: `Module 2 — ${longTitle}`, exact: true }).waitFor();
    await expect(page.getByText('Module 2 — Module 2').count()).resolves.toBe(0);
    await page.getByLabel('Déplacer « Les marées » vers').selectOption({ label: `Module 2 — ${longTitle}` });
    await page
      .locator('[data-testid^="lessons-"]:not([data-testid="lessons-course"])')
      .nth(1)
      .getByRole('button', { name: 'Modifier « Les marées »' })
      .waitFor();
    await screenshot(page, 'authoring-builder-phone');
    await fitsPhoneWidth(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'authoring-builder-desktop');
    await page.setViewportSize(VIEWPORTS.phone);

    await page.getByRole('button', { name: 'Publier le cours' }).click();
    await page
      .getByTestId('publish-status')
      .filter({ hasText: /^Publié$/ })
      .waitFor();
    // The order was saved on the server: reload and check.
    await page.reload();
    await lessonOrder('Les palétuviers');
    await ctx.close();

    // A visitor (not logged in) searches the catalog for a word of the description.
    const visitor = await browser.newPage({ viewport: VIEWPORTS.phone });
    await visitor.goto(`${baseUrl}/courses`);
    await visitor.getByRole('heading', { name: 'Catalogue des cours' }).waitFor();
    await visitor.getByLabel('Rechercher un cours').fill(word);
    await visitor.getByRole('button', { name: 'Rechercher' }).click();
    await visitor.waitForURL(new RegExp(`/courses\\?q=${word}`));
    const cards = visitor.getByTestId('course-list').locator('> li');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(1);
    await expect(cards.first().textContent()).resolves.toMatch(/5\s000\sF\sCFA/);
    await screenshot(visitor, 'catalog-search-phone');
    await fitsPhoneWidth(visitor);

    await visitor.getByRole('link', { name: title }).click();
    await visitor.getByRole('heading', { name: title, level: 1 }).waitFor();
    await visitor.getByText('Programme (2 leçons)').waitFor();
    // Module 2 starts folded on the course page: read the rows' text, shown or not.
    await expect(visitor.locator('.lesson-row').allTextContents()).resolves.toEqual([
      expect.stringContaining('Les palétuviers'),
      expect.stringContaining('Les marées'),
    ]);
    // Outline only: the lesson text is for enrolled students.
    expect(await visitor.content()).not.toContain('Contenu de la leçon');
    // The course image is served to visitors once the course is public.
    const img = visitor.locator('img.course-hero-img');
    await img.waitFor();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await screenshot(visitor, 'course-page-phone');
    await fitsPhoneWidth(visitor);
    await visitor.close();
  });
});
