import { Category } from '@mdsc/db';
import type { CategoryCreateInput, CategoryListInput, CategoryUpdateInput, Locale } from '@mdsc/validators';
import { literal } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { englishNamesOf, localize, saveEnglishNames, type EnglishNames } from '../i18n/content-translations';
import { transact } from '../transaction';

export interface CategoryDto {
  id: number;
  name: string;
  description: string | null;
  color: string | null;
  icon: string | null;
  isActive: boolean;
  courseCount: number;
}

/** An admin's view: the French original with its English name and description. */
export type CategoryAdminDto = CategoryDto & EnglishNames;

const COURSE_COUNT = literal(
  '(SELECT COUNT(*) FROM courses c WHERE c.category_id = `Category`.`id` AND c.is_published = TRUE AND c.deleted_at IS NULL)',
);

function toDto(c: Category): CategoryDto {
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

const findCategories = (includeInactive: boolean) =>
  Category.findAll({
    where: includeInactive ? {} : { isActive: true },
    attributes: { include: [[COURSE_COUNT, 'courseCount']] },
    order: [['name', 'ASC']],
  });

/**
 * Categories with the number of published courses in each, named in `locale` (the French original
 * where no translation is stored): one query, two outside French.
 */
export async function listCategories(
  _deps: Pick<CoreDeps, 'db'>,
  input: CategoryListInput,
  locale: Locale = 'fr',
): Promise<CategoryDto[]> {
  const rows = await findCategories(input.includeInactive);
  return localize('category', rows.map(toDto), locale);
}

/** Every category, active or not, as the admin edits it: French original and English names (two queries). */
export async function listCategoriesAdmin(_deps: Pick<CoreDeps, 'db'>, actor: Actor): Promise<CategoryAdminDto[]> {
  assertAdmin(actor);
  const rows = await findCategories(true);
  const en = await englishNamesOf('category', rows.map((c) => c.id));
  return rows.map((c) => ({ ...toDto(c), ...en.get(c.id)! }));
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

async function categoryDto(id: number): Promise<CategoryAdminDto> {
  const c = await Category.findByPk(id, { attributes: { include: [[COURSE_COUNT, 'courseCount']] } });
  if (!c) throw new NotFoundError('Category', { id });
  return { ...toDto(c), ...(await englishNamesOf('category', [id])).get(id)! };
}

async function assertNameFree(name: string, exceptId?: number): Promise<void> {
  const existing = await Category.findOne({ attributes: ['id'], where: { name } });
  if (existing && existing.id !== exceptId)
    throw new ConflictError('A category with this name already exists', { field: 'name' });
}

export async function createCategory(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: CategoryCreateInput,
): Promise<CategoryAdminDto> {
  assertAdmin(actor);
  await assertNameFree(input.name);
  const { nameEn, descriptionEn, ...fields } = input;
  const id = await transact(deps, 'catalog.createCategory', async (transaction) => {
    const row = await Category.create({ ...fields, isActive: true }, { transaction });
    await saveEnglishNames('category', row.id, { nameEn, descriptionEn }, transaction);
    return row.id;
  });
  return categoryDto(id);
}

/** Rename, recolour, change the icon or description, deactivate or reactivate. A deactivated
 * category keeps its courses but accepts no new ones and leaves the public list. */
export async function updateCategory(
  deps: Pick<CoreDeps, 'db'>,
  actor: Actor,
  input: CategoryUpdateInput,
): Promise<CategoryAdminDto> {
  assertAdmin(actor);
  const { id, nameEn, descriptionEn, ...fields } = input;
  const row = await Category.findByPk(id);
  if (!row) throw new NotFoundError('Category', { id });
  if (fields.name !== undefined && fields.name !== row.name) await assertNameFree(fields.name, id);
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await transact(deps, 'catalog.updateCategory', async (transaction) => {
    await row.update(changes, { transaction });
    await saveEnglishNames('category', id, { nameEn, descriptionEn }, transaction);
  });
  return categoryDto(id);
}
