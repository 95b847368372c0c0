// Admin CRUD of challenges, and the learners' view of them with their own progress.
import { Badge, Challenge, UserChallenge, type BadgeCriteria } from '@mdsc/db';
import type {
  BadgeTier,
  ChallengeCreateInput,
  ChallengeType,
  ChallengeUpdateInput,
  GamificationAdminListInput,
  Locale,
} from '@mdsc/validators';
import { literal, Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { deleteTranslations, englishNamesOf, saveEnglishNames, translator, type EnglishNames } from '../i18n/content-translations';
import { addDays, localDay } from './time';
import { transact } from '../transaction';

export type ChallengeStatus = 'upcoming' | 'open' | 'closed';

export interface ChallengeDto {
  id: number;
  name: string;
  description: string | null;
  type: ChallengeType;
  criteria: BadgeCriteria;
  rewardXp: number;
  rewardBadge: { id: number; name: string; tier: BadgeTier } | null;
  startDate: string;
  endDate: string;
  isActive: boolean;
  status: ChallengeStatus;
}

/** An admin's view: the French original with its English name and description, and the counts. */
export interface AdminChallengeDto extends ChallengeDto, EnglishNames {
  participantCount: number;
  completedCount: number;
}

export interface MyChallengeDto extends ChallengeDto {
  progress: { current: number; target: number };
  completed: boolean;
  completedAt: string | null;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

export function challengeStatus(c: { startDate: string; endDate: string; isActive: boolean }, today: string): ChallengeStatus {
  if (!c.isActive || c.endDate < today) return 'closed';
  return c.startDate > today ? 'upcoming' : 'open';
}

function toDto(c: Challenge, today: string): ChallengeDto {
  const rb = c.rewardBadge;
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? null,
    type: c.type,
    criteria: c.criteria,
    rewardXp: c.rewardXp,
    rewardBadge: rb ? { id: rb.id, name: rb.name, tier: rb.tier } : null,
    startDate: c.startDate,
    endDate: c.endDate,
    isActive: c.isActive,
    status: challengeStatus(c, today),
  };
}

const today = (deps: CoreDeps) => localDay(deps.clock.now(), deps.config.timezone);
const REWARD_BADGE = { association: 'rewardBadge', attributes: ['id', 'name', 'tier'] };

export async function listChallengesAdmin(deps: CoreDeps, actor: Actor, input: GamificationAdminListInput): Promise<AdminChallengeDto[]> {
  assertAdmin(actor);
  const rows = await Challenge.findAll({
    where: input.includeInactive ? {} : { isActive: true },
    include: [REWARD_BADGE],
    attributes: {
      include: [
        [literal('(SELECT COUNT(*) FROM user_challenges uc WHERE uc.challenge_id = `Challenge`.`id`)'), 'participantCount'],
        [
          literal('(SELECT COUNT(*) FROM user_challenges uc WHERE uc.challenge_id = `Challenge`.`id` AND uc.completed = 1)'),
          'completedCount',
        ],
      ],
    },
    order: [['startDate', 'DESC'], ['id', 'DESC']],
  });
  const d = today(deps);
  const en = await englishNamesOf('challenge', rows.map((c) => c.id));
  return rows.map((c) => ({
    ...toDto(c, d),
    ...en.get(c.id)!,
    participantCount: Number(c.get('participantCount') ?? 0),
    completedCount: Number(c.get('completedCount') ?? 0),
  }));
}

async function assertBadgeExists(id: number | null | undefined): Promise<void> {
  if (id && !(await Badge.findByPk(id, { attributes: ['id'] }))) {
    throw new ValidationError('rewardBadgeId', 'No such badge');
  }
}

async function challengeDto(deps: CoreDeps, id: number): Promise<ChallengeDto & EnglishNames> {
  const c = await Challenge.findByPk(id, { include: [REWARD_BADGE] });
  if (!c) throw new NotFoundError('Challenge', { id });
  return { ...toDto(c, today(deps)), ...(await englishNamesOf('challenge', [id])).get(id)! };
}

export async function createChallenge(deps: CoreDeps, actor: Actor, input: ChallengeCreateInput): Promise<ChallengeDto & EnglishNames> {
  assertAdmin(actor);
  await assertBadgeExists(input.rewardBadgeId);
  const id = await transact(deps, 'gamification.createChallenge', async (transaction) => {
    const c = await Challenge.create(
      {
        name: input.name,
        description: input.description,
        type: input.type,
        criteria: input.criteria as BadgeCriteria,
        rewardXp: input.rewardXp,
        rewardBadgeId: input.rewardBadgeId,
        startDate: input.startDate,
        endDate: input.endDate,
        isActive: input.isActive,
      },
      { transaction },
    );
    await saveEnglishNames('challenge', c.id, input, transaction);
    return c.id;
  });
  return challengeDto(deps, id);
}

export async function updateChallenge(deps: CoreDeps, actor: Actor, input: ChallengeUpdateInput): Promise<ChallengeDto & EnglishNames> {
  assertAdmin(actor);
  await assertBadgeExists(input.rewardBadgeId);
  const { id, nameEn, descriptionEn, ...fields } = input;
  await transact(deps, 'gamification.updateChallenge', async (transaction) => {
    const c = await Challenge.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!c) throw new NotFoundError('Challenge', { id });
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Challenge>;
    const start = patch.startDate ?? c.startDate;
    const end = patch.endDate ?? c.endDate;
    if (end < start) throw new ValidationError('endDate', 'must not be before the start date');
    await c.update(patch, { transaction });
    await saveEnglishNames('challenge', id, { nameEn, descriptionEn }, transaction);
  });
  return challengeDto(deps, id);
}

export async function deleteChallenge(deps: CoreDeps, actor: Actor, input: { id: number }): Promise<{ id: number }> {
  assertAdmin(actor);
  return transact(deps, 'gamification.deleteChallenge', async (transaction) => {
    const c = await Challenge.findByPk(input.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!c) throw new NotFoundError('Challenge', { id: input.id });
    const started = await UserChallenge.count({ where: { challengeId: c.id }, transaction });
    if (started > 0) throw new ConflictError('Learners have progress on this challenge: deactivate it instead', { field: 'id' });
    await c.destroy({ transaction });
    await deleteTranslations('challenge', c.id, transaction);
    return { id: input.id };
  });
}

/**
 * The learner's challenges: open and upcoming ones, plus those closed in the last 30 days, each
 * with the learner's progress, names in the reader's language (four queries, two in French).
 */
export async function listMyChallenges(deps: CoreDeps, actor: Actor, locale: Locale = actor.locale): Promise<MyChallengeDto[]> {
  const d = today(deps);
  const rows = await Challenge.findAll({
    where: { endDate: { [Op.gte]: addDays(d, -30) }, startDate: { [Op.lte]: addDays(d, 60) } },
    include: [REWARD_BADGE],
    order: [['endDate', 'ASC'], ['id', 'ASC']],
  });
  const mine = rows.length
    ? await UserChallenge.findAll({ where: { userId: actor.id, challengeId: { [Op.in]: rows.map((r) => r.id) } } })
    : [];
  const byChallenge = new Map(mine.map((m) => [m.challengeId, m]));
  const [trChallenge, trBadge] = await Promise.all([
    translator('challenge', rows.map((c) => c.id), locale),
    translator('badge', rows.flatMap((c) => (c.rewardBadge ? [c.rewardBadge.id] : [])), locale),
  ]);
  const out: MyChallengeDto[] = [];
  for (const c of rows) {
    const base = toDto(c, d);
    const dto = {
      ...base,
      name: trChallenge(c.id, 'name', base.name),
      description: trChallenge(c.id, 'description', base.description),
      rewardBadge: base.rewardBadge && { ...base.rewardBadge, name: trBadge(base.rewardBadge.id, 'name', base.rewardBadge.name) },
    };
    const uc = byChallenge.get(c.id);
    // Cancelled challenges the learner never joined are of no interest to them.
    if (!c.isActive && !uc) continue;
    const target = (c.criteria as { courseId?: number }).courseId ? 1 : c.criteria.value;
    const p = (uc?.progress ?? null) as { current?: number; target?: number } | null;
    out.push({
      ...dto,
      progress: { current: Number(p?.current ?? 0), target },
      completed: uc?.completed ?? false,
      completedAt: uc?.completedAt ? uc.completedAt.toISOString() : null,
    });
  }
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  return out.sort((a, b) => rank[a.status] - rank[b.status]);
}
