// Every write to a course's modules, lessons or quizzes bumps courses.structure_version in the
// same transaction: each API process caches the course's structure per version (see
// learning/structure in @mdsc/core). createDatabase installs the hooks on those three models.
import type { Model, ModelStatic, Transaction, WhereOptions } from 'sequelize';
import { Course } from './course.model';

type HookOptions = { transaction?: Transaction | null };

export async function bumpStructureVersion(courseIds: unknown[], options: HookOptions): Promise<void> {
  const ids = [...new Set(courseIds)].filter((id): id is number => typeof id === 'number');
  if (ids.length === 0) return;
  // silent: the course's updated_at stays the date of its own last edit.
  await Course.increment('structureVersion', { by: 1, where: { id: ids }, silent: true, transaction: options.transaction ?? undefined });
}

/** For bulk updates and deletes: before the statement, while its WHERE still finds the rows (a bump without a change is harmless). */
export async function bumpStructureVersionOfMatched(
  model: ModelStatic<Model & { courseId: number }>,
  options: HookOptions & { where?: WhereOptions },
): Promise<void> {
  const rows = (await model.findAll({ attributes: ['courseId'], where: options.where, transaction: options.transaction, raw: true, paranoid: false })) as unknown as { courseId: number }[];
  await bumpStructureVersion(rows.map((r) => r.courseId), options);
}

type CourseChild = ModelStatic<Model & { courseId: number }>;
const HOOK = 'structureVersion';

/**
 * Installs on each model (modules, lessons, quizzes) the hooks that bump its course's
 * structure_version on every write: single rows after the write, bulk writes before the statement.
 * Named, so installing again (one call per createDatabase) replaces them rather than adding twice.
 */
export function installStructureVersionHooks(models: CourseChild[]): void {
  const one = async (row: { courseId: number }, options: HookOptions) => bumpStructureVersion([row.courseId], options);
  for (const model of models) {
    const matched = async (options: HookOptions & { where?: WhereOptions }) => bumpStructureVersionOfMatched(model, options);
    const hooks = {
      afterCreate: one,
      afterUpdate: one,
      afterDestroy: one,
      afterRestore: one,
      afterBulkCreate: async (rows: { courseId: number }[], options: HookOptions) =>
        bumpStructureVersion(rows.map((r) => r.courseId), options),
      beforeBulkUpdate: matched,
      beforeBulkDestroy: matched,
      beforeBulkRestore: matched,
    };
    for (const [type, fn] of Object.entries(hooks)) {
      model.removeHook(type as never, HOOK);
      model.addHook(type as never, HOOK, fn as never);
    }
  }
}
