// Paid courses in the browser, against the API started by global-setup with a local fake FedaPay:
// a learner buys the demo's priced course with the (fake) mobile-money page, sees the order paid,
// downloads the receipt and starts learning; another learner redeems the demo sponsor code.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn } from './helpers';

const SLUG = 'plaidoyer-mobilisation-citoyenne';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());


describe('paid course', () => {
  it('a learner buys with mobile money, gets the receipt and starts learning (360 px)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(page, baseUrl, 'etudiant@mdsc.test');
    await page.goto(`${baseUrl}/learn/${SLUG}`);
    await expect.poll(() => page.getByTestId('course-price').textContent()).toMatch(/15\s000\sF\sCFA/);
    await page.getByTestId('buy').click();
    await page.waitForURL(/\/payments\/checkout\/\d+$/);
    await page.getByLabel('Moyen de paiement').selectOption('fedapay');
    await fitsPhoneWidth(page);
    await screenshot(page, 'payments-checkout-360');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continuer' }).click();
    // The fake's hosted page approves and sends the payer back to the order page.
    await page.waitForURL(/\/payments\/orders\/\d+/);
    await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 20_000 }).toBe('Payée');
    await screenshot(page, 'payments-order-paid-360');
    const href = await page.getByTestId('receipt-link').getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByTestId('start-learning').click();
    await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
    await expect.poll(() => page.getByTestId('enrol').count()).toBe(0);
    await expect.poll(() => page.getByTestId('buy').count()).toBe(0);
    await page.goto(`${baseUrl}/payments/mine`);
    await expect.poll(() => page.getByTestId('purchases').textContent()).toContain('Payée');
    await page.close();
  });

  it('another learner redeems the demo sponsor code (1280 px)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await logIn(page, baseUrl, 'koffi.mensah@mdsc.test');
    await page.goto(`${baseUrl}/learn/${SLUG}`);
    await page.getByTestId('buy').click();
    await page.waitForURL(/\/payments\/checkout\/\d+$/);
    await page.getByLabel('Moyen de paiement').selectOption('voucher');
    await page.getByLabel('Code bon (facultatif)').fill('ong-demo-2026');
    await screenshot(page, 'payments-checkout-1280');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(/\/payments\/orders\/\d+/);
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Payée');
    await screenshot(page, 'payments-order-paid-1280');
    await page.goto(`${baseUrl}/payments/mine`);
    await screenshot(page, 'payments-mine-1280');
    await page.close();
  });

  it('the admin sees the orders and revenue; the instructor sees the revenue of own courses (1280 and 360 px)', async () => {
    const baseUrl = inject('baseUrl');
    const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await logIn(admin, baseUrl, 'admin@mdsc.test');
    await admin.goto(`${baseUrl}/admin/payments`);
    // The demo's transfer (confirmed by the admin) and this file's two purchases.
    await expect.poll(() => admin.getByTestId('admin-payments').locator('li').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => admin.getByTestId('revenue').textContent()).toContain('Plaidoyer et mobilisation citoyenne');
    await screenshot(admin, 'payments-admin-1280');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.setViewportSize(VIEWPORTS.phone);
    await fitsPhoneWidth(admin);
    await screenshot(admin, 'payments-admin-360');
    await admin.close();

    const teacher = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(teacher, baseUrl, 'instructeur@mdsc.test');
    await teacher.goto(`${baseUrl}/instructor/revenue`);
    // 15 000 F CFA paid by mobile money plus the demo's transfer: 30 000 F CFA this month.
    await expect.poll(() => teacher.getByTestId('revenue').textContent()).toMatch(/30\s000\sF\sCFA/);
    await fitsPhoneWidth(teacher);
    await screenshot(teacher, 'payments-revenue-360');
    await teacher.close();
  });

  it('the instructor creates a sponsor code and reads the sponsor report (360 px)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });
    await logIn(page, baseUrl, 'instructeur@mdsc.test');
    await page.goto(`${baseUrl}/instructor/vouchers`);
    const form = page.getByTestId('voucher-form');
    await form.getByLabel('Sponsor').fill('Fondation Tanti');
    await form.getByLabel('Cours').selectOption({ label: 'Plaidoyer et mobilisation citoyenne' });
    await form.getByLabel('Nombre d’utilisations').fill('3');
    await form.getByLabel('Code (facultatif)').fill('TANTI-2026');
    await form.getByRole('button', { name: 'Créer le code' }).click();
    await expect.poll(() => page.getByTestId('vouchers').textContent()).toContain('TANTI-2026');
    await expect.poll(() => page.getByTestId('vouchers').textContent()).toContain('0 / 3 utilisations');
    // The demo code, used by Aminata (demo data) and Koffi (this file).
    await page.locator('[data-code="ONG-DEMO-2026"]').getByRole('button', { name: 'Rapport' }).click();
    await expect.poll(() => page.getByTestId('sponsor-report').textContent()).toContain('koffi.mensah@mdsc.test');
    await fitsPhoneWidth(page);
    await screenshot(page, 'payments-vouchers-360');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
