// XP ledger on MariaDB: replays (sequential and concurrent) pay once, re-completion pays nothing,
// quizzes pay per quiz, and user_xp's level follows the thresholds exactly at their edges.
import { Notification, UserXp, XpLedger } from '@mdsc/db';
import { LEVELS, levelForXp, XP_AWARDS } from '@mdsc/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLearningEvent } from './events';
import { applyAwards, ensureUserRows, lockUserXp } from './ledger';
import { withTransaction } from './sql';
import { createGamificationHarness, type GamificationHarness } from './testing/harness';

let h: GamificationHarness;
beforeAll(async () => {
  h = await createGamificationHarness();
  h.setNow('2026-05-12T10:00:00Z');
});
afterAll(async () => h?.close());

const ledgerOf = (userId: number) => XpLedger.findAll({ where: { userId }, order: [['id', 'ASC']] });
const xpOf = async (userId: number) => (await UserXp.findOne({ where: { userId } }))!;

describe('XP ledger', () => {
  it('pays a lesson, module and course once when the same events are replayed 10 times', async () => {
    const u = await h.user();
    const c = await h.course();
    const events = [
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id, categoryId: c.categoryId }),
      h.event({ userId: u.id, type: 'module_completed', sourceId: c.moduleId, courseId: c.id, categoryId: c.categoryId }),
      h.event({ userId: u.id, type: 'course_completed', sourceId: c.id, courseId: c.id, categoryId: c.categoryId }),
    ];
    for (let i = 0; i < 10; i++) for (const e of events) await recordLearningEvent(h.deps, e);

    const rows = await ledgerOf(u.id);
    expect(rows.map((r) => [r.reason, r.sourceType, r.sourceId, r.amount, r.categoryId])).toEqual([
      ['lesson_completed', 'lesson', String(c.lessonIds[0]), XP_AWARDS.lesson_completed, c.categoryId],
      ['module_completed', 'module', String(c.moduleId), XP_AWARDS.module_completed, c.categoryId],
      ['course_completed', 'course', String(c.id), XP_AWARDS.course_completed, c.categoryId],
    ]);
    const total = XP_AWARDS.lesson_completed + XP_AWARDS.module_completed + XP_AWARDS.course_completed;
    const xp = await xpOf(u.id);
    expect(xp.totalXp).toBe(total);
    expect(xp.currentLevel).toBe(levelForXp(total).level);
    expect(xp.xpToNextLevel).toBe(levelForXp(total).xpToNextLevel);
  });

  it('pays once when 10 identical deliveries run concurrently', async () => {
    const u = await h.user();
    const c = await h.course();
    const e = h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[1], courseId: c.id, categoryId: c.categoryId });
    const results = await Promise.all(Array.from({ length: 10 }, () => recordLearningEvent(h.deps, e)));
    expect(results.map((r) => r.xpGained).sort((a, b) => b - a)).toEqual([10, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await ledgerOf(u.id)).toHaveLength(1);
    expect((await xpOf(u.id)).totalXp).toBe(XP_AWARDS.lesson_completed);

    // Different lessons at the same time: all paid, none lost (user_xp is updated under a lock).
    const more = c.lessonIds.map((l) =>
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: l, courseId: c.id, categoryId: c.categoryId }),
    );
    await Promise.all([...more, ...more, ...more].map((ev) => recordLearningEvent(h.deps, ev)));
    expect(await ledgerOf(u.id)).toHaveLength(3);
    expect((await xpOf(u.id)).totalXp).toBe(3 * XP_AWARDS.lesson_completed);
  });

  it('never pays twice for a lesson completed, un-completed and completed again later', async () => {
    const u = await h.user();
    const c = await h.course();
    await recordLearningEvent(h.deps, h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id }));
    h.setNow('2026-05-20T10:00:00Z');
    const again = await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'lesson_completed', sourceId: c.lessonIds[0], courseId: c.id }),
    );
    expect(again.xpGained).toBe(0);
    expect((await xpOf(u.id)).totalXp).toBe(XP_AWARDS.lesson_completed);
    // Without categoryId in the event, the course's category is recorded.
    expect((await ledgerOf(u.id))[0].categoryId).toBe(c.categoryId);
    h.setNow('2026-05-12T10:00:00Z');
  });

  it('pays a quiz once per quiz (not per attempt), with the 100 % bonus once', async () => {
    const u = await h.user();
    const c = await h.course();
    const first = await h.quizAttempt(u.id, c.id, 80);
    const r1 = await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'quiz_passed', sourceId: first.attemptId, courseId: c.id, percentage: 80 }),
    );
    expect(r1.xpGained).toBe(XP_AWARDS.quiz_passed);
    const second = await h.quizAttempt(u.id, c.id, 100, first.quizId);
    const r2 = await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'quiz_passed', sourceId: second.attemptId, courseId: c.id, percentage: 100 }),
    );
    expect(r2.xpGained).toBe(XP_AWARDS.quiz_perfect_bonus);
    const third = await h.quizAttempt(u.id, c.id, 100, first.quizId);
    const r3 = await recordLearningEvent(
      h.deps,
      h.event({ userId: u.id, type: 'quiz_passed', sourceId: third.attemptId, courseId: c.id, percentage: 100 }),
    );
    expect(r3.xpGained).toBe(0);
    const rows = await ledgerOf(u.id);
    expect(rows.map((r) => [r.reason, r.sourceType, r.sourceId])).toEqual([
      ['quiz_passed', 'quiz', String(first.quizId)],
      ['quiz_perfect_bonus', 'quiz', String(first.quizId)],
    ]);
  });

  it('follows the level thresholds exactly at their edges, with one level-up notification each', async () => {
    const u = await h.user();
    await ensureUserRows(h.deps, u.id);
    let n = 0;
    const give = (amount: number) =>
      withTransaction(h.db, async (tx) => {
        const before = await lockUserXp(h.deps, u.id, tx);
        return applyAwards(h.deps, tx, u.id, before, [
          { reason: 'challenge_completed', amount, sourceType: 'test', sourceId: ++n, categoryId: null, at: new Date() },
        ]);
      });
    let total = 0;
    for (const l of LEVELS.slice(1)) {
      // One XP short of the threshold: still the previous level…
      await give(l.minXp - 1 - total);
      total = l.minXp - 1;
      let xp = await xpOf(u.id);
      expect([xp.totalXp, xp.currentLevel, xp.xpToNextLevel]).toEqual([total, l.level - 1, 1]);
      // …and exactly on it: this level.
      const res = await give(1);
      total = l.minXp;
      xp = await xpOf(u.id);
      const next = LEVELS.find((x) => x.level === l.level + 1);
      expect([xp.totalXp, xp.currentLevel, xp.xpToNextLevel]).toEqual([total, l.level, next ? next.minXp - total : null]);
      expect([res.previousLevel, res.level]).toEqual([l.level - 1, l.level]);
    }
    const levelUps = await Notification.findAll({ where: { userId: u.id }, order: [['id', 'ASC']] });
    const payloads = levelUps.map((x) => JSON.parse(x.payload) as { type: string; data: { level: number } });
    expect(payloads.filter((p) => p.type === 'level_up').map((p) => p.data.level)).toEqual(LEVELS.slice(1).map((l) => l.level));
  });

  it('skips events of unknown users without writing anything', async () => {
    const res = await recordLearningEvent(h.deps, h.event({ userId: 2_000_000_000, type: 'lesson_completed', sourceId: 1, courseId: 1 }));
    expect(res.skipped).toBe('unknown_user');
    expect(await XpLedger.count({ where: { userId: 2_000_000_000 } })).toBe(0);
  });
});
