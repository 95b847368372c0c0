import { DataTypes, literal, type ModelAttributeColumnOptions, type QueryInterface } from 'sequelize';

// Shared building blocks for the migrations. Everything dialect-specific (MariaDB/MySQL in
// production, SQLite for the embedded single-process mode) is decided here, once.

export type MigrationFn = (params: { context: QueryInterface }) => Promise<void>;
export interface MigrationModule {
  up: MigrationFn;
  down: MigrationFn;
}

export type Columns = Record<string, ModelAttributeColumnOptions>;
export type OnDelete = 'CASCADE' | 'SET NULL' | 'RESTRICT';

export const isMysql = (qi: QueryInterface): boolean => qi.sequelize.getDialect() === 'mysql';

export const id = (): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  primaryKey: true,
  autoIncrement: true,
  allowNull: false,
});

/** Integer foreign key to `table`.id. The ON DELETE action is always explicit (RESTRICT included)
 * so information_schema reports what the schema document says, on MySQL 8 and MariaDB alike. */
export const fk = (table: string, onDelete: OnDelete, allowNull: boolean): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
  onDelete,
});

// Timestamps are DATETIME, not TIMESTAMP as in the document: TIMESTAMP ends in January 2038 and
// is converted through the session time zone; DATETIME with CURRENT_TIMESTAMP defaults behaves the
// same for our use (connections run with time_zone '+00:00', so values are UTC).
export const now = (): ModelAttributeColumnOptions => ({
  type: DataTypes.DATE,
  allowNull: false,
  defaultValue: literal('CURRENT_TIMESTAMP'),
});

/** updated_at: MySQL keeps ON UPDATE CURRENT_TIMESTAMP (raw UPDATEs stay truthful); SQLite has no
 * such clause and relies on the models setting it. */
export const updatedAt = (qi: QueryInterface): ModelAttributeColumnOptions => ({
  type: DataTypes.DATE,
  allowNull: false,
  defaultValue: literal(isMysql(qi) ? 'CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP' : 'CURRENT_TIMESTAMP'),
});

export const timestamps = (qi: QueryInterface): Columns => ({ created_at: now(), updated_at: updatedAt(qi) });

export const nullableDate = (): ModelAttributeColumnOptions => ({ type: DataTypes.DATE, allowNull: true });

interface QueryGeneratorLike {
  attributesToSQL(
    attributes: Record<string, unknown>,
    options: Record<string, unknown>,
  ): Record<string, string>;
  createTableQuery(
    table: string,
    attributes: Record<string, string>,
    options: Record<string, unknown>,
  ): string;
}
interface SequelizeInternals {
  normalizeAttribute(attribute: ModelAttributeColumnOptions): Record<string, unknown>;
}

/**
 * CREATE TABLE with optional CHECK constraints ({ name: sql expression }).
 * MySQL/MariaDB: createTable, then ALTER TABLE ADD CONSTRAINT (both enforce CHECK).
 * SQLite: CHECK can only be declared inside CREATE TABLE (adding one later means rebuilding the
 * table), so we build the statement with Sequelize's own generator and append the constraints.
 */
export async function createTable(
  qi: QueryInterface,
  table: string,
  columns: Columns,
  checks: Record<string, string> = {},
): Promise<void> {
  const q = (name: string) => qi.quoteIdentifier(name);
  if (isMysql(qi)) {
    await qi.createTable(table, columns, {
      engine: 'InnoDB',
      charset: 'utf8mb4',
      collate: 'utf8mb4_unicode_ci',
    } as Parameters<QueryInterface['createTable']>[2]);
    const entries = Object.entries(checks);
    if (entries.length > 0) {
      const clauses = entries.map(([name, expr]) => `ADD CONSTRAINT ${q(name)} CHECK (${expr})`).join(', ');
      await qi.sequelize.query(`ALTER TABLE ${q(table)} ${clauses}`);
    }
    return;
  }
  const generator = qi.queryGenerator as QueryGeneratorLike;
  const seq = qi.sequelize as unknown as SequelizeInternals;
  const normalized = Object.fromEntries(
    Object.entries(columns).map(([k, v]) => [k, seq.normalizeAttribute(v)]),
  );
  const attributes = generator.attributesToSQL(normalized, { table, context: 'createTable' });
  let sql = generator.createTableQuery(table, attributes, {});
  const extra = Object.entries(checks)
    .map(([name, expr]) => `, CONSTRAINT ${q(name)} CHECK (${expr})`)
    .join('');
  if (extra) {
    if (!sql.endsWith(');')) throw new Error(`Unexpected CREATE TABLE shape for ${table}: ${sql}`);
    sql = `${sql.slice(0, -2)}${extra});`;
  }
  await qi.sequelize.query(sql);
}

/**
 * Adds a named index. Index names are per table on MySQL (the document reuses idx_course,
 * unique_token… across tables) but global per database on SQLite, where we prefix the table name.
 */
export async function addIndex(
  qi: QueryInterface,
  table: string,
  fields: string[],
  name: string,
  options: { unique?: boolean } = {},
): Promise<void> {
  await qi.addIndex(table, fields, {
    name: isMysql(qi) ? name : `${table}__${name}`,
    unique: options.unique ?? false,
  });
}

/** FULLTEXT exists only on MySQL/MariaDB; SQLite (embedded mode) searches with LIKE instead. */
export async function addFulltextIndex(
  qi: QueryInterface,
  table: string,
  fields: string[],
  name: string,
): Promise<void> {
  if (!isMysql(qi)) return;
  await qi.addIndex(table, fields, { name, type: 'FULLTEXT' });
}

/** Drops tables in the given order (children first, so foreign keys never block). */
export async function dropTables(qi: QueryInterface, tables: string[]): Promise<void> {
  for (const table of tables) await qi.dropTable(table);
}

/**
 * Drops a column. On SQLite, Sequelize's removeColumn rebuilds the table (DROP + CREATE), which
 * with foreign keys on would cascade-delete dependent rows and lose indexes and CHECKs; SQLite
 * >= 3.35 has a native DROP COLUMN, which we use instead.
 */
export async function dropColumn(qi: QueryInterface, table: string, column: string): Promise<void> {
  if (isMysql(qi)) {
    await qi.removeColumn(table, column);
    return;
  }
  await qi.sequelize.query(
    `ALTER TABLE ${qi.quoteIdentifier(table)} DROP COLUMN ${qi.quoteIdentifier(column)}`,
  );
}

// Re-exported so migration files need one import line.
export { DataTypes };
