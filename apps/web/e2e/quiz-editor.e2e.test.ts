// The quiz editor in the browser: an instructor builds a course whose quiz lesson gets one question
// of each type in the editor (single and multiple right answers, true/false, short answer with two
// accepted answers), imports a GIFT snippet (a wrong one first: the line is named), reorders with
// the keyboard, duplicates and deletes, previews as a student (nothing recorded) and publishes.
// A student then takes the quiz, gets the expected score and reads the explanations.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { ARTIFACTS, dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { callInPage, fitsPhoneWidth, logIn, registerVerified } from './helpers';

const BAD_GIFT = `// Exporté de Moodle
::G1:: Combien de fondateurs faut-il au minimum ? {=2 # Deux personnes suffisent. ~1 ~10}

::G3:: Associez. { =AG -> vote =CA -> gère }
`;
const GIFT = `$CATEGORY: $course$/Vie associative
// Exporté de Moodle
::G1:: Combien de fondateurs faut-il au minimum ? {=2 # Deux personnes suffisent. ~1 ~10}

::G2:: Une association peut partager ses bénéfices entre ses membres. {FALSE}
`;

/** The question texts in the editor's order. */
const questionOrder = (page: Page) =>
  page.getByTestId('questions').locator('> li .question-text').allTextContents();

async function addQuestion(
  page: Page,
  q: { type?: string; text: string; points?: string; explanation?: string; fill(form: ReturnType<Page['getByTestId']>): Promise<void> },
) {
  await page.getByRole('button', { name: '+ Ajouter une question' }).click();
  const form = page.getByRole('form', { name: 'Nouvelle question' });
  if (q.type) await form.getByLabel('Type de question').selectOption({ label: q.type });
  await form.getByLabel('Énoncé').fill(q.text);
  if (q.points) await form.getByLabel('Points').fill(q.points);
  await q.fill(form);
  if (q.explanation) await form.getByLabel('Explication').fill(q.explanation);
  await form.getByRole('button', { name: 'Ajouter une question', exact: true }).click();
  await page.getByTestId('questions').getByText(q.text).waitFor();
}

describe('quiz editor in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an instructor builds, imports, reorders, previews and publishes; a student takes the quiz', async () => {
    const baseUrl = inject('baseUrl');
    const title = `Vie associative ${Date.now().toString(36)}`;
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());

    await logIn(page, baseUrl, 'instructeur@mdsc.test', { next: '/instructor' });
    await page.getByRole('heading', { name: 'Mes cours' }).waitFor();

    // A free course with one module holding a published quiz lesson.
    await page.getByRole('link', { name: '+ Nouveau cours' }).click();
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Catégorie').selectOption({ index: 1 });
    await page.getByLabel('Description').fill('Les règles de base de la vie d’une association.');
    await page.getByRole('button', { name: 'Créer le cours' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const builderUrl = page.url();
    await page.getByPlaceholder('Titre du module').fill('Les bases');
    await page.getByRole('button', { name: '+ Ajouter un module' }).click();
    await page.getByRole('heading', { name: 'Module 1 — Les bases' }).waitFor();
    await page.getByRole('button', { name: '+ Ajouter une leçon' }).first().click();
    const lessonForm = page.getByRole('form', { name: 'Nouvelle leçon' });
    await lessonForm.getByLabel('Titre de la leçon').fill('Quiz : fonctionnement');
    await lessonForm.getByLabel('Type de contenu').selectOption({ label: 'Quiz' });
    await lessonForm.getByLabel('Leçon publiée (visible des étudiants)').check();
    await lessonForm.getByRole('button', { name: 'Ajouter une leçon' }).click();

    // The publish panel links the quiz lesson's problem to the builder's quiz section.
    const problem = page.locator('[data-problem="quizLessonWithoutQuiz"] a');
    const anchor = await problem.getAttribute('href');
    expect(anchor).toMatch(/^#quiz-for-lesson-\d+$/);
    await page.locator(anchor!).getByRole('button', { name: 'Créer le quiz de « Quiz : fonctionnement »' }).click();
    await page.waitForURL(/\/instructor\/courses\/\d+\/quizzes\/\d+$/);
    const quizId = Number(/quizzes\/(\d+)$/.exec(page.url())![1]);
    await page.getByRole('heading', { level: 1, name: /Quiz : fonctionnement/ }).waitFor();
    await page.getByText('Ce quiz n’a pas encore de question').waitFor();

    // Settings, with a field error from the shared schema first.
    const settings = page.getByTestId('quiz-settings');
    await settings.getByLabel('Score minimum pour réussir (%)').fill('150');
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect(settings.locator('[data-field-error="passingScore"]').textContent()).resolves.toBe(
      'Un pourcentage entre 0 et 100.',
    );
    await settings.getByLabel('Score minimum pour réussir (%)').fill('50');
    await settings.getByLabel('Nombre de tentatives').fill('2');
    await settings.getByLabel('Quiz publié (visible des étudiants)').check();
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByRole('status').filter({ hasText: 'Paramètres enregistrés.' }).waitFor();

    // One question of each type. A multiple choice without a right answer is refused next to it.
    await page.getByRole('button', { name: '+ Ajouter une question' }).click();
    const draft = page.getByRole('form', { name: 'Nouvelle question' });
    await draft.getByLabel('Énoncé').fill('Qui convoque l’assemblée générale ?');
    await draft.getByLabel('Réponse 1', { exact: true }).fill('Le président');
    await draft.getByLabel('Réponse 2', { exact: true }).fill('Le trésorier');
    await draft.getByLabel('Réponse 1 correcte').uncheck();
    await draft.getByRole('button', { name: 'Ajouter une question', exact: true }).click();
    await expect(draft.locator('[data-field-error="options"]').textContent()).resolves.toBe(
      'Cochez au moins une bonne réponse.',
    );
    await draft.getByLabel('Réponse 1 correcte').check();
    await draft.getByLabel('Explication').fill('Les statuts confient la convocation au président.');
    await draft.getByRole('button', { name: 'Ajouter une question', exact: true }).click();
    await page.getByTestId('questions').getByText('Qui convoque l’assemblée générale ?').waitFor();

    await addQuestion(page, {
      text: 'Quels rapports présente-t-on à l’assemblée générale ?',
      points: '2',
      explanation: 'Le rapport moral et le rapport financier.',
      fill: async (form) => {
        await form.getByLabel('Réponse 1', { exact: true }).fill('Le rapport moral');
        await form.getByLabel('Réponse 2', { exact: true }).fill('Le rapport financier');
        await form.getByRole('button', { name: '+ Ajouter une réponse' }).click();
        await form.getByLabel('Réponse 3', { exact: true }).fill('Le carnet d’adresses');
        await form.getByLabel('Réponse 2 correcte').check();
      },
    });
    await addQuestion(page, {
      type: 'Vrai ou faux',
      text: 'Le bureau est élu par le conseil d’administration.',
      fill: async (form) => {
        await form.getByLabel('Bonne réponse').selectOption({ label: 'Vrai' });
      },
    });
    await addQuestion(page, {
      type: 'Réponse courte',
      text: 'Quel texte fixe les règles de fonctionnement interne ?',
      explanation: 'Le règlement intérieur complète les statuts.',
      fill: async (form) => {
        await form.getByRole('textbox', { name: 'Réponse acceptée 1' }).fill('règlement intérieur');
        await form.getByRole('button', { name: '+ Ajouter une réponse acceptée' }).click();
        await form.getByRole('textbox', { name: 'Réponse acceptée 2' }).fill('le règlement intérieur');
      },
    });

    // GIFT: a snippet with an unsupported item is refused whole, its line named; the fixed one imports.
    const gift = page.getByTestId('gift-import');
    await gift.getByLabel('Questions au format GIFT').fill(BAD_GIFT);
    await gift.getByRole('button', { name: 'Importer les questions' }).click();
    const problems = page.getByTestId('gift-problems');
    await expect(problems.textContent()).resolves.toContain('Ligne 4 :');
    await expect(problems.textContent()).resolves.toContain('1 erreur à corriger');
    await expect(page.getByTestId('questions').locator('> li').count()).resolves.toBe(4);
    await gift.getByLabel('Fichier GIFT').setInputFiles({
      name: 'vie-associative.gift',
      mimeType: 'text/plain',
      buffer: Buffer.from(GIFT, 'utf8'),
    });
    await expect.poll(() => gift.getByLabel('Questions au format GIFT').inputValue()).toContain('::G2::');
    await gift.getByRole('button', { name: 'Importer les questions' }).click();
    await page.getByRole('status').filter({ hasText: '2 questions importées.' }).waitFor();
    await gift.getByText(/Ignoré : Ligne 1 : category ignored/).waitFor();
    await expect.poll(() => page.getByTestId('questions').locator('> li').count()).toBe(6);

    // Reorder with the keyboard: the focus stays on "up" while the last question climbs two places.
    const up = page.getByRole('button', { name: /^Monter « 6\. Une association peut partager/ });
    await up.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Monter « 5\. Une association peut partager/ }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toMatch(
      /^Monter « 5\. Une association/,
    );
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Monter « 4\. Une association peut partager/ }).waitFor();
    await expect(questionOrder(page)).resolves.toEqual([
      'Qui convoque l’assemblée générale ?',
      'Quels rapports présente-t-on à l’assemblée générale ?',
      'Le bureau est élu par le conseil d’administration.',
      'Une association peut partager ses bénéfices entre ses membres.',
      'Quel texte fixe les règles de fonctionnement interne ?',
      'Combien de fondateurs faut-il au minimum ?',
    ]);

    // And by drag and drop, with the handle: the last question goes above the fifth.
    const items = page.getByTestId('questions').locator('> li');
    await items.nth(5).locator('.drag-handle').dragTo(items.nth(4));
    await expect
      .poll(() => questionOrder(page).then((o) => o.slice(4)))
      .toEqual(['Combien de fondateurs faut-il au minimum ?', 'Quel texte fixe les règles de fonctionnement interne ?']);
    // Both orders were saved on the server.
    await expect
      .poll(async () => (await callInPage<{ questions: { questionText: string }[] }>(page, 'quizzes.editor', { id: quizId }, 'GET')).questions.map((q) => q.questionText).slice(3))
      .toEqual([
        'Une association peut partager ses bénéfices entre ses membres.',
        'Combien de fondateurs faut-il au minimum ?',
        'Quel texte fixe les règles de fonctionnement interne ?',
      ]);

    // Duplicate, then delete the copy (after the confirmation).
    await page.getByRole('button', { name: 'Dupliquer la question 3' }).click();
    await page.getByRole('status').filter({ hasText: 'Question dupliquée.' }).waitFor();
    await expect.poll(() => page.getByTestId('questions').locator('> li').count()).toBe(7);
    await expect.poll(() => questionOrder(page).then((o) => o[3])).toBe('Le bureau est élu par le conseil d’administration.');
    await page.getByRole('button', { name: 'Supprimer la question 4' }).click();
    await page.getByRole('status').filter({ hasText: 'Question supprimée.' }).waitFor();
    await expect.poll(() => page.getByTestId('questions').locator('> li').count()).toBe(6);

    // GIFT export: a file that names every question, in the editor's order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en GIFT' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quiz-fonctionnement.gift');
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    const positions = (await questionOrder(page)).map((text) => exported.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(exported).toContain('// points: 2');

    await screenshot(page, 'quiz-editor-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await fitsPhoneWidth(page);
    await screenshot(page, 'quiz-editor-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The question form on a phone: answer rows wrap, nothing overflows.
    await page.getByRole('button', { name: '+ Ajouter une question' }).click();
    const phoneForm = page.getByRole('form', { name: 'Nouvelle question' });
    await phoneForm.getByRole('button', { name: 'Ajouter une question', exact: true }).click();
    await phoneForm.locator('[data-field-error="questionText"]').waitFor();
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await phoneForm.screenshot({ path: `${ARTIFACTS}/quiz-question-form-phone.png` });
    await page.setViewportSize(VIEWPORTS.desktop);
    await phoneForm.screenshot({ path: `${ARTIFACTS}/quiz-question-form-desktop.png` });
    await phoneForm.getByRole('button', { name: 'Annuler' }).click();

    // Preview as a student: the learner's form (no answer marked), graded, nothing recorded.
    await page.getByRole('button', { name: 'Prévisualiser comme un étudiant' }).click();
    const preview = page.getByTestId('quiz-preview');
    await expect(preview.locator('input:checked').count()).resolves.toBe(0);
    await preview.getByLabel('Le président').check();
    await screenshot(page, 'quiz-editor-preview-desktop');
    await preview.getByTestId('submit-quiz').click();
    const previewResult = preview.getByTestId('quiz-result');
    await expect(previewResult.textContent()).resolves.toContain('1 / 7 points');
    await expect(previewResult.textContent()).resolves.toContain('Non réussi');
    await expect(previewResult.getByTestId('quiz-explanation').first().textContent()).resolves.toContain(
      'Les statuts confient la convocation au président.',
    );
    await expect(callInPage(page, 'quizzes.attempts', { quizId }, 'GET')).resolves.toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Fermer l’aperçu' }).click();

    // Publish the course from the builder.
    await page.getByRole('link', { name: '← Retour au cours' }).click();
    await page.waitForURL(builderUrl);
    await page.locator('#quiz-for-lesson-' + anchor!.split('-').pop()).getByText('6 questions').waitFor();
    await page
      .getByRole('region', { name: 'Quiz' })
      .screenshot({ path: `${ARTIFACTS}/quiz-builder-section-desktop.png` });
    await page.getByRole('button', { name: 'Publier le cours' }).click();
    await page.getByTestId('publish-status').filter({ hasText: /^Publié$/ }).waitFor();
    const slug = (await page.getByRole('link', { name: 'Voir la page du cours' }).getAttribute('href'))!.split('/').pop()!;
    await ctx.close();

    // A new student enrols and takes the quiz.
    const email = `e2e-quiz-${Date.now()}@mdsc.test`;
    const password = 'Karité-Et-Néré-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Koffi', lastName: 'Agbodjan' });
    const student = await browser.newPage({ viewport: VIEWPORTS.phone });
    await dismissCelebrations(student);
    await logIn(student, baseUrl, email, { password, next: `/courses/${slug}` });
    await student.getByTestId('enrol').click();
    await student.waitForURL(`${baseUrl}/learn/${slug}`);
    await student.goto(`${baseUrl}/learn/${slug}/quiz/${quizId}`);
    await student.getByTestId('start-quiz').click();
    const form = student.getByTestId('quiz-form');
    await form.getByLabel('Le président').check();
    await form.getByLabel('Le rapport moral').check(); // one of the two right answers: no points
    await form.getByRole('group', { name: /Le bureau est élu/ }).getByLabel('Vrai').check();
    await form.getByRole('group', { name: /partager ses bénéfices/ }).getByLabel('Faux').check();
    await form.getByRole('group', { name: /fonctionnement interne/ }).getByRole('textbox').fill('  Règlement Interieur ');
    await form.getByRole('group', { name: /fondateurs/ }).getByLabel('2', { exact: true }).check();
    await student.getByTestId('submit-quiz').click();
    const result = student.getByTestId('quiz-result');
    // 1 + 0 + 1 + 1 + 1 + 1 of 7 points.
    await expect(result.textContent()).resolves.toContain('5 / 7 points');
    await expect(result.textContent()).resolves.toContain('71,43 %');
    await expect(result.textContent()).resolves.toContain('Réussi');
    // Passed: answers and explanations are revealed.
    await expect(result.getByTestId('quiz-explanation').allTextContents()).resolves.toEqual([
      'Explication : Les statuts confient la convocation au président.',
      'Explication : Le rapport moral et le rapport financier.',
      'Explication : 2: Deux personnes suffisent.',
      'Explication : Le règlement intérieur complète les statuts.',
    ]);
    await fitsPhoneWidth(student);
    await screenshot(student, 'quiz-result-explanations-phone');
    await student.close();
  });
});
