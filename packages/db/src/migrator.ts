import type { QueryInterface } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { SequelizeStorage, Umzug } from 'umzug';
import { migrations } from './migrations/index';

export type Migrator = Umzug<QueryInterface>;

/** Where umzug records applied migrations. */
export const META_TABLE = 'SequelizeMeta';

/** umzug over the migrations barrel, recording applied names in `SequelizeMeta`. */
export function createMigrator(sequelize: Sequelize): Migrator {
  return new Umzug<QueryInterface>({
    migrations: migrations.map(({ name, up, down }) => ({ name, up, down })),
    context: sequelize.getQueryInterface(),
    // Named explicitly: with `define.underscored` Sequelize would otherwise call it sequelize_meta.
    storage: new SequelizeStorage({ sequelize, tableName: META_TABLE }),
    logger: undefined, // silent; the CLI reports what ran
  });
}

/** Applies every pending migration; returns the names applied. */
export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const applied = await createMigrator(sequelize).up();
  return applied.map((m) => m.name);
}

/**
 * Reverts migrations: the last one by default, or all of them with `{ to: 0 }`, or down to (and
 * including) a named one. Returns the names reverted.
 */
export async function migrateDown(
  sequelize: Sequelize,
  opts: { to?: 0 | string; step?: number } = {},
): Promise<string[]> {
  const migrator = createMigrator(sequelize);
  const reverted =
    opts.to !== undefined
      ? await migrator.down({ to: opts.to })
      : await migrator.down({ step: opts.step ?? 1 });
  return reverted.map((m) => m.name);
}
