export * from './types';
export { createLocalStorage } from './local.driver';
export { createS3Storage, ensureBucket, type S3StorageOptions } from './s3.driver';
export {
  createStorageFromConfig,
  storageConfigFromEnv,
  storageEnvIssues,
  type StorageConfig,
  type StorageEnv,
} from './config';
export { DEFAULT_DATA_DIR, findRepoRoot, resolveDataDir } from './data-dir';
