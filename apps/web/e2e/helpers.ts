// Helpers shared by the browser tests: captured mail, direct tRPC calls, layout checks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { VIEWPORTS } from './browser';

/**
 * The decoded text of the .eml (embedded mode writes mail under `<dataDir>/mail/`) sent to `to`
 * whose text matches `needle`, once it exists.
 */
export async function waitForMail(dataDir: string, to: string, needle: RegExp): Promise<string> {
  const dir = path.join(dataDir, 'mail');
  const deadline = Date.now() + 20_000;
  const toHeader = new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi');
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      // Quoted-printable bodies (and Q-encoded headers): join soft line breaks, decode =XX bytes as UTF-8.
      const raw = fs.readFileSync(path.join(dir, f), 'latin1');
      const bytes = raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      const text = Buffer.from(bytes, 'latin1').toString('utf8');
      if (toHeader.test(text) && needle.test(text)) return text;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${dir}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A tRPC mutation over plain HTTP (no session), e.g. to verify an account from its mailed token. */
export async function trpcMutation(baseUrl: string, proc: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}/trpc/${proc}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!res.ok) throw new Error(`${proc}: ${JSON.stringify(body.error)}`);
  return body.result!.data;
}

/**
 * A new account made the way a person makes one: registered over tRPC, then verified with the token
 * of the link its verification mail carries.
 */
export async function registerVerified(
  baseUrl: string,
  dataDir: string,
  account: { email: string; password: string; firstName: string; lastName: string },
): Promise<void> {
  await trpcMutation(baseUrl, 'auth.register', account);
  const mail = await waitForMail(dataDir, account.email, /verify-email\?token=/);
  await trpcMutation(baseUrl, 'auth.verifyEmail', { token: /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail)![1] });
}

/** No horizontal scrolling at the phone width. */
export async function fitsPhoneWidth(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
}

/** A tRPC call from inside the page (same cookie session and origin as the app). */
export function callInPage<T>(
  page: Page,
  proc: string,
  input?: unknown,
  method: 'GET' | 'POST' = 'POST',
): Promise<T> {
  return page.evaluate(
    async ({ proc, input, method }) => {
      const qs =
        method === 'GET' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
      const res = await fetch(`/trpc/${proc}${qs}`, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? JSON.stringify(input ?? null) : undefined,
        credentials: 'include',
      });
      const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
      return (body.result?.data ?? { error: body.error?.message }) as never;
    },
    { proc, input, method },
  );
}

/** The unread count on the notification bell (0 when the badge is hidden). */
export const bellCount = async (page: Page): Promise<number> => {
  const badge = page.getByTestId('notification-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.innerText());
};

/** The demo accounts' password (embedded mode's default DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'Demo-2026!';

/** Logs in through the login page (French labels) and lands on `next`, or on the dashboard. */
export async function logIn(
  page: Page,
  baseUrl: string,
  email: string,
  { password = DEMO_PASSWORD, next }: { password?: string; next?: string } = {},
): Promise<void> {
  await page.goto(next ? `${baseUrl}/login?next=${encodeURIComponent(next)}` : `${baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}${next ?? '/dashboard'}`);
}

/** A w×h PNG of one colour, built by hand (signature, IHDR, IDAT, IEND). */
export function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.concat(Array.from({ length: w }, () => Buffer.from(rgb))),
  ]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** On phones the header's account links, language and theme are folded into the menu: open it. */
export async function openHeaderMenu(page: Page): Promise<void> {
  const toggle = page.getByTestId('nav-toggle');
  // The app renders after the page's load event (its first render is a transition, index.html's
  // static header stands in until then): wait for the real header before asking about the toggle.
  await toggle.waitFor({ state: 'attached' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
}

/**
 * On a priced course's page: the learner's seat is sponsored with the demo voucher (paid at once),
 * then the course path opens.
 */
export async function enrolWithDemoVoucher(page: Page, baseUrl: string, slug: string): Promise<void> {
  await page.getByTestId('buy').click();
  await page.waitForURL(/\/payments\/checkout\/\d+$/);
  await page.getByLabel('Moyen de paiement').selectOption('voucher');
  await page.getByLabel('Code bon (facultatif)').fill('ONG-DEMO-2026');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/payments\/orders\/\d+/);
  await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Payée');
  await page.goto(`${baseUrl}/learn/${slug}`);
}
