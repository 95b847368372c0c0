// Admin CRUD of challenges, and the learners' view of them with their own progress.
import { Badge, Challenge, UserChallenge, type BadgeCriteria } from '@mdsc/db';
import type {
  BadgeTier,
  ChallengeCreateInput,
  ChallengeType,
  ChallengeUpdateInput,
  GamificationAdminListInput,
} from '@mdsc/validators';
import { literal, Op } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
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

export interface AdminChallengeDto extends ChallengeDto {
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
  return rows.map((c) => ({
    ...toDto(c, d),
    participantCount: Number(c.get('participantCount') ?? 0),
    completedCount: Number(c.get('completedCount') ?? 0),
  }));
}

async function assertBadgeExists(id: number | null | undefined): Promise<void> {
  if (id && !(await Badge.findByPk(id, { attributes: ['id'] }))) {
    throw new ValidationError('rewardBadgeId', 'No such badge');
  }
}

async function challengeDto(deps: CoreDeps, id: number): Promise<ChallengeDto> {
  const c = await Challenge.findByPk(id, { include: [REWARD_BADGE] });
  if (!c) throw new NotFoundError('Challenge', { id });
  return toDto(c, today(deps));
}

export async function createChallenge(deps: CoreDeps, actor: Actor, input: ChallengeCreateInput): Promise<ChallengeDto> {
  assertAdmin(actor);
  await assertBadgeExists(input.rewardBadgeId);
  const c = await Challenge.create({
    name: input.name,
    description: input.description,
    type: input.type,
    criteria: input.criteria as BadgeCriteria,
    rewardXp: input.rewardXp,
    rewardBadgeId: input.rewardBadgeId,
    startDate: input.startDate,
    endDate: input.endDate,
    isActive: input.isActive,
  });
  return challengeDto(deps, c.id);
}

export async function updateChallenge(deps: CoreDeps, actor: Actor, input: ChallengeUpdateInput): Promise<ChallengeDto> {
  assertAdmin(actor);
  const c = await Challenge.findByPk(input.id);
  if (!c) throw new NotFoundError('Challenge', { id: input.id });
  await assertBadgeExists(input.rewardBadgeId);
  const { id: _id, ...fields } = input;
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Challenge>;
  const start = patch.startDate ?? c.startDate;
  const end = patch.endDate ?? c.endDate;
  if (end < start) throw new ValidationError('endDate', 'must not be before the start date');
  await c.update(patch);
  return challengeDto(deps, c.id);
}

export async function deleteChallenge(deps: CoreDeps, actor: Actor, input: { id: number }): Promise<{ id: number }> {
  assertAdmin(actor);
  return transact(deps, 'gamification.deleteChallenge', async (transaction) => {
    const c = await Challenge.findByPk(input.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!c) throw new NotFoundError('Challenge', { id: input.id });
    const started = await UserChallenge.count({ where: { challengeId: c.id }, transaction });
    if (started > 0) throw new ConflictError('Learners have progress on this challenge: deactivate it instead', { field: 'id' });
    await c.destroy({ transaction });
    return { id: input.id };
  });
}

/**
 * The learner's challenges: open and upcoming ones, plus those closed in the last 30 days, each
 * with the learner's progress (two queries).
 */
export async function listMyChallenges(deps: CoreDeps, actor: Actor): Promise<MyChallengeDto[]> {
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
  const out: MyChallengeDto[] = [];
  for (const c of rows) {
    const dto = toDto(c, d);
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
