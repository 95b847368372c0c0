// Leaderboards against a brute-force computation in JavaScript on random data (seeded): global
// (user_xp), this month (ledger, month boundaries in the platform time zone) and per category;
// paging, ties, the viewer's own rank, anonymous opt-outs, deleted and deactivated accounts.
import { User } from '@mdsc/db';
import type { LeaderboardScope } from '@mdsc/validators';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../deps';
import { applyAwards, ensureUserRows, lockUserXp, type XpAward } from './ledger';
import { getLeaderboard, type LeaderboardEntry } from './leaderboard.service';
import { rebuildXpRollups } from './rollups';
import { withTransaction } from './sql';
import { createGamificationHarness, type GamificationHarness } from './testing/harness';

let h: GamificationHarness;
const seed = Number(process.env.LEADERBOARD_SEED ?? Date.now() % 100000);
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(seed);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];

// Fixed clock: 15 November 2025 in Porto-Novo (UTC+1). The month is [31 Oct 23:00Z, 30 Nov 23:00Z).
const NOW = '2025-11-15T12:00:00Z';
const MONTH_FROM = Date.parse('2025-10-31T23:00:00Z');
const MONTH_TO = Date.parse('2025-11-30T23:00:00Z');
const INSTANTS = [
  '2025-10-31T22:59:59Z', // 23:59:59 on 31 October local: last month
  '2025-10-31T23:00:00Z', // midnight, 1 November local: this month
  '2025-11-10T08:00:00Z',
  '2025-11-30T22:59:59Z', // last second of November local
  '2025-11-30T23:00:00Z', // 1 December local: next month
  '2025-10-15T08:00:00Z',
];

let catA: number;
let catB: number;
const actors: (Actor & { user: User })[] = [];

/** Awards through the real path (ledger + user_xp + monthly and category totals). */
async function award(userId: number, awards: Omit<XpAward, 'reason' | 'sourceType'>[]) {
  await ensureUserRows(h.deps, userId);
  await withTransaction(h.db, async (tx) => {
    const before = await lockUserXp(h.deps, userId, tx);
    await applyAwards(
      h.deps,
      tx,
      userId,
      before,
      awards.map((a) => ({ ...a, reason: 'lesson_completed', sourceType: 'lesson' })),
    );
  });
}

beforeAll(async () => {
  h = await createGamificationHarness({ timezone: 'Africa/Porto-Novo' });
  h.setNow(NOW);
  catA = await h.category();
  catB = await h.category();
  for (let i = 0; i < 45; i++) {
    const a = await h.user({ hidden: rnd() < 0.2 });
    actors.push(a);
    // Some learners have no XP at all; the first two (deactivated and deleted below) always have some.
    const n = i < 2 ? 3 + Math.floor(rnd() * 5) : Math.floor(rnd() * 8);
    const awards = Array.from({ length: n }, (_, k) => ({
      amount: pick([5, 10, 10, 20, 30, 50]), // few distinct values: plenty of ties
      sourceId: `${h.run}-${i}-${k}`,
      categoryId: pick([catA, catA, catB, null]),
      at: new Date(pick(INSTANTS)),
    }));
    if (n > 0) await award(a.id, awards);
  }
  // One deleted and one deactivated account with XP: never ranked.
  await actors[0].user.update({ isActive: false });
  await actors[1].user.destroy();
});
afterAll(async () => h?.close());

interface Expected {
  userId: number;
  xp: number;
  rank: number;
  hidden: boolean;
}

/** Brute force: every row of the ledger, filtered, summed, sorted and ranked in JavaScript. */
async function bruteForce(scope: LeaderboardScope, categoryId?: number): Promise<Expected[]> {
  const users = await h.db.sequelize.query<{ id: number; is_active: number; deleted_at: Date | null; hide_from_leaderboard: number }>(
    'SELECT id, is_active, deleted_at, hide_from_leaderboard FROM users',
    { type: QueryTypes.SELECT },
  );
  const visible = new Map(users.filter((u) => u.is_active && !u.deleted_at).map((u) => [u.id, !!u.hide_from_leaderboard]));
  const sums = new Map<number, number>();
  {
    const ls = await h.db.sequelize.query<{ user_id: number; amount: number; category_id: number | null; created_at: Date }>(
      'SELECT user_id, amount, category_id, created_at FROM xp_ledger',
      { type: QueryTypes.SELECT },
    );
    for (const l of ls) {
      const t = new Date(l.created_at).getTime();
      if (scope === 'month' && !(t >= MONTH_FROM && t < MONTH_TO)) continue;
      // (global: every row)
      if (scope === 'category' && l.category_id !== categoryId) continue;
      sums.set(l.user_id, (sums.get(l.user_id) ?? 0) + l.amount);
    }
  }
  const list = [...sums]
    .filter(([id, xp]) => xp > 0 && visible.has(id))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return list.map(([userId, xp]) => ({ userId, xp, rank: 1 + list.filter(([, x]) => x > xp).length, hidden: visible.get(userId)! }));
}

async function wholeBoard(viewer: Actor, scope: LeaderboardScope, categoryId?: number): Promise<LeaderboardEntry[]> {
  const all: LeaderboardEntry[] = [];
  for (let offset = 0; ; offset += 7) {
    const page = await getLeaderboard(h.deps, viewer, { scope, categoryId, limit: 7, offset });
    all.push(...page.entries);
    if (!page.hasMore) break;
    expect(page.entries).toHaveLength(7);
  }
  return all;
}

describe(`leaderboards match a brute-force computation (seed ${seed})`, () => {
  const cases: [LeaderboardScope, () => number | undefined][] = [
    ['global', () => undefined],
    ['month', () => undefined],
    ['category', () => catA],
    ['category', () => catB],
  ];
  it.each(cases)('%s board', async (scope, cat) => {
    const categoryId = cat();
    const expected = await bruteForce(scope, categoryId);
    const viewer = actors[5];
    const got = await wholeBoard(viewer, scope, categoryId);
    expect(got.map((e) => [e.userId, e.rank, e.xp, e.anonymous])).toEqual(
      expected.map((e) => [e.hidden && e.userId !== viewer.id ? null : e.userId, e.rank, e.xp, e.hidden]),
    );
    // Anonymous rows carry no name; the others do.
    for (const e of got) expect(e.name === null).toBe(e.anonymous && !e.isViewer);

    // Every viewer sees their own rank, from any page (here a one-row page at the top).
    for (const a of actors) {
      const board = await getLeaderboard(h.deps, a, { scope, categoryId, limit: 1, offset: 0 });
      const mine = expected.find((e) => e.userId === a.id);
      expect(board.viewer, `viewer ${a.id}`).toEqual(mine ? { rank: mine.rank, xp: mine.xp } : null);
    }
  });

  it('rebuilding the totals from the ledger gives the same boards', async () => {
    const viewer = actors[7];
    const before = await Promise.all([wholeBoard(viewer, 'month'), wholeBoard(viewer, 'category', catA), wholeBoard(viewer, 'category', catB)]);
    const { months } = await rebuildXpRollups(h.deps);
    expect(months).toBeGreaterThan(0);
    const after = await Promise.all([wholeBoard(viewer, 'month'), wholeBoard(viewer, 'category', catA), wholeBoard(viewer, 'category', catB)]);
    expect(after).toEqual(before);
    expect(after[0].length).toBeGreaterThan(0);
  });

  it('includes the month boundaries of the platform time zone exactly', async () => {
    const u = await h.user();
    await award(u.id, [
      { amount: 7, sourceId: `${h.run}-a`, categoryId: null, at: new Date('2025-10-31T23:00:00Z') },
      { amount: 100, sourceId: `${h.run}-b`, categoryId: null, at: new Date('2025-10-31T22:59:59Z') },
      { amount: 1000, sourceId: `${h.run}-c`, categoryId: null, at: new Date('2025-11-30T23:00:00Z') },
    ]);
    const board = await getLeaderboard(h.deps, u, { scope: 'month', limit: 1, offset: 0 });
    expect(board.viewer?.xp).toBe(7);
    expect(board.periodStart).toBe('2025-11-01');
  });

  it('lets a learner opt out of appearing by name', async () => {
    const a = actors.find((x) => x.id !== actors[0].id && x.id !== actors[1].id)!;
    await User.update({ hideFromLeaderboard: true }, { where: { id: a.id } });
    const other = actors.find((x) => x.id !== a.id && x.id !== actors[0].id && x.id !== actors[1].id)!;
    const seen = await wholeBoard(other, 'global');
    const expected = await bruteForce('global');
    const pos = expected.findIndex((e) => e.userId === a.id);
    if (pos >= 0) expect(seen[pos]).toMatchObject({ userId: null, name: null, anonymous: true, xp: expected[pos].xp });
    const own = await wholeBoard(a, 'global');
    if (pos >= 0) expect(own[pos]).toMatchObject({ userId: a.id, anonymous: true, isViewer: true });
  });
});
