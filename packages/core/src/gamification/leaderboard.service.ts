// Leaderboards: global (user_xp.total_xp, read in index order), this month and per category (sums
// over the ledger, ranked in one pass with window functions). Competition ranking: equal XP, equal
// rank; ties are listed by user id. Learners who opted out keep their place but are anonymous.
import type { LeaderboardInput, LeaderboardScope } from '@mdsc/validators';
import { levelForXp } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { selectRows } from './sql';
import { monthStartDay, nextMonthStartDay, startOfDay } from './time';

export interface LeaderboardEntry {
  rank: number;
  /** null for anonymous learners (except the viewer's own row). */
  userId: number | null;
  name: string | null;
  avatarUrl: string | null;
  anonymous: boolean;
  xp: number;
  level: number;
  isViewer: boolean;
}

export interface LeaderboardDto {
  scope: LeaderboardScope;
  categoryId: number | null;
  /** For "month": the first day of the month (platform time zone). */
  periodStart: string | null;
  entries: LeaderboardEntry[];
  /** The viewer's own place, even outside the page; null when they have no XP in this board. */
  viewer: { rank: number; xp: number } | null;
  hasMore: boolean;
}

interface Row {
  user_id: number;
  xp: number;
  level?: number;
  rnk?: number;
  pos?: number;
  first_name: string;
  last_name: string;
  avatar_url: string | null;
  hide_from_leaderboard: number | boolean;
}

const VISIBLE_USER = 'u.deleted_at IS NULL AND u.is_active = ?';

function entryOf(r: Row, rank: number, viewerId: number, level: number): LeaderboardEntry {
  const isViewer = Number(r.user_id) === viewerId;
  const anonymous = Boolean(Number(r.hide_from_leaderboard));
  const shown = !anonymous || isViewer;
  return {
    rank,
    userId: shown ? Number(r.user_id) : null,
    // First name and initial: enough to recognise oneself and friends, not to profile anyone.
    name: shown ? `${r.first_name} ${r.last_name ? `${r.last_name.charAt(0)}.` : ''}`.trim() : null,
    avatarUrl: shown ? (r.avatar_url ?? null) : null,
    anonymous,
    xp: Number(r.xp),
    level,
    isViewer,
  };
}

async function globalBoard(deps: CoreDeps, actor: Actor, input: LeaderboardInput): Promise<LeaderboardDto> {
  const { db } = deps;
  const rows = await selectRows<Row>(
    db,
    `SELECT x.user_id, x.total_xp AS xp, x.current_level AS level, u.first_name, u.last_name, u.avatar_url, u.hide_from_leaderboard
       FROM user_xp x JOIN users u ON u.id = x.user_id
      WHERE x.total_xp > 0 AND ${VISIBLE_USER}
      ORDER BY x.total_xp DESC, x.user_id ASC
      LIMIT ? OFFSET ?`,
    [true, input.limit + 1, input.offset],
  );
  const page = rows.slice(0, input.limit);
  const countAbove = async (xp: number) => {
    const [r] = await selectRows<{ n: number }>(
      db,
      `SELECT COUNT(*) AS n FROM user_xp x JOIN users u ON u.id = x.user_id WHERE x.total_xp > ? AND ${VISIBLE_USER}`,
      [xp, true],
    );
    return Number(r.n);
  };
  const entries: LeaderboardEntry[] = [];
  for (const [i, r] of page.entries()) {
    const prev = entries[i - 1];
    let rank: number;
    if (prev && prev.xp === Number(r.xp)) rank = prev.rank;
    else if (i > 0 || input.offset === 0) rank = input.offset + i + 1;
    else rank = (await countAbove(Number(r.xp))) + 1;
    entries.push(entryOf(r, rank, actor.id, Number(r.level)));
  }
  let viewer: LeaderboardDto['viewer'] = null;
  const own = entries.find((e) => e.isViewer);
  if (own) viewer = { rank: own.rank, xp: own.xp };
  else {
    const [me] = await selectRows<{ xp: number }>(
      db,
      `SELECT x.total_xp AS xp FROM user_xp x JOIN users u ON u.id = x.user_id WHERE x.user_id = ? AND ${VISIBLE_USER}`,
      [actor.id, true],
    );
    if (me && Number(me.xp) > 0) viewer = { rank: (await countAbove(Number(me.xp))) + 1, xp: Number(me.xp) };
  }
  return { scope: 'global', categoryId: null, periodStart: null, entries, viewer, hasMore: rows.length > input.limit };
}

/** Sums over the ledger rows matching `filter`, ranked once; returns the page and the viewer's row. */
async function ledgerBoard(
  deps: CoreDeps,
  actor: Actor,
  input: LeaderboardInput,
  filter: { sql: string; params: unknown[] },
): Promise<Pick<LeaderboardDto, 'entries' | 'viewer' | 'hasMore'>> {
  const rows = await selectRows<Row>(
    deps.db,
    `WITH sums AS (
        SELECT l.user_id, SUM(l.amount) AS xp FROM xp_ledger l WHERE ${filter.sql} GROUP BY l.user_id
      ), ranked AS (
        SELECT s.user_id, s.xp,
               RANK() OVER (ORDER BY s.xp DESC) AS rnk,
               ROW_NUMBER() OVER (ORDER BY s.xp DESC, s.user_id ASC) AS pos
          FROM sums s JOIN users u ON u.id = s.user_id
         WHERE s.xp > 0 AND ${VISIBLE_USER}
      )
      SELECT r.user_id, r.xp, r.rnk, r.pos, u.first_name, u.last_name, u.avatar_url, u.hide_from_leaderboard, x.current_level AS level
        FROM ranked r JOIN users u ON u.id = r.user_id LEFT JOIN user_xp x ON x.user_id = r.user_id
       WHERE (r.pos > ? AND r.pos <= ?) OR r.user_id = ?
       ORDER BY r.pos`,
    [...filter.params, true, input.offset, input.offset + input.limit + 1, actor.id],
  );
  const inPage = rows.filter((r) => Number(r.pos) > input.offset && Number(r.pos) <= input.offset + input.limit);
  // Level: the learner's overall level (user_xp), not a level computed from this board's XP.
  const entries = inPage.map((r) => entryOf(r, Number(r.rnk), actor.id, Number(r.level ?? levelForXp(0).level)));
  const me = rows.find((r) => Number(r.user_id) === actor.id);
  return {
    entries,
    viewer: me ? { rank: Number(me.rnk), xp: Number(me.xp) } : null,
    hasMore: rows.some((r) => Number(r.pos) === input.offset + input.limit + 1),
  };
}

export async function getLeaderboard(deps: CoreDeps, actor: Actor, input: LeaderboardInput): Promise<LeaderboardDto> {
  if (input.scope === 'global') return globalBoard(deps, actor, input);
  if (input.scope === 'month') {
    const tz = deps.config.timezone;
    const first = monthStartDay(deps.clock.now(), tz);
    const from = startOfDay(first, tz);
    const to = startOfDay(nextMonthStartDay(first), tz);
    const board = await ledgerBoard(deps, actor, input, { sql: 'l.created_at >= ? AND l.created_at < ?', params: [from, to] });
    return { scope: 'month', categoryId: null, periodStart: first, ...board };
  }
  const board = await ledgerBoard(deps, actor, input, { sql: 'l.category_id = ?', params: [input.categoryId] });
  return { scope: 'category', categoryId: input.categoryId ?? null, periodStart: null, ...board };
}
