// Verifiable credentials in the browser: a learner earns the first-lesson badge, downloads its
// Open Badges 3.0 credential (JSON) and the baked PNG from the achievements page, opens the share
// page; a visitor (no session) uploads each file on /verify and reads "valide" with every check
// passed, while a tampered copy fails on its signature. Screens at 360 and 1280 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousA11yViolations } from './a11y';
import { dismissCelebrations, launchBrowser, screenshot, VIEWPORTS } from './browser';
import { fitsPhoneWidth, logIn, registerVerified } from './helpers';

const SLUG = 'gouvernance-associative-fondamentaux';

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

async function verifyUpload(page: Page, file: string): Promise<string> {
  await page.goto(`${inject('baseUrl')}/verify`);
  await page.getByLabel('Fichier (JSON, JWT ou PNG)').setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier le justificatif' }).click();
  const verdict = page.getByTestId('credential-verdict');
  await verdict.waitFor();
  return (await verdict.getAttribute('data-verdict'))!;
}

describe('verifiable credentials in the browser', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-e2e-cred-'));
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a learner downloads the credential and the baked badge; a visitor verifies them on /verify', async () => {
    const baseUrl = inject('baseUrl');
    const email = `e2e-cred-${Date.now()}@mdsc.test`;
    const password = 'Néré-Et-Baobab-2026';
    await registerVerified(baseUrl, inject('dataDir'), { email, password, firstName: 'Rokia', lastName: 'Traoré' });

    const page = await browser.newPage({ viewport: VIEWPORTS.phone, acceptDownloads: true });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await dismissCelebrations(page);
    await logIn(page, baseUrl, email, { password, next: `/courses/${SLUG}` });
    await page.getByTestId('enrol').click();
    await page.waitForURL(`${baseUrl}/learn/${SLUG}`);
    await page.getByTestId('resume').click();
    await page.getByRole('heading', { level: 1, name: 'Qu’est-ce que la gouvernance ?' }).waitFor();
    await page.getByTestId('complete-lesson').click();

    // The first-lesson badge, awarded by the in-process worker, on the achievements page.
    const earned = page.getByTestId('earned-badges');
    // Up to 60 s: in the full e2e run the in-process queue still holds the earlier files' jobs.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      await page.goto(`${baseUrl}/achievements`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      if ((await earned.getByRole('heading', { name: 'Premier pas' }).count()) > 0) break;
      await page.waitForTimeout(500);
    }
    const jsonFile = await download(
      page,
      () => earned.getByRole('button', { name: 'Justificatif (JSON) de Premier pas' }).click(),
      dir,
    );
    const pngFile = await download(
      page,
      () => earned.getByRole('button', { name: 'Badge signé (PNG) de Premier pas' }).click(),
      dir,
    );
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const envelope = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { type: string; id: string };
    expect(envelope.type).toBe('EnvelopedVerifiableCredential');
    const jwt = envelope.id.replace('data:application/vc+jwt,', '');
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, any>;
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.credentialSubject.achievement.name).toBe('Premier pas');
    // The baked PNG carries the very same JWT in its openbadgecredential iTXt chunk.
    const png = fs.readFileSync(pngFile);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const chunk = png.indexOf('iTXtopenbadgecredential\0', 0, 'latin1');
    expect(chunk).toBeGreaterThan(0);
    const len = png.readUInt32BE(chunk - 4);
    const text = png.subarray(chunk + 4, chunk + 4 + len).toString('utf8');
    expect(text.slice('openbadgecredential'.length + 5)).toBe(jwt);

    // The share page, as its holder sees it.
    await earned.getByRole('button', { name: 'Partager Premier pas' }).click();
    const share = page.getByTestId('credential-share');
    await share.waitFor();
    expect(await share.getAttribute('data-status')).toBe('valid');
    await share.getByText('Rokia Traoré').waitFor();
    const linkedIn = new URL(
      (await share.getByRole('link', { name: 'Ajouter à mon profil LinkedIn' }).getAttribute('href'))!,
    );
    expect(linkedIn.searchParams.get('certUrl')).toBe(payload.id);
    await share.getByRole('button', { name: 'Vérifier la signature' }).click();
    await expect(page.getByTestId('credential-verdict').getAttribute('data-verdict')).resolves.toBe('valid');
    await fitsPhoneWidth(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'credential-share-phone');
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'credential-share-desktop');
    await page.close();

    // A visitor, no session: each file verifies on /verify.
    const visitor = await browser.newPage({ viewport: VIEWPORTS.phone });
    expect(await verifyUpload(visitor, jsonFile)).toBe('valid');
    await visitor.getByText('Justificatif valide').waitFor();
    const checks = visitor.locator('[data-check]');
    await expect(checks.count()).resolves.toBe(5);
    for (const c of await checks.all()) expect(await c.getAttribute('data-outcome')).toBe('passed');
    await visitor.getByText('Rokia Traoré').waitFor();
    await fitsPhoneWidth(visitor);
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    await screenshot(visitor, 'credential-verify-valid-phone');
    await visitor.setViewportSize(VIEWPORTS.desktop);
    await screenshot(visitor, 'credential-verify-valid-desktop');
    await visitor.setViewportSize(VIEWPORTS.phone);

    expect(await verifyUpload(visitor, pngFile)).toBe('valid');

    // A tampered copy: the name changed, the signature kept.
    const [h, , s] = jwt.split('.');
    payload.credentialSubject.achievement.name = 'Expert certifié';
    const forged = path.join(dir, 'forged.jwt');
    fs.writeFileSync(forged, `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`);
    expect(await verifyUpload(visitor, forged)).toBe('invalid');
    await visitor.getByText('Justificatif non valide').waitFor();
    expect(await visitor.locator('[data-check="signature"]').getAttribute('data-outcome')).toBe('failed');
    await fitsPhoneWidth(visitor);
    await screenshot(visitor, 'credential-verify-invalid-phone');
    await visitor.setViewportSize(VIEWPORTS.desktop);
    await screenshot(visitor, 'credential-verify-invalid-desktop');
    await visitor.close();
  });
});
