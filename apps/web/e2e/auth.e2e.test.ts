// Sign up in the browser, open the verification link from the captured mail (embedded mode writes
// .eml files under DATA_DIR/mail), log in, see the profile; then log out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from './browser';
import { waitForMail, openHeaderMenu } from './helpers';

describe('accounts in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const email = `e2e-${Date.now()}@mdsc.test`;
  const password = 'Savane-Et-Baobabs-2026';

  it('signs up, verifies the address from the mail, logs in and sees the profile (360 px)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });

    await page.goto(`${baseUrl}/`);
    await openHeaderMenu(page);
    await page.getByRole('link', { name: "S'inscrire" }).click();
    await page.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    // A common password is refused by the server, next to the field.
    await page.getByLabel('Prénom').fill('Aïcha');
    await page.getByLabel('Nom', { exact: true }).fill('Sawadogo');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('motdepasse');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.locator('[data-field-error="password"]').textContent()).resolves.toMatch(/trop courant/);
    await screenshot(page, 'auth-signup-error-phone');

    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();
    await screenshot(page, 'auth-signup-done-phone');

    const mail = await waitForMail(inject('dataDir'), email, /verify-email\?token=/);
    expect(mail).toMatch(/^Subject: .*Confirmez.votre.adresse.e-mail/m);
    expect(mail).toContain('Bonjour Aïcha,');
    const link = /(https?:\/\/[^\s"<>]+\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(mail)![1];
    expect(link.startsWith(baseUrl)).toBe(true);

    await page.goto(link);
    await page.getByTestId('verify-success').waitFor();
    await expect(page.getByTestId('verify-success').textContent()).resolves.toContain(email);
    await screenshot(page, 'auth-verified-phone');

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Pas-Le-Bon-1');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.waitForURL(`${baseUrl}/dashboard`);
    await page.goto(`${baseUrl}/profile`);
    await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
    await expect(page.getByTestId('profile-email').textContent()).resolves.toBe(email);
    await expect(page.getByTestId('profile-identity').textContent()).resolves.toContain('Aïcha Sawadogo');
    await page.getByText('Confirmée', { exact: true }).waitFor();
    // The session cookie is HttpOnly: invisible to scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain('mdsc_session');
    // Usable at 360 px: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'auth-profile-phone');

    await page.getByRole('link', { name: 'Gérer mes sessions actives' }).click();
    await page.getByTestId('session-list').getByText('Cette session').waitFor();
    await page.getByRole('link', { name: 'Retour au profil' }).click();

    await openHeaderMenu(page);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await openHeaderMenu(page);
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.goto(`${baseUrl}/profile`);
    await page.waitForURL(/\/login\?next=%2Fprofile$/);
    await page.close();
  });

  it('signing up again with a taken address looks exactly the same; the owner gets a mail instead (1280 px)', async () => {
    const baseUrl = inject('baseUrl');
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel('Prénom').fill('Intrus');
    await page.getByLabel('Nom', { exact: true }).fill('Inconnu');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Un-Autre-Mot-De-Passe-9');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte mail' }).waitFor();
    await expect(page.locator('p.notice').textContent()).resolves.toContain(email);
    await screenshot(page, 'auth-signup-done-desktop');
    const mail = await waitForMail(inject('dataDir'), email, /Vous avez déjà un compte/);
    expect(mail).toContain('Bonjour Aïcha,'); // the owner, not the intruder
    expect(mail).toContain(`${baseUrl}/forgot-password`);
    await page.close();
  });

  it('an admin finds the new user and deactivates them: their open session stops at once', async () => {
    const baseUrl = inject('baseUrl');
    const user = await browser.newPage({ viewport: VIEWPORTS.desktop });
    await user.goto(`${baseUrl}/login?next=%2Fprofile`);
    await user.getByLabel('Adresse e-mail').fill(email);
    await user.getByLabel('Mot de passe').fill(password);
    await user.getByRole('button', { name: 'Se connecter' }).click();
    await user.waitForURL(`${baseUrl}/profile`);

    const admin = await browser.newPage({ viewport: VIEWPORTS.desktop });
    admin.on('dialog', (d) => void d.accept());
    await admin.goto(`${baseUrl}/login`);
    await admin.getByLabel('Adresse e-mail').fill('admin@mdsc.test');
    await admin.getByLabel('Mot de passe').fill('Demo-2026!');
    await admin.getByRole('button', { name: 'Se connecter' }).click();
    await admin.waitForURL(`${baseUrl}/dashboard`);
    await admin.getByRole('link', { name: 'Utilisateurs' }).click();
    await admin.getByTestId('user-search').fill(email);
    // The search runs after a pause in typing: wait for the filtered list.
    await expect.poll(() => admin.getByTestId('admin-user-list').locator('li').count(), { timeout: 10_000 }).toBe(1);
    const row = admin.locator(`[data-user-email="${email}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Désactiver' }).click();
    await row.getByText('Désactivé', { exact: true }).waitFor();
    await screenshot(admin, 'auth-admin-users-desktop');

    await user.reload();
    await user.waitForURL(/\/login\?next=%2Fprofile$/);
    await user.close();
    await admin.close();
  });
});
