// One behaviour suite for every driver: the S3 driver must pass exactly what the disk driver passes.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageNotFoundError, StorageRangeError, type Storage } from './types';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** A stream of `size` pseudo-random bytes delivered in 64 KiB chunks, and its SHA-256. */
function bigStream(size: number): { stream: Readable; sha: string } {
  const data = randomBytes(size);
  const chunks: Buffer[] = [];
  for (let i = 0; i < size; i += 65536) chunks.push(data.subarray(i, i + 65536));
  return { stream: Readable.from(chunks), sha: createHash('sha256').update(data).digest('hex') };
}

export function describeStorageSuite(
  name: string,
  setup: () => Promise<{ storage: Storage; teardown(): Promise<void> }>,
): void {
  describe(`storage driver: ${name}`, () => {
    let storage: Storage;
    let teardown: () => Promise<void>;
    const prefix = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      ({ storage, teardown } = await setup());
    });
    afterAll(async () => {
      await teardown?.();
    });

    it('stores a stream and reads it back whole, with stat', async () => {
      const key = `${prefix}/a/hello.txt`;
      const put = await storage.put(key, Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
        contentType: 'text/plain',
      });
      expect(put).toEqual({ key, size: 11 });
      const got = await storage.get(key);
      expect(got.size).toBe(11);
      expect(got.contentLength).toBe(11);
      expect(got.range).toBeNull();
      expect((await readAll(got.stream)).toString()).toBe('hello world');
      const s = await storage.stat(key);
      expect(s?.size).toBe(11);
    });

    it('stores a Buffer', async () => {
      const key = `${prefix}/buf.bin`;
      await storage.put(key, Buffer.from([1, 2, 3, 4]));
      expect([...(await readAll((await storage.get(key)).stream))]).toEqual([1, 2, 3, 4]);
    });

    it('serves byte ranges: closed, open-ended, clamped, and refuses one past the end', async () => {
      const key = `${prefix}/range.txt`;
      await storage.put(key, Buffer.from('0123456789'));
      const mid = await storage.get(key, { range: { start: 2, end: 5 } });
      expect(mid.range).toEqual({ start: 2, end: 5 });
      expect(mid.contentLength).toBe(4);
      expect(mid.size).toBe(10);
      expect((await readAll(mid.stream)).toString()).toBe('2345');
      const tail = await storage.get(key, { range: { start: 7 } });
      expect(tail.range).toEqual({ start: 7, end: 9 });
      expect((await readAll(tail.stream)).toString()).toBe('789');
      const clamped = await storage.get(key, { range: { start: 8, end: 100 } });
      expect(clamped.range).toEqual({ start: 8, end: 9 });
      expect((await readAll(clamped.stream)).toString()).toBe('89');
      const err = await storage.get(key, { range: { start: 10 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageRangeError);
      expect((err as StorageRangeError).size).toBe(10);
    });

    it('reports missing objects: stat null, get NotFound, delete idempotent', async () => {
      const key = `${prefix}/missing.bin`;
      expect(await storage.stat(key)).toBeNull();
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
      await storage.delete(key);
      await storage.put(key, Buffer.from('x'));
      await storage.delete(key);
      expect(await storage.stat(key)).toBeNull();
    });

    it('leaves nothing behind when the source stream fails', async () => {
      const key = `${prefix}/broken.bin`;
      async function* failing() {
        yield Buffer.alloc(1024, 1);
        throw new Error('client went away');
      }
      await expect(storage.put(key, Readable.from(failing()))).rejects.toThrow('client went away');
      expect(await storage.stat(key)).toBeNull();
    });

    it('streams a file larger than one upload part without corrupting it', async () => {
      const key = `${prefix}/big.bin`;
      const size = 11 * 1024 * 1024 + 12345;
      const { stream, sha } = bigStream(size);
      expect((await storage.put(key, stream)).size).toBe(size);
      const got = await storage.get(key);
      expect(got.size).toBe(size);
      expect(
        createHash('sha256')
          .update(await readAll(got.stream))
          .digest('hex'),
      ).toBe(sha);
      await storage.delete(key);
    });

    it('rejects keys that could escape the store', async () => {
      for (const bad of ['../etc/passwd', '/abs', 'a/../../b', '', 'a//b', 'sp ace']) {
        await expect(storage.put(bad, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
      }
    });

    it('gives a URL naming the object', () => {
      expect(storage.url(`${prefix}/a/hello.txt`)).toContain(`${prefix}/a/hello.txt`);
    });
  });
}
