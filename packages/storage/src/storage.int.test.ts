import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { describe, expect, it } from 'vitest';
import { createLocalStorage } from './local.driver';
import { createS3Storage } from './s3.driver';
import { describeStorageSuite } from './storage-suite';

describeStorageSuite('local disk', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-storage-'));
  return {
    storage: createLocalStorage({ root }),
    teardown: () => fs.rm(root, { recursive: true, force: true }),
  };
});

// The S3 driver against a real S3-protocol server (s3rver) on a free port.
describeStorageSuite('s3 (s3rver)', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'mdsc-test' }],
  });
  const { port } = await server.run();
  const storage = createS3Storage({
    driver: 's3',
    bucket: 'mdsc-test',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER', // s3rver's built-in credentials
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    partSize: 5 * 1024 * 1024,
  });
  return {
    storage,
    async teardown() {
      storage.close();
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
});

describe('local disk: remembered directories', () => {
  it('writes again when a directory it created was removed since', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mdsc-storage-dirs-'));
    try {
      const storage = createLocalStorage({ root });
      await storage.put('certificates/a.pdf', Buffer.from('one'));
      await fs.rm(root, { recursive: true, force: true });
      await expect(storage.put('certificates/b.pdf', Buffer.from('two!'))).resolves.toEqual({ key: 'certificates/b.pdf', size: 4 });
      expect(await fs.readFile(path.join(root, 'certificates', 'b.pdf'), 'utf8')).toBe('two!');
      expect(await fs.readdir(path.join(root, '.tmp'))).toEqual([]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
