// Admin CRUD of the badge catalogue. A badge somebody holds cannot be deleted (it would vanish
// from their profile): deactivate it instead.
import { Badge, Challenge, type BadgeCriteria } from '@mdsc/db';
import type { BadgeCreateInput, BadgeTier, BadgeUpdateInput, GamificationAdminListInput } from '@mdsc/validators';
import { literal } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { deleteTranslations, englishNamesOf, saveEnglishNames, type EnglishNames } from '../i18n/content-translations';
import { transact } from '../transaction';

/** An admin's view: the French original and its English name and description. */
export interface BadgeDto extends EnglishNames {
  id: number;
  name: string;
  description: string | null;
  iconUrl: string | null;
  tier: BadgeTier;
  category: string | null;
  criteria: BadgeCriteria;
  isActive: boolean;
  holderCount: number;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

const HOLDERS = literal('(SELECT COUNT(*) FROM user_badges ub WHERE ub.badge_id = `Badge`.`id`)');

function toDto(b: Badge, en: EnglishNames): BadgeDto {
  return {
    ...en,
    id: b.id,
    name: b.name,
    description: b.description ?? null,
    iconUrl: b.iconUrl ?? null,
    tier: b.tier,
    category: b.category ?? null,
    criteria: b.criteria,
    isActive: b.isActive,
    holderCount: Number(b.get('holderCount') ?? 0),
  };
}

async function badgeDto(id: number): Promise<BadgeDto> {
  const b = await Badge.findByPk(id, { attributes: { include: [[HOLDERS, 'holderCount']] } });
  if (!b) throw new NotFoundError('Badge', { id });
  return toDto(b, (await englishNamesOf('badge', [id])).get(id)!);
}

/** All badges with their number of holders and their English names, in two queries. */
export async function listBadgesAdmin(_deps: CoreDeps, actor: Actor, input: GamificationAdminListInput): Promise<BadgeDto[]> {
  assertAdmin(actor);
  const rows = await Badge.findAll({
    where: input.includeInactive ? {} : { isActive: true },
    attributes: { include: [[HOLDERS, 'holderCount']] },
    order: [['id', 'ASC']],
  });
  const en = await englishNamesOf('badge', rows.map((b) => b.id));
  return rows.map((b) => toDto(b, en.get(b.id)!));
}

export async function createBadge(deps: CoreDeps, actor: Actor, input: BadgeCreateInput): Promise<BadgeDto> {
  assertAdmin(actor);
  const id = await transact(deps, 'gamification.createBadge', async (transaction) => {
    const b = await Badge.create(
      {
        name: input.name,
        description: input.description,
        iconUrl: input.iconUrl,
        pdfUrl: null,
        tier: input.tier,
        category: input.category,
        criteria: input.criteria as BadgeCriteria,
        isActive: input.isActive,
      },
      { transaction },
    );
    await saveEnglishNames('badge', b.id, input, transaction);
    return b.id;
  });
  return badgeDto(id);
}

export async function updateBadge(deps: CoreDeps, actor: Actor, input: BadgeUpdateInput): Promise<BadgeDto> {
  assertAdmin(actor);
  const { id, nameEn, descriptionEn, ...fields } = input;
  await transact(deps, 'gamification.updateBadge', async (transaction) => {
    const b = await Badge.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!b) throw new NotFoundError('Badge', { id });
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await b.update(patch as Partial<Badge>, { transaction });
    await saveEnglishNames('badge', id, { nameEn, descriptionEn }, transaction);
  });
  return badgeDto(id);
}

export async function deleteBadge(deps: CoreDeps, actor: Actor, input: { id: number }): Promise<{ id: number }> {
  assertAdmin(actor);
  return transact(deps, 'gamification.deleteBadge', async (transaction) => {
    const b = await Badge.findByPk(input.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!b) throw new NotFoundError('Badge', { id: input.id });
    const held = await b.$count('userBadges', { transaction });
    if (held > 0) throw new ConflictError('This badge has holders: deactivate it instead', { field: 'id', holders: held });
    const rewardOf = await Challenge.count({ where: { rewardBadgeId: b.id }, transaction });
    if (rewardOf > 0) throw new ConflictError('This badge is the reward of a challenge', { field: 'id' });
    await b.destroy({ transaction });
    await deleteTranslations('badge', b.id, transaction);
    return { id: input.id };
  });
}
