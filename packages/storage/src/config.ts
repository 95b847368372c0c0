import { createLocalStorage } from './local.driver';
import { createS3Storage, ensureBucket } from './s3.driver';
import type { Storage } from './types';

export type StorageConfig =
  | { driver: 'local'; root: string }
  | {
      driver: 's3' | 'minio';
      bucket: string;
      region: string;
      endpoint?: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle?: boolean;
    };

/** Builds the configured driver; for S3/MinIO the bucket is created when missing. */
export async function createStorageFromConfig(config: StorageConfig): Promise<Storage> {
  if (config.driver === 'local') return createLocalStorage({ root: config.root });
  await ensureBucket(config);
  return createS3Storage(config);
}

/** The storage variables as validated by each app's env.ts. */
export interface StorageEnv {
  STORAGE_DRIVER: 'local' | 's3' | 'minio';
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY?: string;
  S3_SECRET_KEY?: string;
  S3_REGION: string;
}

/** Missing variables for the chosen driver, named (empty when the configuration is complete). */
export function storageEnvIssues(env: StorageEnv): string[] {
  if (env.STORAGE_DRIVER === 'local') return [];
  const required = ['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const;
  const issues = required
    .filter((k) => !env[k])
    .map((k) => `${k}: required when STORAGE_DRIVER=${env.STORAGE_DRIVER}`);
  if (env.STORAGE_DRIVER === 'minio' && !env.S3_ENDPOINT)
    issues.push('S3_ENDPOINT: required when STORAGE_DRIVER=minio');
  return issues;
}

/** Maps validated variables to a driver configuration; local files go under `localRoot`. */
export function storageConfigFromEnv(env: StorageEnv, localRoot: string): StorageConfig {
  if (env.STORAGE_DRIVER === 'local') return { driver: 'local', root: localRoot };
  return {
    driver: env.STORAGE_DRIVER,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY!,
    secretAccessKey: env.S3_SECRET_KEY!,
  };
}
