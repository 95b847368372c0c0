import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
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
