// Assignments in the browser: a learner hands in a text and a PDF on the demo course's assignment
// lesson (due date shown in French; the demo's advocacy course), the instructor grades it from the grading queue with feedback,
// and the learner sees the grade, the feedback and the lesson completed. Screenshots at 360 and 1280 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { callInPage, enrolWithDemoVoucher, fitsPhoneWidth, logIn, registerVerified } from './helpers';

const SLUG = 'plaidoyer-mobilisation-citoyenne';
const LESSON = 'Devoir : le diagnostic de gouvernance de votre organisation';
const DEMO_PASSWORD = 'Demo-2026!';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('assignments in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a learner hands in, the instructor grades with feedback, the learner sees it and the lesson completes', async () => {
    const baseUrl = inject('baseUrl');
    const email = `e2e-assignment-${Date.now()}@mdsc.test`;
    const password = 'Karité-Et-Néré-2026';
    const lastName = `Zinsou${Date.now() % 100000}`;
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Aïcha', lastName });

    // The learner: log in, enrol, open the assignment lesson.
    const learner = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await learner.newPage();
    await dismissCelebrations(page);
    await logIn(page, baseUrl, email, { password, next: `/courses/${SLUG}` });
    // A priced course: the learner's seat is sponsored (the demo voucher).
    await enrolWithDemoVoucher(page, baseUrl, SLUG);
    await page.getByTestId('course-outline').getByRole('link', { name: LESSON }).click();
    await page.getByRole('heading', { level: 1, name: LESSON }).waitFor();
    const panel = page.getByTestId('assignment-panel');
    await panel.waitFor();
    // Due date in French (e.g. « 17 déc. 2026, 14:05 »), no hand completion button.
    expect(await page.getByTestId('assignment-due').textContent()).toMatch(
      /\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/,
    );
    expect(await page.getByTestId('complete-lesson').count()).toBe(0);
    await expect(panel.getByText('diagnostic de gouvernance').count()).resolves.toBeGreaterThan(0);

    // An empty hand-in is refused by the form.
    await page.getByTestId('assignment-submit').click();
    await page.locator('[data-field-error="text"]').waitFor();

    await page.getByTestId('assignment-text').fill('Notre association tient une AG par an ; je joins mon diagnostic.');
    await page.getByTestId('assignment-file').setInputFiles({ name: 'diagnostic.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Fichier prêt : diagnostic.pdf').waitFor();
    await page.getByTestId('assignment-submit').click();
    await panel.locator('[data-testid="assignment-submission"][data-status="submitted"]').waitFor();
    await panel.getByText('En attente de correction').waitFor();
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assignment-learner-submitted-phone');
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'assignment-learner-submitted-desktop');

    const lessonId = Number(/lessons\/(\d+)/.exec(page.url())![1]);
    const { course } = await callInPage<{ course: { id: number } }>(page, 'progress.lesson', { lessonId }, 'GET');

    // The instructor: the course's grading queue, our learner's work, a grade with feedback.
    const teacherCtx = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const teacher = await teacherCtx.newPage();
    await teacher.goto(`${baseUrl}/login?next=${encodeURIComponent(`/instructor/courses/${course.id}/grading`)}`);
    await teacher.getByLabel('Adresse e-mail').fill('instructeur@mdsc.test');
    await teacher.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await teacher.getByRole('button', { name: 'Se connecter' }).click();
    await teacher.waitForURL(`${baseUrl}/instructor/courses/${course.id}/grading`);
    const item = teacher.getByTestId('grading-item').filter({ hasText: lastName });
    await item.waitFor();
    await item.getByTestId('grading-open').click();
    await item.getByTestId('grading-file').waitFor();
    await item.getByText('Notre association tient une AG par an').waitFor();
    // Over the points: refused by the form.
    await item.getByTestId('grading-score').fill('25');
    await item.getByTestId('grading-save').click();
    await item.locator('[data-field-error="score"]').waitFor();
    await item.getByTestId('grading-score').fill('18');
    await item.getByTestId('grading-feedback').fill('Diagnostic précis. Proposez un calendrier pour vos deux améliorations.');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await screenshot(teacher, 'assignment-grading-form-desktop');
    await teacher.setViewportSize(VIEWPORTS.phone);
    await fitsPhoneWidth(teacher);
    await screenshot(teacher, 'assignment-grading-form-phone');
    await item.getByTestId('grading-save').click();
    await teacher.getByText('Note enregistrée, l’apprenant est prévenu.').waitFor();
    await teacher.getByTestId('grading-filter-graded').click();
    await teacher.getByTestId('grading-item').filter({ hasText: lastName }).getByText('Note : 18 / 20').waitFor();
    await screenshot(teacher, 'assignment-grading-queue-phone');
    await teacher.setViewportSize(VIEWPORTS.desktop);
    await screenshot(teacher, 'assignment-grading-queue-desktop');

    // The builder's form for the assignment lesson (its settings as the demo set them).
    await teacher.goto(`${baseUrl}/instructor/courses/${course.id}`);
    await teacher.getByRole('button', { name: `Modifier « ${LESSON} »` }).click();
    const settings = teacher.getByTestId('assignment-settings-form');
    await settings.waitFor();
    expect(await settings.getByRole('textbox', { name: 'Consignes' }).textContent()).toContain('diagnostic de gouvernance');
    expect(await settings.getByRole('textbox', { name: 'Consignes' }).locator('strong').textContent()).toBe('diagnostic de gouvernance');
    await settings.scrollIntoViewIfNeeded();
    await screenshot(teacher, 'assignment-settings-desktop');
    await teacher.setViewportSize(VIEWPORTS.phone);
    await fitsPhoneWidth(teacher);
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    await screenshot(teacher, 'assignment-settings-phone');
    await settings.getByTestId('assignment-settings-save').click();
    await teacher.getByText('Devoir enregistré.').waitFor();

    // The learner again: grade, feedback, the lesson completed.
    await page.reload();
    await page.getByTestId('assignment-grade').getByText('Note : 18 / 20').waitFor();
    await page.getByTestId('assignment-feedback').getByText('Proposez un calendrier').waitFor();
    await page.getByText('Leçon terminée').first().waitFor();
    // The instructions saved again from the builder kept their list and bold text.
    expect(await panel.locator('.rich-text li').count()).toBe(3);
    expect(await panel.locator('.rich-text strong').textContent()).toBe('diagnostic de gouvernance');
    const progress = await callInPage<{ progress: { status: string } }>(page, 'progress.lesson', { lessonId }, 'GET');
    expect(progress.progress.status).toBe('completed');
    await screenshot(page, 'assignment-learner-graded-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assignment-learner-graded-phone');
    await learner.close();
    await teacherCtx.close();
  });
});
