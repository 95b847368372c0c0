// Rich lesson text in the browser: an instructor writes a text lesson in the builder's editor (a
// heading, bold, a list, a table changed with the table buttons, an image from the course's media
// library), saves, reloads and finds it as written; a student then reads it rendered, at 360 px
// (the table scrolls inside itself) and at 1280 px. Screenshots of the editor and the lesson.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { ARTIFACTS, dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { callInPage, fitsPhoneWidth, logIn, png, registerVerified } from './helpers';

/** Uploads a file to the course's media library from the page (its session, its origin). */
function uploadInPage(page: Page, courseId: number, name: string, bytes: Buffer) {
  return page.evaluate(
    async ({ courseId, name, b64 }) => {
      const body = new FormData();
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      body.append('file', new File([data], name, { type: 'image/png' }));
      const res = await fetch(`/api/media?courseId=${courseId}&category=image`, {
        method: 'POST',
        body,
        credentials: 'include',
      });
      return { status: res.status, body: (await res.json()) as { id: number; url: string } };
    },
    { courseId, name, b64: bytes.toString('base64') },
  );
}

describe('rich lesson text', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an instructor writes a formatted lesson with a table and an image; a student reads it', async () => {
    const baseUrl = inject('baseUrl');
    const stamp = Date.now().toString(36);
    const title = `Gouverner une coopérative ${stamp}`;
    const ctx = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await logIn(page, baseUrl, 'instructeur@mdsc.test', { next: '/instructor' });

    // A course with a module, and an image already in its media library.
    const categories = await callInPage<{ items?: { id: number }[] } | { id: number }[]>(
      page,
      'categories.list',
      {},
      'GET',
    );
    const categoryId = (Array.isArray(categories) ? categories : categories.items!)[0].id;
    const course = await callInPage<{ id: number; slug: string }>(page, 'courses.create', {
      title,
      categoryId,
      description: 'Les organes d’une coopérative et leurs rôles.',
    });
    expect(course.id).toBeGreaterThan(0);
    const mod = await callInPage<{ id: number }>(page, 'modules.create', {
      courseId: course.id,
      title: 'Les organes',
    });
    expect(mod.id).toBeGreaterThan(0);
    const chart = png(800, 400, [15, 94, 156]);
    const uploaded = await uploadInPage(page, course.id, 'organigramme-cooperative.png', chart);
    expect(uploaded.status).toBe(201);

    await page.goto(`${baseUrl}/instructor/courses/${course.id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByRole('button', { name: '+ Ajouter une leçon' }).first().click();
    const form = page.getByRole('form', { name: 'Nouvelle leçon' });
    await form.getByLabel('Titre de la leçon').fill('Le conseil d’administration');
    const editor = form.getByRole('textbox', { name: 'Texte de la leçon' });
    await editor.waitFor();
    const toolbar = form.getByRole('toolbar', { name: 'Mise en forme du texte' });
    const tool = (name: string) => toolbar.getByRole('button', { name, exact: true });

    // A heading, a paragraph with a bold word, a bulleted list.
    await editor.click();
    await tool('Titre de section').click();
    await expect(tool('Titre de section').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.type('Le conseil');
    await page.keyboard.press('Enter');
    await expect(tool('Titre de section').getAttribute('aria-pressed')).resolves.toBe('false');
    await page.keyboard.type('Le ');
    await tool('Gras').click();
    await page.keyboard.type('président');
    await tool('Gras').click();
    await page.keyboard.type(' dirige les réunions. Statuts : ');
    // A link: its address typed in the link panel becomes the linked text.
    await tool('Lien').click();
    const linkAddress = form.getByLabel('Adresse du lien');
    await linkAddress.fill('javascript:alert(1)');
    await linkAddress.press('Enter');
    await form.getByText('Adresse invalide').waitFor();
    await linkAddress.fill('mdsc.example/statuts');
    await linkAddress.press('Enter');
    await linkAddress.waitFor({ state: 'detached' });
    await expect(tool('Lien').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await tool('Liste à puces').click();
    await page.keyboard.type('convoquer le conseil');
    await page.keyboard.press('Enter');
    await page.keyboard.type('signer les comptes');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // leaves the list

    // A table: inserted 3×3 with a header row, a row added, a column deleted → 4 rows × 2 columns.
    await tool('Insérer un tableau').click();
    await page.keyboard.type('Poste');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mandat');
    await page.keyboard.press('Tab');
    await page.keyboard.type('à supprimer');
    await tool('Supprimer la colonne du tableau').click();
    await editor.locator('td').first().click();
    await page.keyboard.type('Présidente');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3 ans');
    await tool('Ajouter une ligne au tableau').click();
    await expect(editor.locator('tr').count()).resolves.toBe(4);
    await expect(editor.locator('tr').first().locator('th').count()).resolves.toBe(2);

    // An image from the course's media library, with its description.
    await editor.locator('p').last().click();
    await tool('Insérer une image').click();
    const picker = page.getByTestId('image-picker');
    await picker.getByRole('button', { name: 'organigramme-cooperative.png' }).click();
    await expect(picker.getByLabel('Description de l’image (texte alternatif)').inputValue()).resolves.toBe(
      'organigramme cooperative',
    );
    await picker
      .getByLabel('Description de l’image (texte alternatif)')
      .fill('Organigramme de la coopérative');
    await screenshot(page, 'rich-editor-image-picker-phone');
    await picker.getByTestId('image-insert').click();
    await picker.waitFor({ state: 'detached' });
    await expect(editor.locator(`img[src="${uploaded.body.url}"]`).count()).resolves.toBe(1);

    // The toolbar wraps at 360 px: nothing wider than the screen.
    await fitsPhoneWidth(page);
    await form.screenshot({ path: `${ARTIFACTS}/rich-editor-phone.png` });
    await page.setViewportSize(VIEWPORTS.desktop);
    await form.screenshot({ path: `${ARTIFACTS}/rich-editor-desktop.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(VIEWPORTS.phone);

    await form.getByLabel('Leçon publiée (visible des étudiants)').check();
    await form.getByRole('button', { name: 'Ajouter une leçon' }).click();
    await form.waitFor({ state: 'detached' });

    // Saved as sanitised HTML, with its plain-text copy; reloading shows the same content.
    type EditorLesson = { id: number; title: string; content: { contentHtml: string; contentText: string } };
    const saved = await callInPage<{ modules: { lessons: EditorLesson[] }[] }>(
      page,
      'courses.editor',
      { id: course.id },
      'GET',
    );
    const lesson = saved.modules
      .flatMap((m) => m.lessons)
      .find((l) => l.title === 'Le conseil d’administration')!;
    const html = lesson.content.contentHtml;
    expect(html).toContain('<h2>Le conseil</h2>');
    expect(html).toContain('<strong>président</strong>');
    expect(html).toContain(
      '<a href="https://mdsc.example/statuts" target="_blank" rel="noopener noreferrer nofollow">https://mdsc.example/statuts</a>',
    );
    expect(html).toMatch(
      /<ul><li><p>convoquer le conseil<\/p><\/li><li><p>signer les comptes<\/p><\/li><\/ul>/,
    );
    expect(html).toMatch(/<table><tbody><tr><th[^>]*><p>Poste<\/p><\/th><th[^>]*><p>Mandat<\/p><\/th><\/tr>/);
    expect(html).not.toContain('à supprimer');
    expect(html).toContain(`<img src="${uploaded.body.url}" alt="Organigramme de la coopérative" />`);
    expect(html).not.toMatch(/style=|colgroup/);
    expect(lesson.content.contentText).toContain('Le président dirige les réunions.');

    await page.reload();
    await page.getByRole('button', { name: 'Modifier « Le conseil d’administration »' }).click();
    const again = page
      .getByRole('form', { name: 'Modifier la leçon' })
      .getByRole('textbox', { name: 'Texte de la leçon' });
    await again.locator('h2', { hasText: 'Le conseil' }).waitFor();
    await expect(again.locator('strong').textContent()).resolves.toBe('président');
    await expect(again.locator('li').count()).resolves.toBe(2);
    await expect(again.locator('tr').count()).resolves.toBe(4);
    await expect(again.locator(`img[src="${uploaded.body.url}"]`).count()).resolves.toBe(1);

    const published = await callInPage<{ isPublished?: boolean; error?: string }>(page, 'courses.publish', {
      id: course.id,
    });
    expect(published.error).toBeUndefined();
    // The image is served to students once the worker has re-encoded it.
    for (let i = 0; ; i++) {
      const media = await callInPage<{ id: number; status: string }[]>(
        page,
        'media.list',
        { courseId: course.id, category: 'image' },
        'GET',
      );
      if (media.find((m) => m.id === uploaded.body.id)?.status === 'ready') break;
      if (i > 100) throw new Error('the image was not processed');
      await page.waitForTimeout(200);
    }

    // The demo course ships a rich lesson (headings, a list, a three-column table, a quote): its
    // instructor previews it on a phone.
    const demoSlug = 'gouvernance-associative-fondamentaux';
    const demo = await callInPage<{ modules: { lessons: { id: number; title: string }[] }[] }>(
      page,
      'courses.bySlug',
      { slug: demoSlug },
      'GET',
    );
    const demoLesson = demo.modules.flatMap((m) => m.lessons).find((l) => l.title === 'Rendre compte à ses membres')!;
    await page.goto(`${baseUrl}/learn/${demoSlug}/lessons/${demoLesson.id}`);
    const demoText = page.getByTestId('rich-text');
    await demoText.getByRole('region', { name: 'Tableau (défilement horizontal)' }).waitFor();
    await expect(demoText.locator('h2').textContent()).resolves.toBe('L’assemblée générale annuelle');
    await fitsPhoneWidth(page);
    await screenshot(page, 'rich-lesson-demo-phone');
    await ctx.close();

    // A student enrols and reads the lesson.
    const email = `e2e-rich-${stamp}@mdsc.test`;
    const password = 'Karité-Et-Néré-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Fatou', lastName: 'Sow' });
    const student = await browser.newPage({ viewport: VIEWPORTS.phone });
    await dismissCelebrations(student);
    await logIn(student, baseUrl, email, { password, next: `/courses/${course.slug}` });
    const enrolled = await callInPage<{ error?: string }>(student, 'enrollments.enroll', {
      courseId: course.id,
    });
    expect(enrolled.error).toBeUndefined();
    await student.goto(`${baseUrl}/learn/${course.slug}/lessons/${lesson.id}`);
    const body = student.getByTestId('rich-text');
    await body.locator('h2', { hasText: 'Le conseil' }).waitFor();
    await expect(body.locator('strong').textContent()).resolves.toBe('président');
    await expect(body.locator('ul > li').count()).resolves.toBe(2);
    await expect(body.locator('table tr').count()).resolves.toBe(4);
    // The table sits in a focusable region that scrolls sideways on a narrow screen.
    const region = body.getByRole('region', { name: 'Tableau (défilement horizontal)' });
    await expect(region.locator('table').count()).resolves.toBe(1);
    await expect(region.getAttribute('tabindex')).resolves.toBe('0');
    const img = body.locator('img');
    await expect(img.getAttribute('alt')).resolves.toBe('Organigramme de la coopérative');
    await student.waitForFunction(() => {
      const el = document.querySelector('[data-testid="rich-text"] img') as HTMLImageElement | null;
      return !!el && el.complete && el.naturalWidth > 0;
    });
    // At 360 px: the image fits the column, the page does not scroll sideways.
    const fit = await img.evaluate((el) => {
      const column = el.closest('[data-testid="rich-text"]')!.getBoundingClientRect().width;
      return { img: el.getBoundingClientRect().width, column };
    });
    expect(fit.img).toBeLessThanOrEqual(fit.column + 0.5);
    await fitsPhoneWidth(student);
    await screenshot(student, 'rich-lesson-phone');
    expect(await seriousA11yViolations(student)).toEqual([]);
    await student.setViewportSize(VIEWPORTS.desktop);
    await screenshot(student, 'rich-lesson-desktop');

    // The course page's preview of the lesson renders the same HTML.
    await student.goto(`${baseUrl}/courses/${course.slug}`);
    const preview = student.getByTestId('rich-text').first();
    await preview.locator('table').waitFor({ state: 'attached' });
    await expect(preview.locator('h2').first().textContent()).resolves.toBe('Le conseil');
    await student.close();
  });
});
