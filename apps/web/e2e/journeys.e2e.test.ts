// One journey per role, each run twice — desktop (1280 px) in French and phone (360 px) in English — so
// every role is seen at both widths and in both languages. Each main page gets the axe-core check (no
// serious or critical violation) and a screenshot (e2e/artifacts/journey-<role>-<step>-<lang>-<width>.png).
// Texts are read from the app's dictionaries, so the same steps run in either language.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../src/i18n/en';
import { fr, type MessageKey } from '../src/i18n/fr';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { openHeaderMenu, trpcMutation, waitForMail } from './helpers';

const SLUG = 'gouvernance-associative-fondamentaux';
const DEMO_PASSWORD = 'Demo-2026!';
const RUNS = [
  { width: 'desktop', lang: 'fr' },
  { width: 'phone', lang: 'en' },
] as const;
type Run = (typeof RUNS)[number];

/** A journey's page with its language, width and helpers. */
function journey(page: Page, run: Run, role: string) {
  const dict = run.lang === 'fr' ? fr : en;
  const t = (key: MessageKey) => dict[key];
  return {
    t,
    /** Axe check, no horizontal scroll at 360 px, screenshot. */
    async check(step: string) {
      // Axe reads colours as painted: let entrance animations (fades, pops) end first.
      await page.waitForFunction(() =>
        document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity || a.playState !== 'running'),
      );
      expect(await seriousA11yViolations(page), `${role}/${step}`).toEqual([]);
      if (run.width === 'phone') {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      }
      await screenshot(page, `journey-${role}-${step}-${run.lang}-${run.width}`);
    },
    /** The role menu: folded behind its button at 360 px, open at 1280 px. Follows `key`'s link. */
    async menu(key: MessageKey) {
      const nav = page.getByTestId('main-nav');
      const toggle = page.getByTestId('nav-toggle');
      if (run.width === 'phone') {
        expect(await nav.isVisible()).toBe(false);
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      } else {
        expect(await toggle.isVisible()).toBe(false);
      }
      await nav.getByRole('link', { name: t(key), exact: true }).click();
      if (run.width === 'phone') await nav.waitFor({ state: 'hidden' });
    },
    /** Logs in; demo accounts are saved in French, so the English run switches this browser only. */
    async login(baseUrl: string, email: string, password: string) {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel(fr['auth.email'], { exact: true }).fill(email);
      await page.getByLabel(fr['auth.password'], { exact: true }).fill(password);
      await page.getByRole('button', { name: fr['auth.login.submit'] }).click();
      await page.waitForURL(`${baseUrl}/dashboard`);
      if ((await page.locator('html').getAttribute('lang')) !== run.lang) {
        await openHeaderMenu(page);
        await page.getByTestId('language-switch').selectOption(run.lang);
      }
      // The English catalog is its own chunk: the page switches once it has arrived.
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(run.lang);
      // On a phone the language is chosen inside the menu: fold it again, as a reader would.
      const toggle = page.getByTestId('nav-toggle');
      if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
      await expect.poll(() => page.getByTestId('main-nav').isVisible()).toBe(run.width !== 'phone');
    },
  };
}

const stamp = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

describe('journeys by role, desktop FR and phone EN', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const run of RUNS) {
    it(`admin: job queue health, deactivates a user, creates a category and a badge (${run.lang}, ${run.width})`, async ({ onTestFailed }) => {
      const baseUrl = inject('baseUrl');
      const victim = `e2e-journey-victim-${stamp()}@mdsc.test`;
      await trpcMutation(baseUrl, 'auth.register', { email: victim, password: 'Baobab-Et-Karité-2026', firstName: 'Comlan', lastName: 'Dossou' });

      const page = await browser.newPage({ viewport: VIEWPORTS[run.width] });
      page.on('dialog', (d) => void d.accept());
      const j = journey(page, run, 'admin');
      onTestFailed(() => screenshot(page, `journey-FAILED-admin-${run.lang}-${run.width}`));
      await j.login(baseUrl, 'admin@mdsc.test', DEMO_PASSWORD);

      // Job queue health, reached through the administration menu.
      await j.menu('nav.jobHealth');
      await page.getByRole('heading', { name: j.t('jobs.title') }).waitFor();
      await expect.poll(() => page.getByTestId('job-health').locator('tbody tr').count()).toBe(5);
      await page.getByRole('rowheader', { name: j.t('jobs.queue.mail') }).waitFor();
      // Nothing failed, nothing left in the outbox; the repair sweep runs on demand and reports.
      await page.getByTestId('failed-none').waitFor();
      await page.getByTestId('outbox-status').getByText(j.t('jobs.outbox.ok')).waitFor();
      await page.getByRole('button', { name: j.t('jobs.repair.run') }).click();
      await expect.poll(() => page.getByTestId('repair-report').textContent(), { timeout: 15_000 }).toMatch(/\d/);
      await j.check('jobs');
      // Dark mode from the toggle (kept across reloads), with AA contrast too.
      const theme = () => page.locator('html').getAttribute('data-theme');
      const before = await theme();
      await openHeaderMenu(page);
      await page.getByTestId('theme-toggle').click();
      const dark = before === 'dark' ? 'light' : 'dark';
      expect(await theme()).toBe(dark);
      await page.reload();
      await page.getByTestId('job-health').waitFor();
      expect(await theme()).toBe(dark);
      await j.check(`jobs-${dark}`);
      await openHeaderMenu(page);
      await page.getByTestId('theme-toggle').click();

      // Deactivate the new user.
      await page.goto(`${baseUrl}/admin/users`);
      await page.getByTestId('user-search').fill(victim);
      await expect.poll(() => page.getByTestId('admin-user-list').locator('li').count(), { timeout: 10_000 }).toBe(1);
      const row = page.locator(`[data-user-email="${victim}"]`);
      await row.getByRole('button', { name: j.t('admin.users.deactivate') }).click();
      await row.getByText(j.t('admin.users.inactive'), { exact: true }).waitFor();
      await page.getByTestId('toaster').getByText(j.t('toast.userUpdated')).waitFor();
      await j.check('users');

      // Create a category: refused without a name (inline error), then created.
      const category = `Agroécologie ${run.lang} ${stamp()}`;
      await j.menu('nav.adminCategories');
      const catForm = page.getByTestId('category-form');
      await catForm.getByRole('button', { name: j.t('adminCat.create') }).click();
      await catForm.locator('[data-field-error="name"]').waitFor();
      await catForm.getByLabel(j.t('adminCat.name'), { exact: true }).fill(category);
      await catForm.getByLabel(j.t('adminCat.description'), { exact: true }).fill('Cultiver sans épuiser les sols.');
      await catForm.getByRole('button', { name: j.t('adminCat.create') }).click();
      await page.getByTestId('admin-categories').locator(`[data-category="${category}"]`).waitFor();
      await page.getByTestId('toaster').getByText(j.t('adminCat.created').replace('{name}', category)).waitFor();
      await j.check('categories');
      const catalog = (await (await fetch(`${baseUrl}/trpc/categories.list`)).json()) as { result: { data: { name: string }[] } };
      expect(catalog.result.data.map((c) => c.name)).toContain(category);

      // Create a badge.
      const badge = `Badge ${run.lang} ${stamp()}`;
      await page.goto(`${baseUrl}/admin/badges`);
      await page.getByRole('button', { name: j.t('gam.admin.new'), exact: true }).click();
      const form = page.getByTestId('badge-form');
      await form.getByLabel(j.t('gam.admin.name'), { exact: true }).fill(badge);
      await form.getByLabel(j.t('gam.admin.description'), { exact: true }).fill('Pour les journées de test.');
      // Out of reach and inactive: other test files' learners running meanwhile must not earn it.
      await form.getByLabel(j.t('gam.admin.criteriaValue'), { exact: true }).fill('100000');
      await form.getByLabel(j.t('gam.admin.active'), { exact: true }).uncheck();
      await form.getByRole('button', { name: j.t('gam.admin.save'), exact: true }).click();
      await page.getByTestId('admin-badges').getByText(badge).waitFor();
      await j.check('badges');

      await page.goto(`${baseUrl}/admin/stats`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await j.check('stats');
      await page.close();
    });

    it(`instructor: builds and publishes a course, then sees its students' progress (${run.lang}, ${run.width})`, async ({ onTestFailed }) => {
      const baseUrl = inject('baseUrl');
      const page = await browser.newPage({ viewport: VIEWPORTS[run.width] });
      page.on('dialog', (d) => void d.accept());
      const j = journey(page, run, 'instructor');
      onTestFailed(() => screenshot(page, `journey-FAILED-instructor-${run.lang}-${run.width}`));
      const t = j.t;
      await j.login(baseUrl, 'instructeur@mdsc.test', DEMO_PASSWORD);

      await j.menu('nav.instructor');
      await page.getByRole('link', { name: `+ ${t('authoring.newCourse')}` }).click();
      const title = `Les mangroves ${run.lang} ${stamp()}`;
      await page.getByLabel(t('authoring.field.title'), { exact: true }).fill(title);
      await page.getByLabel(t('authoring.field.category'), { exact: true }).selectOption({ index: 1 });
      await page.getByLabel(t('authoring.field.shortDescription'), { exact: true }).fill('Agir pour le littoral');
      await page.getByLabel(t('authoring.field.description'), { exact: true }).fill('Un cours sur la protection des mangroves du delta.');
      await page.getByLabel(t('authoring.field.price'), { exact: true }).fill('0');
      await j.check('course-form');
      await page.getByRole('button', { name: t('authoring.createCourse') }).click();
      await page.getByRole('heading', { name: title }).waitFor();

      await page.getByPlaceholder(t('authoring.field.moduleTitle')).fill('Comprendre le littoral');
      await page.getByRole('button', { name: `+ ${t('authoring.addModule')}` }).click();
      await page.getByRole('heading', { name: /Comprendre le littoral/ }).waitFor();
      await page.getByRole('button', { name: `+ ${t('authoring.addLesson')}` }).first().click();
      const lessonForm = page.getByRole('form', { name: t('authoring.newLesson') });
      await lessonForm.getByLabel(t('authoring.field.lessonTitle')).fill('Les marées');
      await lessonForm.getByLabel(t('authoring.field.contentText')).fill('Deux fois par jour, la mer monte et descend.');
      await lessonForm.getByLabel(t('authoring.field.lessonPublished')).check();
      await lessonForm.getByRole('button', { name: t('authoring.addLesson'), exact: true }).click();
      await lessonForm.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: t('authoring.publish') }).click();
      await page.getByTestId('publish-status').filter({ hasText: new RegExp(`^${t('authoring.published')}$`) }).waitFor();
      await j.check('builder');

      // Students' progress: the analytics of the instructor's courses.
      await j.menu('nav.analytics');
      const courses = page.getByTestId('analytics-courses');
      await courses.waitFor();
      await j.check('analytics');
      await courses.getByRole('link').first().click();
      await page.waitForURL(/\/analytics\/courses\/\d+$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await j.check('course-analytics');
      await page.close();
    });

    it(`student: signs up, verifies the address, enrols, learns, passes the quizzes, gets the certificate (${run.lang}, ${run.width})`, async ({ onTestFailed }) => {
      const baseUrl = inject('baseUrl');
      const page = await browser.newPage({ viewport: VIEWPORTS[run.width], acceptDownloads: true });
      const j = journey(page, run, 'student');
      onTestFailed(() => screenshot(page, `journey-FAILED-student-${run.lang}-${run.width}`));
      const t = j.t;
      const email = `e2e-journey-${run.lang}-${stamp()}@mdsc.test`;
      const password = 'Karité-Et-Néré-2026';

      // Sign up in the run's language (saved as the profile language).
      await page.goto(baseUrl);
      await openHeaderMenu(page);
      await page.getByTestId('language-switch').selectOption(run.lang);
      await page.goto(`${baseUrl}/signup`);
      await page.getByLabel(t('auth.firstName'), { exact: true }).fill('Aïssatou');
      await page.getByLabel(t('auth.lastName'), { exact: true }).fill('Ouédraogo');
      await page.getByLabel(t('auth.email'), { exact: true }).fill(email);
      await page.getByLabel(t('auth.password'), { exact: true }).fill(password);
      await j.check('signup');
      await page.getByRole('button', { name: t('auth.signup.submit') }).click();
      const mail = await waitForMail(inject('dataDir'), email, /verify-email\?token=/);
      const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail)![1];
      await page.goto(`${baseUrl}/verify-email?token=${token}`);
      await page.getByTestId('verify-success').waitFor();
      await j.check('verified');

      await page.goto(`${baseUrl}/login?next=${encodeURIComponent(`/courses/${SLUG}`)}`);
      await page.getByLabel(t('auth.email'), { exact: true }).fill(email);
      await page.getByLabel(t('auth.password'), { exact: true }).fill(password);
      await page.getByRole('button', { name: t('auth.login.submit') }).click();
      await page.waitForURL(`${baseUrl}/courses/${SLUG}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(run.lang);
      await j.check('course');

      await page.getByTestId('enrol').click();
      await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
      await page.getByTestId('course-outline').waitFor();
      await j.check('path');

      // A badge or level celebration (a modal) may open after any step, when the gamification job has
      // run: the learner dismisses it (Playwright does so before an action it would block).
      await page.addLocatorHandler(
        page.locator('dialog.celebration[open]').first(),
        async (dialog) => {
          await dialog.getByRole('button').first().click();
        },
        { noWaitAfter: true },
      );
      const complete = async (lesson: string) => {
        await page.getByRole('heading', { level: 1, name: lesson }).waitFor();
        await page.getByTestId('complete-lesson').click();
      };
      // Video and audio (real demo files) complete by being played to the end.
      const play = async (lesson: string) => {
        await page.getByRole('heading', { level: 1, name: lesson }).waitFor();
        await page.evaluate(async () => {
          const m = document.querySelector('video, audio') as HTMLMediaElement;
          m.muted = true;
          const ended = new Promise((resolve) => m.addEventListener('ended', resolve, { once: true }));
          await m.play();
          await ended;
        });
        await page.getByText(t('learn.lessonDone'), { exact: true }).first().waitFor();
        await page.getByTestId('next-lesson').click();
      };
      await page.getByTestId('resume').click();
      await complete('Qu’est-ce que la gouvernance ?');
      await j.check('lesson');
      await play('Les organes d’une association');

      await page.getByRole('heading', { level: 1, name: 'Quiz : les organes' }).waitFor();
      await page.getByRole('link', { name: t('quiz.take') }).click();
      await page.getByTestId('start-quiz').click();
      const quiz = page.getByTestId('quiz-form');
      await quiz.getByLabel('L’assemblée générale des membres').check();
      await quiz.getByRole('group', { name: /Le règlement intérieur peut contredire les statuts/ }).getByLabel(t('quiz.false')).check();
      await quiz.getByLabel('Le bureau exécutif').check();
      await j.check('quiz');
      await page.getByTestId('submit-quiz').click();
      await page.getByTestId('quiz-result').waitFor();
      await page.getByRole('link', { name: t('learn.backToLesson') }).click();
      await page.getByText(t('learn.quizLessonPassed')).waitFor();
      await page.getByTestId('next-lesson').click();
      await complete('Rendre compte à ses membres');
      await play('Écoute : ouverture de l’assemblée générale');
      await complete('Modèle de rapport annuel');
      await page.getByRole('heading', { level: 1, name: 'Modèle de rapport annuel' }).waitFor();
      // The last lesson has no "next": wait for its completion to be recorded before leaving.
      await page.getByText(t('learn.lessonDone'), { exact: true }).first().waitFor();

      await page.goto(`${baseUrl}/learn/${SLUG}`);
      await page.getByRole('link', { name: t('learn.takeFinalQuiz') }).click();
      await page.getByTestId('start-quiz').click();
      await page.getByTestId('quiz-form').getByLabel('Présenter chaque année les comptes aux membres').check();
      await page.getByRole('group', { name: /conflit d’intérêts/ }).getByLabel(t('quiz.true')).check();
      await page.getByRole('group', { name: /cadre juridique/ }).getByRole('textbox').fill('Les Statuts');
      await page.getByTestId('submit-quiz').click();
      await expect(page.getByTestId('quiz-result').textContent()).resolves.toContain('100');
      await page.getByTestId('go-completion').click();
      await page.getByTestId('download-certificate').waitFor({ timeout: 30_000 });
      await j.check('completion');

      await j.menu('nav.certificates');
      await page.getByTestId('certificates').getByRole('link', { name: t('cert.verifyLink') }).click();
      await expect(page.getByTestId('verify-result').getAttribute('data-status')).resolves.toBe('valid');
      await j.check('certificate');

      await page.goto(`${baseUrl}/achievements`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await j.check('achievements');
      await page.close();
    });
  }
});
