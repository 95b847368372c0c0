import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseError, ForeignKeyConstraintError, QueryTypes, UniqueConstraintError } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Badge,
  Challenge,
  Course,
  createDatabase,
  DEMO_ACCOUNTS,
  Enrollment,
  Lesson,
  migrateDown,
  migrateUp,
  Progress,
  Quiz,
  QuizQuestion,
  seedDemo,
  seedReference,
  User,
  type Database,
} from './index';
import { migrations } from './migrations/index';
import { EXPECTED_COLUMNS } from './testing/expected-schema';

// The embedded mode: the same migrations and seeders on a SQLite file.

const dir = mkdtempSync(path.join(tmpdir(), 'mdsc-db-'));
let db: Database;

async function tables(): Promise<string[]> {
  const rows = await db.sequelize.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.name);
}

async function counts() {
  return {
    users: await User.count({ paranoid: false }),
    courses: await Course.count({ paranoid: false }),
    lessons: await Lesson.count({ paranoid: false }),
    questions: await QuizQuestion.count(),
    badges: await Badge.count(),
    challenges: await Challenge.count(),
  };
}

beforeAll(() => {
  db = createDatabase({ sqliteFile: path.join(dir, 'nested', 'mdsc.sqlite') }); // creates the directory
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite (embedded mode)', () => {
  it('migrates up with foreign keys and WAL on', async () => {
    expect(db.dialect).toBe('sqlite');
    expect(await migrateUp(db.sequelize)).toEqual(migrations.map((m) => m.name));
    expect(await tables()).toEqual(
      expect.arrayContaining([...Object.keys(EXPECTED_COLUMNS), 'SequelizeMeta']),
    );
    const [mode] = await db.sequelize.query<{ journal_mode: string }>('PRAGMA journal_mode', {
      type: QueryTypes.SELECT,
    });
    expect(mode.journal_mode).toBe('wal');
    // Transactions run on their own connection: it must enforce foreign keys too.
    await db.sequelize.transaction(async (transaction) => {
      const [fk] = await db.sequelize.query<{ foreign_keys: number }>('PRAGMA foreign_keys', {
        type: QueryTypes.SELECT,
        transaction,
      });
      expect(fk.foreign_keys).toBe(1);
    });
  });

  it('seeds reference and demo data once; a second run creates nothing', async () => {
    const first = await seedReference(db.sequelize);
    expect(first.created).toBeGreaterThan(20);
    expect((await seedDemo(db.sequelize, { password: 'Demo-2026!' })).created).toBe(true);
    const after = await counts();
    expect(after.users).toBe(DEMO_ACCOUNTS.length);
    expect(after.courses).toBe(2);
    expect(new Set((await Badge.findAll()).map((b) => b.tier))).toEqual(
      new Set(['bronze', 'silver', 'gold', 'legendary']),
    );

    expect((await seedReference(db.sequelize)).created).toBe(0);
    expect((await seedDemo(db.sequelize, { password: 'Demo-2026!' })).created).toBe(false);
    expect(await counts()).toEqual(after);

    const admin = await User.findOne({ where: { email: 'admin@mdsc.test' } });
    expect(admin?.role).toBe('admin');
    expect(admin?.isEmailVerified).toBe(true);
    expect(admin?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('reads JSON columns back as objects, directly and through includes', async () => {
    const badge = await Badge.findOne({ where: { name: 'Premier pas' } });
    expect(badge?.criteria).toEqual({ type: 'lessons_completed', value: 1 });

    const finalQuiz = await Quiz.findOne({
      where: { isFinal: true },
      include: [{ model: QuizQuestion, as: 'questions' }],
      order: [[{ model: QuizQuestion, as: 'questions' }, 'orderIndex', 'ASC']],
    });
    const types = finalQuiz?.questions?.map((q) => q.questionType);
    expect(types).toEqual(expect.arrayContaining(['multiple_choice', 'true_false', 'short_answer']));
    const mcq = finalQuiz?.questions?.find((q) => q.questionType === 'multiple_choice');
    expect(Array.isArray(mcq?.options)).toBe(true);
    expect(mcq?.options?.some((o) => o.correct)).toBe(true);
    expect(typeof finalQuiz?.passingScore).toBe('number');
  });

  it('enforces CHECK and foreign-key constraints', async () => {
    const student = await User.findOne({ where: { email: 'etudiant@mdsc.test' } });
    const course = await Course.findOne({ where: { slug: 'gouvernance-associative-fondamentaux' } });
    const lesson = await Lesson.findOne({ where: { courseId: course!.id } });
    const enrollment = await Enrollment.create({ userId: student!.id, courseId: course!.id });
    const error = await Progress.create({
      enrollmentId: enrollment.id,
      lessonId: lesson!.id,
      completionPercentage: 101,
    }).catch((e: unknown) => e);
    // A DatabaseError naming the constraint, as on MySQL (Sequelize alone would say
    // UniqueConstraintError "Validation error").
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/CHECK constraint failed: chk_progress_completion/);

    const instructor = await User.findOne({ where: { email: 'instructeur@mdsc.test' } });
    await expect(instructor!.destroy({ force: true })).rejects.toBeInstanceOf(ForeignKeyConstraintError);
  });

  it('formats the caller\'s stack only for a failed statement, and still gives it to the error', async () => {
    // patchSqliteQuery: Sequelize's `run` copied without the per-statement `new Error().stack`.
    const student = await User.findOne({ where: { email: 'etudiant@mdsc.test' } });
    const error = await User.create({ email: student!.email, password: 'x', firstName: 'A', lastName: 'B' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as Error).stack).toMatch(/at /);
    const raw = await db.sequelize.query('SELECT nope FROM users', { type: QueryTypes.SELECT }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(DatabaseError);
    expect((raw as Error).stack).toMatch(/at /);
    // Success paths of every kind of statement are unchanged.
    const [row] = await db.sequelize.query<{ n: number }>('SELECT ? + 1 AS n', { replacements: [41], type: QueryTypes.SELECT });
    expect(row.n).toBe(42);
    const [, changes] = (await db.sequelize.query('UPDATE users SET first_name = first_name WHERE id = :id', {
      replacements: { id: student!.id },
      type: QueryTypes.UPDATE,
    })) as unknown as [unknown, number];
    expect(changes).toBe(1);
  });

  it('migrates down to zero and up again with data present', async () => {
    await migrateDown(db.sequelize, { to: 0 });
    expect(await tables()).toEqual(['SequelizeMeta']);
    expect(await migrateUp(db.sequelize)).toHaveLength(migrations.length);
    expect(await User.count()).toBe(0);
    expect((await seedReference(db.sequelize)).created).toBeGreaterThan(0);
  });
});
