// Global setup of the `int` vitest project: a fresh, fully migrated MariaDB/MySQL test database
// per run. Test files share it (one file at a time), so they must use unique e-mails/slugs.
import {
  createDatabase,
  dropMysqlDatabase,
  ensureMysqlDatabase,
  migrateUp,
} from '../../packages/db/src/index.ts';

const DEFAULT_TEST_DATABASE_URL = 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_test';

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  if (!/_test[A-Za-z0-9_]*$/.test(new URL(url).pathname)) {
    // This database is dropped: refuse anything that does not look like a test database.
    throw new Error(`TEST_DATABASE_URL must name a *_test database, got ${new URL(url).pathname}`);
  }
  await dropMysqlDatabase(url);
  await ensureMysqlDatabase(url);
  const db = createDatabase({ url });
  try {
    await migrateUp(db.sequelize);
  } finally {
    await db.close();
  }
  // Workers are started after global setup and inherit this environment.
  process.env.TEST_DATABASE_URL = url;
  // The database is kept after the run for post-mortem inspection; the next run recreates it.
  return async () => {};
}
