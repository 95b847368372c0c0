// Live notifications in the browser: the demo instructor sends a broadcast to the students of a
// course; the student's bell count goes up without any reload (SSE subscription); the student
// opens the notification, reads the announcement — shown as text, script tags included — and the
// count goes down. The student's side runs at 360 px.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { bellCount, callInPage as call, logIn } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());



describe('broadcast and live notification bell', () => {
  it('raises the student’s bell count live, and lowers it when the student opens the message', async () => {
    const baseUrl = inject('baseUrl');
    const teacher = await browser.newPage({ viewport: VIEWPORTS.desktop });
    const student = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(teacher, baseUrl, 'instructeur@mdsc.test');
    await logIn(student, baseUrl, 'etudiant@mdsc.test');

    // The student joins one of the instructor's published courses.
    const courses = await call<{ id: number; title: string; isPublished: boolean }[]>(
      teacher,
      'analytics.courses',
      undefined,
      'GET',
    );
    let course: { id: number; title: string } | undefined;
    for (const c of courses.filter((x) => x.isPublished)) {
      const r = await call<{ error?: string }>(student, 'enrollments.enroll', { courseId: c.id });
      if (!r.error || /already|déjà/i.test(r.error)) {
        course = c;
        break;
      }
    }
    expect(course, 'a published demo course the student can join').toBeDefined();

    // The student waits on the messages page until the bell's live stream is up.
    await student.goto(`${baseUrl}/messages`);
    await student.locator('.bell[data-live="on"]').waitFor({ timeout: 15_000 });
    const before = await call<number>(student, 'notifications.unreadCount', undefined, 'GET');
    await expect.poll(() => bellCount(student), { timeout: 10_000 }).toBe(before);

    // The instructor sends a broadcast to the course's students through the compose form.
    await teacher.goto(`${baseUrl}/messages/new?course=${course!.id}`);
    await teacher.getByTestId('course-select').selectOption(String(course!.id));
    await teacher.getByLabel('Objet').fill('Classe virtuelle jeudi');
    await teacher
      .getByLabel('Message', { exact: true })
      .fill('Rendez-vous jeudi à 18 h.\n<script>window.__pwned = 1</script>');
    await teacher.getByTestId('send-message').click();
    await teacher.waitForURL(/\/messages\/\d+$/);

    // No reload on the student's side: the count goes up by itself.
    await expect.poll(() => bellCount(student), { timeout: 15_000 }).toBe(before + 1);
    await screenshot(student, 'messaging-bell-phone');

    // The student opens the notification: it leads to the announcement, shown as text.
    await student.getByTestId('notification-bell').click();
    const item = student
      .getByTestId('notification-item')
      .filter({ hasText: 'Classe virtuelle jeudi' })
      .first();
    await item.click();
    await student.waitForURL(/\/messages\/\d+$/);
    const body = student.getByTestId('message-body').first();
    await expect.poll(() => body.innerText()).toContain('<script>window.__pwned = 1</script>');
    expect(await student.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => bellCount(student), { timeout: 10_000 }).toBe(before);
    await screenshot(student, 'messaging-thread-phone');
    expect(await seriousA11yViolations(student)).toEqual([]);

    // The instructor's "sent" list shows the read receipt.
    await teacher.goto(`${baseUrl}/messages?box=sent`);
    await teacher
      .getByText(/Lu par 1 sur \d+/)
      .first()
      .waitFor();
    await teacher.close();
    await student.close();
  });

  it('shows the instructor’s course dashboard and the admin’s platform view, with charts, at 360 px', async () => {
    const baseUrl = inject('baseUrl');
    const teacher = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(teacher, baseUrl, 'instructeur@mdsc.test');
    await teacher.getByTestId('nav-toggle').click(); // the main menu is folded at 360 px
    await teacher.getByRole('link', { name: 'Statistiques' }).click();
    await teacher.getByTestId('analytics-courses').waitFor();
    await teacher.getByTestId('analytics-courses').getByRole('link').first().click();
    await teacher.waitForURL(/\/analytics\/courses\/\d+$/);
    const stats = teacher.getByTestId('course-stats');
    await stats.waitFor();
    expect(await stats.innerText()).toMatch(/Inscriptions\s+\d+/);
    expect(await teacher.locator('svg.chart-svg rect.chart-bar').count()).toBe(30);
    await screenshot(teacher, 'analytics-course-phone');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
    const csv = await teacher.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>('a[href*=".csv"]')!;
      const res = await fetch(a.href, { credentials: 'include' });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    });
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    expect(csv.text).toContain('Inscriptions');

    const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await logIn(admin, baseUrl, 'admin@mdsc.test');
    await admin.goto(`${baseUrl}/admin/stats`);
    const platform = admin.getByTestId('platform-stats');
    await platform.waitFor();
    expect(await platform.innerText()).toMatch(/Utilisateurs\s+\d+/);
    await screenshot(admin, 'analytics-admin-desktop');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await teacher.close();
    await admin.close();
  });
});
