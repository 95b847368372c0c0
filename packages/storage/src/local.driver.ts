import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import {
  assertValidKey,
  resolveRange,
  StorageNotFoundError,
  type GetResult,
  type PutOptions,
  type PutResult,
  type StatResult,
  type Storage,
} from './types';

/** Files under one directory. Writes go to a temporary file renamed into place, so readers never
 * see a half-written object and a failed upload leaves nothing. */
export function createLocalStorage(opts: { root: string }): Storage {
  const root = path.resolve(opts.root);
  const tmpDir = path.join(root, '.tmp');

  function fileOf(key: string): string {
    assertValidKey(key);
    const file = path.join(root, ...key.split('/'));
    if (!file.startsWith(root + path.sep)) throw new Error(`Invalid storage key: ${key}`);
    return file;
  }

  async function statFile(file: string) {
    try {
      const s = await fs.stat(file);
      return s.isFile() ? s : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Directories this process has created (or found): not asked for again on every write. */
  const madeDirs = new Set<string>();
  async function makeDirs(file: string, cached: boolean): Promise<void> {
    for (const dir of [path.dirname(file), tmpDir]) {
      if (cached && madeDirs.has(dir)) continue;
      await fs.mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
  }

  /** Writes a temporary file, then renames it into place; returns the size written. */
  async function writeAndRename(file: string, write: (tmp: string) => Promise<number>): Promise<number> {
    const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    try {
      const size = await write(tmp);
      await fs.rename(tmp, file);
      return size;
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  return {
    driver: 'local',
    bucket: null,

    async put(key: string, body: Readable | Buffer, _opts?: PutOptions): Promise<PutResult> {
      const file = fileOf(key);
      if (!Buffer.isBuffer(body)) {
        await makeDirs(file, false);
        const size = await writeAndRename(file, async (tmp) => {
          await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
          return (await fs.stat(tmp)).size;
        });
        return { key, size };
      }
      // A buffer in one write (no stream, no stat: its length is the size). The directories are
      // created once per process; if one was removed since, the write is simply done again.
      const write = (tmp: string) => fs.writeFile(tmp, body, { flag: 'wx' }).then(() => body.length);
      await makeDirs(file, true);
      try {
        return { key, size: await writeAndRename(file, write) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await makeDirs(file, false);
        return { key, size: await writeAndRename(file, write) };
      }
    },

    async get(key, opts = {}): Promise<GetResult> {
      const file = fileOf(key);
      // Open first, then stat the open file: a file deleted or replaced after this point is still
      // read whole from the descriptor (POSIX), never failing midway with ENOENT.
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR') throw new StorageNotFoundError(key);
        throw err;
      }
      let range;
      let s;
      try {
        s = await handle.stat();
        if (!s.isFile()) throw new StorageNotFoundError(key);
        range = resolveRange(opts.range, s.size);
      } catch (err) {
        await handle.close();
        throw err;
      }
      // The stream owns the descriptor from here and closes it when done or destroyed.
      const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      return {
        stream,
        size: s.size,
        contentLength: range ? range.end - range.start + 1 : s.size,
        range,
        contentType: null,
      };
    },

    async stat(key): Promise<StatResult | null> {
      const s = await statFile(fileOf(key));
      return s ? { size: s.size, contentType: null, lastModified: s.mtime } : null;
    },

    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },

    url(key) {
      return pathToFileURL(fileOf(key)).href;
    },
  };
}
