// One meaning for DATA_DIR in every process: the API and the worker run from different working
// directories (apps/api, apps/worker, the repository root, a container's /app), so a relative
// DATA_DIR is resolved against the repository root, never the working directory. Otherwise the
// worker writes certificates into one folder and the API serves them from another.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATA_DIR = '.data';

/** The nearest folder at or above `from` holding pnpm-workspace.yaml (default: from this file). */
export function findRepoRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * DATA_DIR as an absolute path: an absolute value is kept, a relative one (default `.data`) is
 * taken from the repository root. Throws when a relative value cannot be resolved (no repository
 * around the code): set an absolute DATA_DIR then. Each app's env.ts reports the message under
 * the variable's name.
 */
export function resolveDataDir(value: string | undefined, root: string | null = findRepoRoot()): string {
  const v = value?.trim() || DEFAULT_DATA_DIR;
  if (path.isAbsolute(v)) return path.normalize(v);
  if (!root) {
    throw new Error(
      `"${v}" is relative and the repository root (pnpm-workspace.yaml) was not found; set an absolute path`,
    );
  }
  return path.resolve(root, v);
}
