import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createDatabase, ensureMysqlDatabase } from './client';
import { loadDbEnv } from './env';
import { migrateDown, migrateUp } from './migrator';
import { DEMO_ACCOUNTS, seedDemo, seedReference } from './seeders/index';

// pnpm db:migrate [up | down --to 0]      pnpm db:seed [--demo]
// Without DATABASE_URL: SQLite at <repo root>/.data/mdsc.sqlite. The root comes from this file's
// location, not the cwd, since pnpm --filter runs scripts from packages/db.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE = 'usage: cli.ts migrate [up | down [--to 0|<name>]] | seed [--demo]';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command !== 'migrate' && command !== 'seed') throw new Error(USAGE);
  const env = loadDbEnv();
  const demo = command === 'seed' && args.includes('--demo');
  if (demo && env.NODE_ENV === 'production')
    throw new Error('Refusing to seed demo data with NODE_ENV=production');

  if (env.DATABASE_URL && command === 'migrate') {
    // Convenience for fresh installs; a restricted user may lack the privilege, which is fine
    // when the database already exists (the migration itself will say if it does not).
    await ensureMysqlDatabase(env.DATABASE_URL).catch((e: Error) =>
      console.warn(`Could not ensure the database exists (${e.message}); continuing.`),
    );
  }
  const db = createDatabase({ url: env.DATABASE_URL, sqliteFile: path.join(REPO_ROOT, '.data/mdsc.sqlite') });
  const where = env.DATABASE_URL
    ? env.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')
    : 'SQLite .data/mdsc.sqlite';
  try {
    if (command === 'migrate') {
      const direction = args[0] ?? 'up';
      if (direction === 'up') {
        const applied = await migrateUp(db.sequelize);
        console.log(
          applied.length ? `Applied on ${where}:\n  ${applied.join('\n  ')}` : `Up to date (${where}).`,
        );
      } else if (direction === 'down') {
        const to = flag(args, '--to');
        const reverted = await migrateDown(db.sequelize, to === undefined ? {} : { to: to === '0' ? 0 : to });
        console.log(
          reverted.length ? `Reverted on ${where}:\n  ${reverted.join('\n  ')}` : 'Nothing to revert.',
        );
      } else {
        throw new Error(USAGE);
      }
      return;
    }
    const { created } = await seedReference(db.sequelize);
    console.log(`Reference data: ${created} row(s) created (${where}).`);
    if (demo) {
      const result = await seedDemo(db.sequelize, { password: env.DEMO_PASSWORD });
      if (result.created) {
        console.log(`Demo data created. Accounts (password: ${env.DEMO_PASSWORD}):`);
        for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email}`);
      } else {
        console.log('Demo data already present.');
      }
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
