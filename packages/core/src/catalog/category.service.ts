import { Category } from '@mdsc/db';
import type { CategoryListInput } from '@mdsc/validators';
import { literal } from 'sequelize';
import type { CoreDeps } from '../deps';

export interface CategoryDto {
  id: number;
  name: string;
  description: string | null;
  color: string | null;
  icon: string | null;
  isActive: boolean;
  courseCount: number;
}

/** Categories with the number of published courses in each, in one query. */
export async function listCategories(_deps: Pick<CoreDeps, 'db'>, input: CategoryListInput): Promise<CategoryDto[]> {
  const rows = await Category.findAll({
    where: input.includeInactive ? {} : { isActive: true },
    attributes: {
      include: [
        [
          literal(
            '(SELECT COUNT(*) FROM courses c WHERE c.category_id = `Category`.`id` AND c.is_published = TRUE AND c.deleted_at IS NULL)',
          ),
          'courseCount',
        ],
      ],
    },
    order: [['name', 'ASC']],
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description ?? null,
    color: c.color ?? null,
    icon: c.icon ?? null,
    isActive: c.isActive,
    courseCount: Number(c.get('courseCount') ?? 0),
  }));
}
