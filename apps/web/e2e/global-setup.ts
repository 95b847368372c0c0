// Builds the web app, starts the API (embedded mode, fresh data directory) serving it, and hands
// the base URL to the browser tests. Chromium is Debian's (/usr/bin/chromium), never a download.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startFakeFedaPay } from '../../api/src/testing/fake-fedapay';

const E2E_FEDAPAY = { secretKey: 'sk_sandbox_e2efake000000', webhookSecret: 'wh_sandbox_e2e' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  // vitest sets NODE_ENV=test, which would give a development React bundle: build for production.
  const build = spawnSync('pnpm', ['--filter', '@mdsc/web', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('web build failed');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fedapay = await startFakeFedaPay(E2E_FEDAPAY);
  fedapay.webhookUrl = `${baseUrl}/api/payments/fedapay/webhook`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    // Paid courses: the API talks to a local fake of FedaPay (payments.e2e.test.ts).
    FEDAPAY_SECRET_KEY: E2E_FEDAPAY.secretKey,
    FEDAPAY_WEBHOOK_SECRET: E2E_FEDAPAY.webhookSecret,
    FEDAPAY_ENVIRONMENT: 'sandbox',
    FEDAPAY_API_BASE: fedapay.base,
  };
  const api: ChildProcess = spawn('pnpm', ['exec', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'apps/api'),
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`API exited with ${api.exitCode}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('API did not become healthy in 90 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);

  return async () => {
    try {
      process.kill(-api.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 500));
    await fedapay.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
