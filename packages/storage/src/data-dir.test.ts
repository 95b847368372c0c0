import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRepoRoot, resolveDataDir } from './data-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('DATA_DIR resolution', () => {
  it('finds the repository root from any folder inside it', () => {
    expect(findRepoRoot()).toBe(repoRoot);
    expect(findRepoRoot(path.join(repoRoot, 'apps/worker/src'))).toBe(repoRoot);
    expect(findRepoRoot('/')).toBeNull();
  });

  it('resolves relative values (and the default) against the repository root, keeps absolute ones', () => {
    expect(resolveDataDir(undefined)).toBe(path.join(repoRoot, '.data'));
    expect(resolveDataDir('')).toBe(path.join(repoRoot, '.data'));
    expect(resolveDataDir('var/mdsc')).toBe(path.join(repoRoot, 'var/mdsc'));
    expect(resolveDataDir('/srv/mdsc/../data/')).toBe('/srv/data/');
  });

  it('refuses a relative value when there is no repository to resolve it against', () => {
    expect(() => resolveDataDir('.data', null)).toThrow(/".data" is relative/);
    expect(resolveDataDir('/srv/data', null)).toBe('/srv/data');
  });
});
