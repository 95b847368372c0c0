import type {
  Attributes,
  CreationAttributes,
  Model,
  ModelStatic,
  Transaction,
  WhereOptions,
} from 'sequelize';

/** Counts the rows a seeder created, so callers know whether anything was new. */
export interface SeedContext {
  transaction: Transaction;
  created: number;
}

/**
 * Returns the row matching the natural key `where`, creating it from `values` when absent.
 * Existing rows are left untouched (an admin may have edited them), soft-deleted ones included, so
 * re-running a seeder never duplicates nor resurrects anything.
 */
export async function findOrCreateBy<M extends Model>(
  model: ModelStatic<M>,
  where: WhereOptions<Attributes<M>>,
  values: CreationAttributes<M>,
  ctx: SeedContext,
): Promise<M> {
  const existing = await model.findOne({ where, transaction: ctx.transaction, paranoid: false });
  if (existing) return existing;
  ctx.created += 1;
  return model.create(values, { transaction: ctx.transaction });
}
