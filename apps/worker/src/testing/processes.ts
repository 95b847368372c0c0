// The API and the worker as real processes (node + tsx, no pnpm in between: SIGKILL must hit the
// process that holds the jobs), on the test's MariaDB, Redis prefix, SMTP server and data folder.
// Used by the chaos tests, which kill them with SIGKILL at chosen points and start them again.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER_DIR = path.resolve(HERE, '../..');
const API_DIR = path.resolve(HERE, '../../../api');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
  child: ChildProcess;
  out: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function kill9(p: Proc) {
  p.child.kill('SIGKILL');
  expect((await p.exited).signal).toBe('SIGKILL');
}

export async function stop(...procs: Proc[]) {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
}

export interface ProcessHarnessOptions {
  redisUrl: string;
  prefix: string;
  publicUrl: string;
  dataDir: string;
  smtpUrl: string;
  /** Added to every process's environment (e.g. a payment provider's settings). */
  env?: Record<string, string>;
}

export function processHarness(opts: ProcessHarnessOptions) {
  const children = new Set<ChildProcess>();

  function startProcess(cwd: string, env: Record<string, string>): Proc {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd,
      env: {
        PATH: process.env.PATH!,
        NODE_ENV: 'test',
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        REDIS_URL: opts.redisUrl,
        REDIS_PREFIX: opts.prefix,
        PUBLIC_URL: opts.publicUrl,
        DATA_DIR: opts.dataDir,
        SMTP_URL: opts.smtpUrl,
        OUTBOX_POLL_MS: '300',
        LOG_LEVEL: 'info',
        ...opts.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const out: string[] = [];
    const collect = (chunk: Buffer) => out.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => {
        children.delete(child);
        resolve({ code, signal });
      }),
    );
    return { child, out, exited };
  }

  /**
   * A worker whose killed jobs are noticed after ~2 s instead of 30 s. `WORKER_MAX_STALLED_COUNT`
   * defaults to 1 here (BullMQ's default, lower than ours): pass more to survive several kills.
   */
  async function startWorker(extra: Record<string, string> = {}): Promise<Proc> {
    const w = startProcess(WORKER_DIR, {
      WORKER_CONCURRENCY: '10',
      WORKER_MAX_STALLED_COUNT: '1',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      ...extra,
    });
    await waitFor(
      'worker ready',
      async () =>
        w.out.some((l) => l.includes('"worker ready"')) ||
        (w.child.exitCode !== null && Promise.reject(new Error(`worker exited:\n${w.out.join('\n')}`))),
      90_000,
    );
    return w;
  }

  async function startApi(extra: Record<string, string> = {}): Promise<Proc & { base: string }> {
    const a = startProcess(API_DIR, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...extra });
    const base = await waitFor(
      'API listening',
      async () => {
        if (a.child.exitCode !== null) throw new Error(`API exited:\n${a.out.join('\n')}`);
        const line = a.out.find((l) => /on http:\/\/127\.0\.0\.1:\d+/.test(l));
        return line ? /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1] : null;
      },
      90_000,
    );
    return { ...a, base };
  }

  /** Kills whatever is still running (afterAll). */
  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };

  return { startWorker, startApi, killAll };
}
