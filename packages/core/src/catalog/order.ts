import type { Sequelize, Transaction } from 'sequelize';

/**
 * Sets order_index = position + 1 for `ids` (in that order) in one UPDATE … CASE statement, so a
 * list of any length costs one round trip and is never seen half-renumbered.
 */
export async function writeDenseOrder(
  sequelize: Sequelize,
  table: 'modules' | 'lessons',
  ids: number[],
  transaction: Transaction,
): Promise<void> {
  if (ids.length === 0) return;
  const cases = ids.map(() => 'WHEN ? THEN ?').join(' ');
  const replacements = [...ids.flatMap((id, i) => [id, i + 1]), ...ids];
  await sequelize.query(
    `UPDATE ${table} SET order_index = CASE id ${cases} END WHERE id IN (${ids.map(() => '?').join(', ')})`,
    { replacements, transaction },
  );
}

/** True when `proposed` lists exactly the ids of `current`, each once. */
export function sameIdSet(current: number[], proposed: number[]): boolean {
  if (current.length !== proposed.length) return false;
  const set = new Set(current);
  return proposed.every((id) => set.has(id)) && new Set(proposed).size === proposed.length;
}
