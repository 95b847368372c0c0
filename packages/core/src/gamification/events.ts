// The `record-event` job: a committed learning fact (lesson completed, quiz graded, module/course
// completed, certificate issued) becomes XP awards, streak updates and challenge progress, in one
// transaction per event; badges are evaluated by a follow-up job once it has committed.
import { Course, QuizAttempt, User } from '@mdsc/db';
import type { JobPayload } from '@mdsc/jobs';
import { XP_AWARDS } from '@mdsc/validators';
import type { CoreDeps } from '../deps';
import { outboxJobs, type OutboxJobInput } from '../outbox/writer';
import { badgePdfJobs } from './badge-award';
import { updateChallenges, type ChallengeUpdate } from './challenge-progress';
import { applyAwards, ensureUserRows, lockUserXp, type XpAward, type XpState } from './ledger';
import type { Transaction } from 'sequelize';
import { withTransaction } from './sql';
import { lockStreak, nextDailyStreak, nextPerfectStreak, saveStreak, type StreakRow } from './streaks';
import { localDay } from './time';

export type LearningEvent = JobPayload<'gamification', 'record-event'>;

export interface RecordEventResult {
  /** XP paid by this delivery (0 for a replay). */
  xpGained: number;
  totalXp: number;
  level: number;
  leveledUp: boolean;
  dailyStreak: number;
  completedChallengeIds: number[];
  skipped?: 'unknown_user';
}

/** The event's own awards; quizzes pay per quiz (not per attempt), so retaking one pays nothing. */
async function eventAwards(ev: LearningEvent, categoryId: number | null, at: Date): Promise<{ awards: XpAward[]; perfect: boolean }> {
  const award = (reason: XpAward['reason'], sourceType: string, sourceId: number): XpAward => ({
    reason,
    amount: XP_AWARDS[reason as keyof typeof XP_AWARDS],
    sourceType,
    sourceId,
    categoryId,
    at,
  });
  switch (ev.type) {
    case 'lesson_completed':
      return { awards: [award('lesson_completed', 'lesson', ev.sourceId)], perfect: false };
    case 'module_completed':
      return { awards: [award('module_completed', 'module', ev.sourceId)], perfect: false };
    case 'course_completed':
      return { awards: [award('course_completed', 'course', ev.courseId)], perfect: false };
    case 'certificate_earned':
      // Per course: a certificate revoked and issued again pays once.
      return { awards: [award('certificate_earned', 'course', ev.courseId)], perfect: false };
    case 'quiz_failed':
      return { awards: [], perfect: false };
    case 'quiz_passed': {
      const attempt = await QuizAttempt.findByPk(ev.sourceId, { attributes: ['id', 'quizId', 'percentage'] });
      const percentage = ev.percentage ?? (attempt?.percentage != null ? Number(attempt.percentage) : 0);
      const perfect = percentage >= 100;
      // Without the attempt row (should not happen: events follow a commit) fall back to the attempt.
      const [type, id] = attempt ? ['quiz', attempt.quizId] : ['quiz_attempt', ev.sourceId];
      const awards = [award('quiz_passed', type, id)];
      if (perfect) awards.push(award('quiz_perfect_bonus', type, id));
      return { awards, perfect };
    }
  }
}

export interface SettledAwards {
  final: XpState;
  /** XP paid by this call, challenge rewards included. */
  gained: number;
  /** Whether anything changed (XP paid or streak moved): then badges are evaluated. */
  changed: boolean;
  challenges: ChallengeUpdate;
}

/**
 * Pays `awards` (ledger, idempotent), moves the challenges open on `day`, and writes the follow-ups
 * in the same transaction (outbox): PDFs of badges granted by challenges, and the badge evaluation
 * whenever something changed. A replay that changed nothing needs none: the delivery that did
 * wrote them with its own commit. Every XP source goes through here, so each feeds challenges and badges.
 */
export async function settleAwards(
  deps: CoreDeps,
  tx: Transaction,
  userId: number,
  before: XpState,
  awards: XpAward[],
  ctx: { day: string; at: Date; streak: StreakRow; streakChanged: boolean; reason: string; jobKey: string },
): Promise<SettledAwards> {
  const paid = await applyAwards(deps, tx, userId, before, awards);
  const changed = paid.paid.length > 0 || ctx.streakChanged;
  const challenges = changed
    ? await updateChallenges(deps, tx, userId, ctx.day, ctx.at, paid, ctx.streak)
    : { completedChallengeIds: [], grantedUserBadgeIds: [], xp: null };
  const final = challenges.xp ?? paid;
  const gained = paid.paid.reduce((s, a) => s + a.amount, 0) + (challenges.xp?.paid.reduce((s, a) => s + a.amount, 0) ?? 0);
  await outboxJobs(deps, tx, [
    ...badgePdfJobs(challenges.grantedUserBadgeIds),
    ...(changed
      ? [
          {
            queue: 'gamification',
            name: 'evaluate-badges',
            payload: { userId, reason: ctx.reason },
            jobId: `evaluate-badges-${userId}-${ctx.jobKey}`,
          } satisfies OutboxJobInput,
        ]
      : []),
  ]);
  return { final, gained, changed, challenges };
}

export async function recordLearningEvent(deps: CoreDeps, ev: LearningEvent): Promise<RecordEventResult> {
  const { userId } = ev;
  const user = await User.findByPk(userId, { attributes: ['id'] });
  if (!user) {
    deps.logger.warn({ userId, type: ev.type }, 'gamification event for an unknown or deleted user: skipped');
    return { xpGained: 0, totalXp: 0, level: 1, leveledUp: false, dailyStreak: 0, completedChallengeIds: [], skipped: 'unknown_user' };
  }
  const at = new Date(ev.occurredAt);
  const categoryId =
    ev.categoryId ??
    (await Course.findByPk(ev.courseId, { attributes: ['id', 'categoryId'], paranoid: false }))?.categoryId ??
    null;
  const { awards, perfect } = await eventAwards(ev, categoryId, at);
  const day = localDay(at, deps.config.timezone);
  await ensureUserRows(deps, userId);

  const outcome = await withTransaction(deps.db, async (tx) => {
    const before = await lockUserXp(deps, userId, tx);
    const streakBefore = await lockStreak(deps, userId, tx);
    let streak = streakBefore;
    const all = [...awards];
    const countsForStreak = ev.type === 'lesson_completed' || ev.type === 'quiz_passed';
    if (countsForStreak) {
      const next = nextDailyStreak(streak, day);
      streak = next.streak;
      // A day that extends a streak (2nd day in a row and beyond) earns the streak bonus, once per day.
      if (next.newDay && streak.dailyStreak >= 2) {
        all.push({ reason: 'streak_day', amount: XP_AWARDS.streak_day, sourceType: 'day', sourceId: day, categoryId: null, at });
      }
    }
    if (ev.type === 'quiz_passed' || ev.type === 'quiz_failed') streak = nextPerfectStreak(streak, ev.sourceId, perfect);
    if (streak !== streakBefore) await saveStreak(deps, userId, streak, tx);

    const { final, gained, changed, challenges } = await settleAwards(deps, tx, userId, before, all, {
      day,
      at,
      streak,
      streakChanged: streak !== streakBefore,
      reason: ev.type,
      jobKey: `${ev.type}-${ev.sourceId}`,
    });
    return { before, final, gained, streak, changed, challenges };
  });

  return {
    xpGained: outcome.gained,
    totalXp: outcome.final.totalXp,
    level: outcome.final.level,
    leveledUp: outcome.final.level > outcome.before.level,
    dailyStreak: outcome.streak.dailyStreak,
    completedChallengeIds: outcome.challenges.completedChallengeIds,
  };
}
