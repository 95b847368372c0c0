import { Category } from '@mdsc/db';
import type { CategoryCreateInput, CategoryListInput, CategoryUpdateInput } from '@mdsc/validators';
import { literal } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';

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
export async function listCategories(
  _deps: Pick<CoreDeps, 'db'>,
  input: CategoryListInput,
): Promise<CategoryDto[]> {
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

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

const COURSE_COUNT = literal(
  '(SELECT COUNT(*) FROM courses c WHERE c.category_id = `Category`.`id` AND c.is_published = TRUE AND c.deleted_at IS NULL)',
);

async function categoryDto(id: number): Promise<CategoryDto> {
  const c = await Category.findByPk(id, { attributes: { include: [[COURSE_COUNT, 'courseCount']] } });
  if (!c) throw new NotFoundError('Category', { id });
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? null,
    color: c.color ?? null,
    icon: c.icon ?? null,
    isActive: c.isActive,
    courseCount: Number(c.get('courseCount') ?? 0),
  };
}

async function assertNameFree(name: string, exceptId?: number): Promise<void> {
  const existing = await Category.findOne({ attributes: ['id'], where: { name } });
  if (existing && existing.id !== exceptId)
    throw new ConflictError('A category with this name already exists', { field: 'name' });
}

export async function createCategory(
  _deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: CategoryCreateInput,
): Promise<CategoryDto> {
  assertAdmin(actor);
  await assertNameFree(input.name);
  const row = await Category.create({ ...input, isActive: true });
  return categoryDto(row.id);
}

/** Rename, recolour, change the icon or description, deactivate or reactivate. A deactivated
 * category keeps its courses but accepts no new ones and leaves the public list. */
export async function updateCategory(
  _deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: CategoryUpdateInput,
): Promise<CategoryDto> {
  assertAdmin(actor);
  const { id, ...fields } = input;
  const row = await Category.findByPk(id);
  if (!row) throw new NotFoundError('Category', { id });
  if (fields.name !== undefined && fields.name !== row.name) await assertNameFree(fields.name, id);
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await row.update(changes);
  return categoryDto(id);
}
