// Public API of @mdsc/db. reflect-metadata must load before any model class is defined.
import 'reflect-metadata';

export {
  createDatabase,
  dropMysqlDatabase,
  ensureMysqlDatabase,
  parseMysqlUrl,
  DEFAULT_SQLITE_FILE,
  type CreateDatabaseOptions,
  type Database,
  type Dialect,
} from './client';
export {
  retryableLockKind,
  withTransaction,
  type RetryableLockKind,
  type TransactionLogger,
  type WithTransactionOptions,
} from './transaction';
export { createMigrator, migrateDown, migrateUp, type Migrator } from './migrator';
export {
  DEMO_ACCOUNTS,
  DEMO_COURSES,
  DEMO_INSTRUCTOR_EMAIL,
  hashDemoPassword,
  seedDemo,
  seedReference,
  type DemoAccount,
  type DemoCourse,
  type DemoLesson,
  type DemoMedia,
  type SeedDemoResult,
  type SeedReferenceResult,
} from './seeders/index';
export * from './models/index';
export * from './constants';
export { sqlInsert, sqlRows, sqlRun, type SqlParam, type SqlTarget } from './sql';
