// The API and the worker must agree on DATA_DIR: with local storage the worker writes certificate
// PDFs and media under it and the API serves them from it. Each process may start in any folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv as loadWorkerEnv } from '../../worker/src/env';
import { loadEnv as loadApiEnv } from './env';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const full = {
  DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/mdsc',
  REDIS_URL: 'redis://127.0.0.1:6379',
  STORAGE_DRIVER: 'local',
};
const startDir = process.cwd();
afterEach(() => process.chdir(startDir));

describe('DATA_DIR in the API and the worker', () => {
  const folders = [
    repoRoot,
    path.join(repoRoot, 'apps/api'),
    path.join(repoRoot, 'apps/worker'),
    os.tmpdir(),
  ];

  it.each(folders)('resolve to the same absolute folder when started in %s', (cwd) => {
    process.chdir(cwd);
    for (const DATA_DIR of [undefined, '.data', 'var/uploads', '/srv/mdsc']) {
      const source = DATA_DIR === undefined ? full : { ...full, DATA_DIR };
      const api = loadApiEnv(source).DATA_DIR;
      const worker = loadWorkerEnv(source).DATA_DIR;
      expect(worker).toBe(api);
      expect(path.isAbsolute(api)).toBe(true);
    }
    expect(loadApiEnv(full).DATA_DIR).toBe(path.join(repoRoot, '.data'));
    expect(loadWorkerEnv({ ...full, DATA_DIR: 'var/uploads' }).DATA_DIR).toBe(
      path.join(repoRoot, 'var/uploads'),
    );
  });

  it('is the folder the repository has always used by default (not apps/worker/.data)', () => {
    process.chdir(path.join(repoRoot, 'apps/worker'));
    expect(loadWorkerEnv(full).DATA_DIR).not.toBe(path.resolve('.data'));
    expect(fs.existsSync(path.join(path.dirname(loadWorkerEnv(full).DATA_DIR), 'pnpm-workspace.yaml'))).toBe(
      true,
    );
  });
});

describe('API_PROCESSES', () => {
  it('defaults to one process and allows several only in full mode (SQLite takes one writer)', () => {
    expect(loadApiEnv({}).API_PROCESSES).toBe(1);
    const full = { DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/db', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadApiEnv({ ...full, API_PROCESSES: '2' }).API_PROCESSES).toBe(2);
    expect(() => loadApiEnv({ API_PROCESSES: '2' })).toThrow(/API_PROCESSES: several processes need full mode/);
    expect(() => loadApiEnv({ ...full, API_PROCESSES: '0' })).toThrow(/API_PROCESSES/);
  });
});
