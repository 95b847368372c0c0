// Course discussions in the browser, at 360 px, in French: a learner asks a question from a lesson
// ("Discuter de cette leçon"), another learner answers, the author accepts the answer, the
// instructor pins and locks the topic; the reply and the acceptance arrive live (no reload) on the
// other side's open page and bell. Screenshots of each screen at 360 and 1280 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { bellCount, callInPage as call, fitsPhoneWidth, logIn } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function bothWidths(page: Page, name: string): Promise<void> {
  await fitsPhoneWidth(page);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(VIEWPORTS.desktop);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(VIEWPORTS.phone);
}

describe('course discussions', () => {
  it('asks from a lesson, answers, accepts, pins and locks — live, at 360 px in French', async () => {
    const baseUrl = inject('baseUrl');
    const teacher = await browser.newPage({ viewport: VIEWPORTS.phone });
    const awa = await browser.newPage({ viewport: VIEWPORTS.phone });
    const koffi = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(teacher, baseUrl, 'instructeur@mdsc.test');
    await dismissCelebrations(teacher);
    await logIn(awa, baseUrl, 'etudiant@mdsc.test');
    await dismissCelebrations(awa);
    await logIn(koffi, baseUrl, 'koffi.mensah@mdsc.test');
    await dismissCelebrations(koffi);

    // Both learners follow one of the instructor's published courses.
    const courses = await call<{ id: number; slug: string; isPublished: boolean }[]>(
      teacher,
      'analytics.courses',
      undefined,
      'GET',
    );
    const course = courses.find((c) => c.isPublished)!;
    expect(course, 'a published demo course').toBeDefined();
    for (const p of [awa, koffi]) {
      const r = await call<{ error?: string }>(p, 'enrollments.enroll', { courseId: course.id });
      expect(!r.error || /already|déjà/i.test(r.error), r.error).toBe(true);
    }
    const outline = await call<{ modules: { lessons: { id: number; title: string }[] }[] }>(
      awa,
      'progress.course',
      { slug: course.slug },
      'GET',
    );
    const lesson = outline.modules.flatMap((m) => m.lessons)[0];

    // Awa asks from the lesson page.
    await awa.goto(`${baseUrl}/learn/${course.slug}/lessons/${lesson.id}`);
    await awa.getByTestId('discuss-lesson').click();
    await awa.waitForURL(/\/discussions\/course\/\d+\?lesson=/);
    await awa.getByTestId('thread-title').fill('Comment interpréter le tableau du module 1 ?');
    await awa
      .getByTestId('thread-body')
      .fill(
        'Je ne comprends pas la **deuxième colonne**.\n\n<script>window.__pwned = 1</script>\n\nVoir [ce lien](javascript:alert(1)).',
      );
    await awa.getByTestId('thread-body-preview').click();
    await expect
      .poll(() => awa.getByTestId('md-preview').innerHTML())
      .toContain('<strong>deuxième colonne</strong>');
    expect(await awa.getByTestId('md-preview').innerHTML()).not.toMatch(/<script|href="javascript:/i);
    // She attaches her notes (a PDF), through the media pipeline.
    await awa
      .getByTestId('attachments-field')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'mes-notes.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
    await awa.getByTestId('attachments-field').getByText('mes-notes.pdf', { exact: false }).first().waitFor();
    await bothWidths(awa, 'discussions-compose');
    await awa.getByTestId('thread-submit').click();
    await awa.waitForURL(/\/discussions\/\d+$/);
    const threadUrl = awa.url();
    await awa.getByRole('heading', { name: 'Comment interpréter le tableau du module 1 ?' }).waitFor();
    expect(await awa.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await awa.getByTestId('thread').innerHTML()).not.toMatch(/<script|href="javascript:/i);
    await awa
      .getByTestId('thread')
      .getByRole('link', { name: /mes-notes\.pdf/ })
      .waitFor();
    await awa.locator('.bell[data-live="on"]').waitFor({ timeout: 15_000 });
    const awaBell = await call<number>(awa, 'notifications.unreadCount', undefined, 'GET');

    // Koffi finds it in the course's list, marked unread, and answers.
    await koffi.goto(`${baseUrl}/discussions/course/${course.id}`);
    const row = koffi.getByTestId('thread-row').filter({ hasText: 'Comment interpréter le tableau' }).first();
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('unread');
    // Search (LIKE on SQLite in this embedded run, FULLTEXT on MariaDB).
    await koffi.getByPlaceholder('Rechercher dans les discussions').fill('tableau');
    await koffi.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => koffi.getByTestId('thread-row').count()).toBe(1);
    await bothWidths(koffi, 'discussions-list');
    await row.click();
    await koffi.waitForURL(threadUrl);
    await koffi.getByTestId('reply-body').fill('La deuxième colonne donne le **total par région**, @Awa.');
    await koffi.getByTestId('reply-submit').click();
    await koffi.getByTestId('post').filter({ hasText: 'total par région' }).waitFor();
    await koffi.locator('.bell[data-live="on"]').waitFor({ timeout: 15_000 });
    const koffiBell = await call<number>(koffi, 'notifications.unreadCount', undefined, 'GET');

    // On Awa's open page, without a reload: the bell counts the reply and the reply appears.
    await expect.poll(() => bellCount(awa), { timeout: 15_000 }).toBeGreaterThan(awaBell);
    const answer = awa.getByTestId('post').filter({ hasText: 'total par région' });
    await answer.waitFor({ timeout: 15_000 });
    await answer.getByTestId('accept').click();
    await awa.locator('.disc-post.accepted').filter({ hasText: 'total par région' }).waitFor();
    await bothWidths(awa, 'discussions-thread');
    expect(await seriousA11yViolations(awa)).toEqual([]);

    // Koffi hears it live too: bell up, "Réponse acceptée" on his open page.
    await expect.poll(() => bellCount(koffi), { timeout: 15_000 }).toBeGreaterThan(koffiBell);
    await koffi.getByText('Réponse acceptée').first().waitFor({ timeout: 15_000 });

    // The instructor pins and locks; learners then see the pin in the list and cannot reply.
    await teacher.goto(threadUrl);
    await teacher.getByTestId('mod-pin').click();
    await teacher.getByRole('button', { name: 'Désépingler' }).waitFor();
    await teacher.getByTestId('mod-lock').click();
    await teacher.getByRole('button', { name: 'Déverrouiller' }).waitFor();
    // The instructor may still write in a locked topic; learners may not.
    await teacher.getByTestId('reply-form').waitFor();
    await awa.reload();
    await awa.getByText('Ce sujet est verrouillé').first().waitFor();
    expect(await awa.getByTestId('reply-form').count()).toBe(0);
    await awa.goto(`${baseUrl}/discussions/course/${course.id}`);
    const pinned = awa.getByTestId('thread-row').first();
    await expect.poll(() => pinned.innerText()).toContain('Épinglé');
    expect(await pinned.innerText()).toContain('Résolu');

    // A report reaches the instructor's moderation queue (from the role menu's page).
    const page = await call<{ posts: { id: number }[] }>(
      koffi,
      'discussions.thread',
      { threadId: Number(threadUrl.split('/').pop()) },
      'GET',
    );
    await call(awa, 'discussions.report', {
      target: 'post',
      id: page.posts[0].id,
      reason: 'off_topic',
      details: 'Pour tester',
    });
    await teacher.goto(`${baseUrl}/moderation`);
    await teacher.getByTestId('mod-item').first().waitFor();
    // The teaching menu counts what waits in the queue.
    await expect
      .poll(() => teacher.getByTestId('nav-moderation').textContent())
      .toMatch(/Modération \(\d+\)/);
    expect(await teacher.getByTestId('mod-item').first().innerText()).toContain('Hors sujet');
    await bothWidths(teacher, 'discussions-moderation');

    await Promise.all([teacher.close(), awa.close(), koffi.close()]);
  });
});
