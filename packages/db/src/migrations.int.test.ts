import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  dropMysqlDatabase,
  ensureMysqlDatabase,
  migrateDown,
  migrateUp,
  type Database,
} from './index';
import { migrations } from './migrations/index';
import {
  EXPECTED_CHECKS,
  EXPECTED_COLUMNS,
  EXPECTED_FOREIGN_KEYS,
  EXPECTED_INDEXES,
  EXPECTED_JSON_COLUMNS,
} from './testing/expected-schema';

// Runs on its own database: the shared test database must stay migrated for the other files.
const baseUrl = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://mdsc:mdsc@127.0.0.1:3306/mdsc_test');
// Named after the test database, so that runs on different test databases do not share it.
const schemaName = `${baseUrl.pathname.slice(1) || 'mdsc_test'}_migrations`;
baseUrl.pathname = `/${schemaName}`;
const url = baseUrl.toString();

let db: Database;

async function select<T extends object>(sql: string): Promise<T[]> {
  return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: { schema: schemaName } });
}

async function tableNames(): Promise<string[]> {
  const rows = await select<{ name: string }>(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = :schema ORDER BY TABLE_NAME`,
  );
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  await dropMysqlDatabase(url);
  await ensureMysqlDatabase(url);
  db = createDatabase({ url });
});

afterAll(async () => {
  await db?.close();
  await dropMysqlDatabase(url);
});

describe('migrations on an empty MySQL/MariaDB database', () => {
  it('go up, down to zero and up again', async () => {
    const applied = await migrateUp(db.sequelize);
    expect(applied).toEqual(migrations.map((m) => m.name));
    // Later migrations may add tables: the documented ones must all be there.
    expect(await tableNames()).toEqual(
      expect.arrayContaining([...Object.keys(EXPECTED_COLUMNS), 'SequelizeMeta']),
    );

    const reverted = await migrateDown(db.sequelize, { to: 0 });
    expect(reverted).toEqual(migrations.map((m) => m.name).reverse());
    expect(await tableNames()).toEqual(['SequelizeMeta']);
    expect(await select('SELECT name FROM SequelizeMeta')).toEqual([]);

    expect(await migrateUp(db.sequelize)).toHaveLength(migrations.length);
    expect(await migrateUp(db.sequelize)).toEqual([]); // nothing pending
  });

  it('creates every table of the document with every one of its columns and NOT NULLs', async () => {
    const rows = await select<{ t: string; c: string; nullable: string }>(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, IS_NULLABLE AS nullable
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = :schema`,
    );
    const actual: Record<string, string[]> = {};
    for (const r of rows) (actual[r.t] ??= []).push(r.nullable === 'NO' ? `${r.c}!` : r.c);
    for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
      // Later migrations may add columns; none of the documented ones may be missing or differ.
      expect(actual[table], table).toEqual(expect.arrayContaining(columns.split(/\s+/)));
    }
  });

  it('uses the documented column types for enums, decimals, dates and JSON', async () => {
    const rows = await select<{ k: string; type: string; def: string | null }>(
      `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS k, COLUMN_TYPE AS type, COLUMN_DEFAULT AS def
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = :schema`,
    );
    const col = Object.fromEntries(rows.map((r) => [r.k, r]));
    expect(col['users.role'].type).toBe("enum('student','instructor','admin')");
    expect(col['users.role'].def).toMatch(/^'?student'?$/);
    expect(col['lessons.content_type'].type).toBe(
      "enum('video','text','quiz','h5p','assignment','document','audio','presentation','scorm')",
    );
    expect(col['badges.tier'].type).toBe("enum('bronze','silver','gold','legendary')");
    expect(col['courses.price'].type).toBe('decimal(10,2)');
    expect(col['courses.rating'].type).toBe('decimal(3,2)');
    expect(col['media_files.file_size'].type).toMatch(/^bigint/);
    expect(col['challenges.start_date'].type).toBe('date');
    expect(col['users.created_at'].type).toBe('datetime');
    expect(col['users.created_at'].def?.toLowerCase()).toMatch(/^current_timestamp/);
    expect(col['users.language'].def).toMatch(/^'?fr'?$/);

    // MySQL has a JSON type; MariaDB aliases it to LONGTEXT guarded by CHECK (json_valid(col)).
    const checks = await select<{ k: string; clause: string }>(
      `SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME) AS k, CHECK_CLAUSE AS clause
         FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = :schema`,
    );
    for (const key of EXPECTED_JSON_COLUMNS) {
      const type = col[key].type;
      if (type !== 'json') {
        expect(type, key).toBe('longtext');
        expect(checks.find((c) => c.k === key)?.clause, key).toMatch(/json_valid/);
      }
    }
  });

  it('creates every named index with its columns, uniqueness and FULLTEXT kind', async () => {
    const rows = await select<{ t: string; name: string; col: string; nonUnique: number; kind: string }>(
      `SELECT TABLE_NAME AS t, INDEX_NAME AS name, COLUMN_NAME AS col, NON_UNIQUE AS nonUnique, INDEX_TYPE AS kind
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = :schema ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    );
    const actual: Record<string, Record<string, string>> = {};
    for (const r of rows) {
      const table = (actual[r.t] ??= {});
      const prefix = r.kind === 'FULLTEXT' ? 'FULLTEXT ' : Number(r.nonUnique) === 0 ? 'UNIQUE ' : '';
      table[r.name] = table[r.name] ? `${table[r.name]},${r.col}` : `${prefix}${r.col}`;
    }
    for (const [table, indexes] of Object.entries(EXPECTED_INDEXES)) {
      for (const [name, definition] of Object.entries(indexes)) {
        expect(actual[table]?.[name], `${table}.${name}`).toBe(definition);
      }
    }
  });

  it('declares every foreign key with the documented ON DELETE rule', async () => {
    const rows = await select<{ k: string; ref: string; rule: string }>(
      `SELECT CONCAT(k.TABLE_NAME, '.', k.COLUMN_NAME) AS k, k.REFERENCED_TABLE_NAME AS ref, r.DELETE_RULE AS rule
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
          AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = :schema AND k.REFERENCED_TABLE_NAME IS NOT NULL`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.k, `${r.ref} ${r.rule}`]));
    expect(actual).toMatchObject(EXPECTED_FOREIGN_KEYS); // later migrations may add more
  });

  it('0800 seeds the 12 level names in French and English, and its down drops them', async () => {
    const names = () => select<{ level: number; locale: string; name: string }>('SELECT level, locale, name FROM level_names ORDER BY level, locale');
    const rows = await names();
    expect(rows).toHaveLength(24);
    expect(rows.slice(0, 2)).toEqual([
      { level: 1, locale: 'en', name: 'Apprentice' },
      { level: 1, locale: 'fr', name: 'Apprenti' },
    ]);
    expect(rows.slice(-2)).toEqual([
      { level: 12, locale: 'en', name: 'Phoenix' },
      { level: 12, locale: 'fr', name: 'Phénix' },
    ]);
    // Down to (and including) 0800, then up again.
    await migrateDown(db.sequelize, { to: '0800-level-names' });
    expect(await tableNames()).not.toContain('level_names');
    await migrateUp(db.sequelize);
    expect(await names()).toEqual(rows);
  });

  it('declares the CHECK constraints', async () => {
    const rows = await select<{ k: string }>(
      `SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME) AS k FROM information_schema.TABLE_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = :schema AND CONSTRAINT_TYPE = 'CHECK'`,
    );
    const names = rows.map((r) => r.k);
    for (const check of EXPECTED_CHECKS) expect(names, check).toContain(check);
  });
});
